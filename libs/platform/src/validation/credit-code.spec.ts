import fc from 'fast-check';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  isValidCreditCode,
  validateCreditCode,
} from '@app/platform/validation';

const first17 = fc
  .array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 17, maxLength: 17 })
  .map((a) => a.join(''));
const validCode = first17.map((f) => f + creditCodeCheckChar(f));

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
