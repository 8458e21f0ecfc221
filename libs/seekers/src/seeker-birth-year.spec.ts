import { toSeekerDocument } from '@app/search';
import { birthYearOf } from './seeker-birth-year';

describe('birthYearOf', () => {
  it('reads digits 7–10 of a valid resident ID number', () => {
    expect(birthYearOf('140824199202200040')).toBe(1992);
    expect(birthYearOf('14082419850315002X')).toBe(1985);
    expect(birthYearOf('14082419850315002x')).toBe(1985);
    expect(birthYearOf(' 140824198808080069 ')).toBe(1988);
  });

  it('is null when the number does not validate', () => {
    expect(birthYearOf('140824199202200041')).toBeNull(); // check digit
    expect(birthYearOf('140824199202300040')).toBeNull(); // 30 February
    expect(birthYearOf('14082419920220004')).toBeNull(); // length
    expect(birthYearOf('140824203001010010', '2025-11-20')).toBeNull(); // born in the future
  });
});

describe('age band from the stored birth year', () => {
  const seeker = {
    id: 's1',
    townshipCode: 'jifeng',
    desiredOccupations: [],
    skills: [],
    certificates: [],
    education: null,
    wageExpectationFen: null,
    availability: 'immediately' as const,
    groups: [],
    consentToMatching: true,
    updatedAt: '2025-01-01T00:00:00Z',
  };
  const band = (birthYear: number | null, today: string) =>
    toSeekerDocument({ ...seeker, birthYear }, today).ageBand;

  it('is the band of the age reached in the current calendar year', () => {
    expect(band(2001, '2025-06-30')).toBe('16-24');
    expect(band(2000, '2025-01-01')).toBe('25-34'); // 25 this year, even before the birthday
    expect(band(1991, '2025-12-31')).toBe('25-34');
    expect(band(1990, '2025-03-01')).toBe('35-44');
    expect(band(1960, '2025-03-01')).toBe('65+');
    expect(band(null, '2025-03-01')).toBeNull();
  });

  it('differs from the exact band by at most the months before the birthday', () => {
    // Born 2000-12-31: 24 until the birthday, but banded 25-34 from 1 January (the documented approximation).
    expect(toSeekerDocument({ ...seeker, birthDate: '2000-12-31' }, '2025-06-30').ageBand).toBe('16-24');
    expect(band(2000, '2025-06-30')).toBe('25-34');
    expect(toSeekerDocument({ ...seeker, birthDate: '2000-12-31' }, '2025-12-31').ageBand).toBe(
      band(2000, '2025-12-31'),
    );
  });

  it('never puts the year itself in the document', () => {
    expect(JSON.stringify(toSeekerDocument({ ...seeker, birthYear: 1987 }, '2025-06-30'))).not.toContain(
      '1987',
    );
  });
});
