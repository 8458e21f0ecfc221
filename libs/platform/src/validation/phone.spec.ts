import fc from 'fast-check';
import { maskMobile, validateLandline, validateMobile } from '@app/platform/validation';

describe('phones', () => {
  it('validates mainland mobiles', () => {
    expect(validateMobile('13912345678')).toBe(true);
    expect(validateMobile('19912345678')).toBe(true);
    expect(validateMobile('12912345678')).toBe(false);
    expect(validateMobile('1391234567')).toBe(false);
    expect(validateMobile('139123456789')).toBe(false);
    expect(validateMobile('+8613912345678')).toBe(false);
  });

  it('validates landlines', () => {
    expect(validateLandline('0359-5521234')).toBe(true);
    expect(validateLandline('03595521234')).toBe(true);
    expect(validateLandline('010-12345678')).toBe(false); // local numbers do not start with 1
    expect(validateLandline('010-22345678')).toBe(true);
    expect(validateLandline('5521234')).toBe(false);
    expect(validateLandline('0359-552123')).toBe(false);
    expect(validateLandline('13912345678')).toBe(false);
  });

  it('masks mobiles', () => {
    expect(maskMobile('13912345678')).toBe('139****5678');
    expect(maskMobile('123')).toBe('***');
  });

  it('property: a masked valid mobile shows only 7 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (m) => {
        const masked = maskMobile(m);
        return masked.length === 11 && masked.slice(3, 7) === '****' && validateMobile(m);
      }),
    );
  });
});
