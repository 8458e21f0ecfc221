/** Mainland mobile numbers (11 digits, 1[3-9]…) and landlines (area code 0xx / 0xxx + 7–8 digits). */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0[1-9]\d{1,2}-?[2-9]\d{6,7}$/;

export function validateMobile(s: string): boolean {
  return typeof s === 'string' && MOBILE.test(s);
}

/** e.g. `0359-5521234`, `03595521234`, `010-12345678`. */
export function validateLandline(s: string): boolean {
  if (typeof s !== 'string' || !LANDLINE.test(s)) return false;
  const digits = s.replace('-', '');
  return digits.length >= 10 && digits.length <= 12;
}

/** `13912345678` → `139****5678`. Anything shorter than 8 characters is fully masked. */
export function maskMobile(s: string): string {
  if (s.length < 8) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}
