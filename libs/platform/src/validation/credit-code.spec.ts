import fc from 'fast-check';
import {
  CREDIT_CODE_AUTHORITIES,
  CREDIT_CODE_CATEGORIES,
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  isValidCreditCode,
  validateCreditCode,
} from '@app/platform/validation';

const anyChars = (n: number) =>
  fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: n, maxLength: n }).map((a) => a.join(''));
const first17 = anyChars(17);
/** Codes of a valid structure: authority, category, an area code under a real province, any subject id. */
const validCode = fc
  .tuple(
    fc.constantFrom(...CREDIT_CODE_AUTHORITIES),
    fc.constantFrom(...CREDIT_CODE_CATEGORIES),
    fc.constantFrom('10', '11', '14', '32', '65', '82'),
    fc.integer({ min: 0, max: 9999 }),
    anyChars(9),
  )
  .map(([a, c, p, area, subject]) => {
    const f = `${a}${c}${p}${String(area).padStart(4, '0')}${subject}`;
    return f + creditCodeCheckChar(f);
  });

describe('validateCreditCode', () => {
  it('accepts known good codes', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true });
    expect(
      isValidCreditCode('911408243175012345'.slice(0, 17) + creditCodeCheckChar('91140824317501234')),
    ).toBe(true);
  });

  it('names the reason of a bad code', () => {
    expect(validateCreditCode('91350100M000100Y4')).toEqual({ ok: false, reason: 'length' });
    expect(validateCreditCode('91350100M000100I43')).toEqual({ ok: false, reason: 'charset' });
    expect(validateCreditCode('91350100m000100Y43')).toEqual({ ok: false, reason: 'charset' });
    expect(validateCreditCode('91350100M000100Y44')).toEqual({ ok: false, reason: 'check-char' });
  });

  it('checks the structure of GB 32100, not only the check character', () => {
    const withCheck = (f: string) => f + creditCodeCheckChar(f);
    // The review's example: letters where the authority, the category and the area code belong.
    expect(validateCreditCode('MM8H3G5WTHWDEWAJRP')).toEqual({ ok: false, reason: 'authority' });
    expect(validateCreditCode(withCheck('B1140824MA0KT0003'))).toEqual({ ok: false, reason: 'authority' });
    expect(validateCreditCode(withCheck('94140824MA0KT0003'))).toEqual({ ok: false, reason: 'category' });
    expect(validateCreditCode(withCheck('9114A824MA0KT0003'))).toEqual({ ok: false, reason: 'area' });
    expect(validateCreditCode(withCheck('91990824MA0KT0003'))).toEqual({ ok: false, reason: 'area' });
    for (const ok of ['11100000000013127', '51140824MJY000012', 'N2140824MA0KT0003', 'Y9140824MA0KT0003']) {
      expect(validateCreditCode(withCheck(ok))).toEqual({ ok: true });
    }
  });

  it('property: a random string with a right check character is refused unless its structure holds', () => {
    fc.assert(
      fc.property(first17, (f) => {
        const code = f + creditCodeCheckChar(f);
        const structured =
          CREDIT_CODE_AUTHORITIES.includes(f[0]) &&
          CREDIT_CODE_CATEGORIES.includes(f[1]) &&
          /^\d{6}$/.test(f.slice(2, 8));
        return structured || !isValidCreditCode(code);
      }),
      { numRuns: 2000 },
    );
  });

  it('maps a remainder of 0 to check character 0', () => {
    const f = '00000000000000000';
    expect(creditCodeCheckChar(f)).toBe('0');
    expect(() => creditCodeCheckChar('0000000000000000O')).toThrow();
  });

  it('property: every generated valid code passes', () => {
    fc.assert(fc.property(validCode, (c) => isValidCreditCode(c)));
  });

  it('property: every single-character substitution fails', () => {
    fc.assert(
      fc.property(
        validCode,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (c, pos, shift) => {
          const other = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(c[pos]) + shift) % 31];
          return !isValidCreditCode(c.slice(0, pos) + other + c.slice(pos + 1));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
