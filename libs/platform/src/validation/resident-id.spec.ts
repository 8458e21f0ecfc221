import fc from 'fast-check';
import {
  isValidResidentId,
  maskResidentId,
  PROVINCE_CODES,
  residentIdCheckChar,
  validateResidentId,
} from '@app/platform/validation';

const TODAY = '2025-01-01';
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

/** A generator of valid IDs: real province, real birth date in 1900..2024, any sequence. */
const validId = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    area: digits(4),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2024-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: digits(3),
  })
  .map(({ province, area, birth, seq }) => {
    const first17 = province + area + birth.toISOString().slice(0, 10).replace(/-/g, '') + seq;
    return first17 + residentIdCheckChar(first17);
  });

describe('validateResidentId', () => {
  it('accepts the contract examples', () => {
    expect(validateResidentId('140824200303150017', TODAY)).toEqual({
      ok: true,
      birthDate: '2003-03-15',
      areaCode: '140824',
      sex: 'male',
    });
    expect(validateResidentId('140824200005010518', TODAY)).toMatchObject({
      ok: true,
      birthDate: '2000-05-01',
    });
  });

  it('names the reason of a bad number', () => {
    expect(validateResidentId('14082420030315001', TODAY)).toEqual({ ok: false, reason: 'length' });
    expect(validateResidentId('1408242003031500171', TODAY)).toEqual({ ok: false, reason: 'length' });
    expect(validateResidentId('14082420030315001A', TODAY)).toEqual({ ok: false, reason: 'format' });
    expect(validateResidentId('1408242003031X0017', TODAY)).toEqual({ ok: false, reason: 'format' });
    expect(validateResidentId('990824200303150017', TODAY)).toEqual({ ok: false, reason: 'area' });
    const feb30 = '14082420230230001';
    expect(validateResidentId(feb30 + '0', TODAY)).toEqual({ ok: false, reason: 'birth-date' });
    const old = '14082418991231001';
    expect(validateResidentId(old + residentIdCheckChar(old), TODAY)).toEqual({
      ok: false,
      reason: 'birth-date',
    });
    const future = '14082420250102001';
    expect(validateResidentId(future + residentIdCheckChar(future), TODAY)).toEqual({
      ok: false,
      reason: 'birth-date',
    });
    expect(validateResidentId('140824200303150018', TODAY)).toEqual({ ok: false, reason: 'check-digit' });
  });

  it('accepts leap days and normalises a lowercase x', () => {
    let first17 = '14082420000229000';
    let i = 0;
    while (residentIdCheckChar(first17) !== 'X') first17 = `14082420000229${String(++i).padStart(3, '0')}`;
    const id = first17 + 'X';
    expect(isValidResidentId(id, TODAY)).toBe(true);
    expect(isValidResidentId(first17 + 'x', TODAY)).toBe(true);
    expect(validateResidentId(id, TODAY)).toMatchObject({ birthDate: '2000-02-29' });
    const notLeap = '14082419000229001';
    expect(validateResidentId(notLeap + residentIdCheckChar(notLeap), TODAY)).toEqual({
      ok: false,
      reason: 'birth-date',
    });
  });

  it('reads the sex from the 17th digit', () => {
    const f = '14082420030315002';
    expect(validateResidentId(f + residentIdCheckChar(f), TODAY)).toMatchObject({ sex: 'female' });
  });

  it('rejects a non-17-digit prefix in residentIdCheckChar', () => {
    expect(() => residentIdCheckChar('1408242003031500')).toThrow();
  });

  it('property: every generated valid ID passes', () => {
    fc.assert(fc.property(validId, (id) => isValidResidentId(id, TODAY)));
  });

  it('property: every single-character substitution fails', () => {
    const alphabet = '0123456789X';
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (id, pos, shift) => {
          const other = alphabet[(alphabet.indexOf(id[pos]) + shift) % alphabet.length];
          const changed = id.slice(0, pos) + other + id.slice(pos + 1);
          return !isValidResidentId(changed, TODAY);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('maskResidentId', () => {
  it('keeps the first 6 and last 2', () => {
    expect(maskResidentId('140824200303150017')).toBe('140824**********17');
    expect(maskResidentId('1234')).toBe('****');
  });
});
