import { internshipEligibility } from './internship-eligibility';

describe('internshipEligibility (二(十一))', () => {
  const today = '2026-12-02';
  const base = { today, birthDate: '1996-01-01', graduation: null, employed: false };

  it('takes a university graduate within two years who is not working, and refuses one who works', () => {
    const g = { date: '2025-07-01', level: 'university' as const, province: '山西' };
    expect(internshipEligibility({ ...base, graduation: g })).toMatchObject({
      eligible: true,
      groups: ['university-graduate'],
      failed: [],
    });
    const working = internshipEligibility({ ...base, graduation: g, employed: true });
    expect(working.eligible).toBe(false);
    expect(working.failed.find((x) => x.field === 'university-graduate')?.message).toBe('目前已就业');
  });

  it('counts two years to the day', () => {
    const g = (date: string) => ({ date, level: 'university' as const, province: '山西' });
    expect(internshipEligibility({ ...base, graduation: g('2024-12-02') }).eligible).toBe(true);
    expect(internshipEligibility({ ...base, graduation: g('2024-12-01') }).eligible).toBe(false);
  });

  it('takes any secondary-vocational graduate, unemployed youth aged 16–24 and graduates from abroad', () => {
    expect(
      internshipEligibility({
        ...base,
        graduation: { date: '2010-07-01', level: 'secondary-vocational', province: '山西' },
      }).groups,
    ).toEqual(['secondary-vocational-graduate']);
    expect(internshipEligibility({ ...base, birthDate: '2010-12-02' }).groups).toEqual(['unemployed-youth']);
    expect(internshipEligibility({ ...base, birthDate: '2002-12-02' }).groups).toEqual(['unemployed-youth']);
    expect(internshipEligibility({ ...base, birthDate: '2001-12-02' }).eligible).toBe(false);
    expect(internshipEligibility({ ...base, birthDate: '2010-12-03' }).eligible).toBe(false);
    expect(internshipEligibility({ ...base, birthDate: '2006-05-01', employed: true }).eligible).toBe(false);
    expect(
      internshipEligibility({
        ...base,
        graduation: { date: '2015-07-01', level: 'university', province: '境外' },
      }).groups,
    ).toEqual(['returned-overseas-graduate']);
  });

  it('names every failed condition when no group fits', () => {
    const r = internshipEligibility({ ...base, birthDate: '1981-03-01' });
    expect(r.eligible).toBe(false);
    expect(r.failed.map((f) => f.field)).toEqual([
      'university-graduate',
      'secondary-vocational-graduate',
      'unemployed-youth',
      'returned-overseas-graduate',
    ]);
    expect(r.failed.every((f) => f.message.length > 0)).toBe(true);
    expect(internshipEligibility({ ...base, birthDate: null }).failed[2].message).toMatch(/身份证号/);
  });
});
