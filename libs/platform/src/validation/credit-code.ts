/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015: 18 characters of a 31-character
 * alphabet (no I, O, Z, S, V); the last is a MOD 31 check character.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const VALUE = new Map([...CREDIT_CODE_CHARSET].map((c, i) => [c, i]));

export type CreditCodeResult = { ok: true } | { ok: false; reason: 'length' | 'charset' | 'check-char' };

function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (VALUE.get(first17[i]) as number) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** The check character for the first 17 characters. Throws if they are not 17 charset characters. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17 || ![...first17].every((c) => VALUE.has(c))) {
    throw new Error('creditCodeCheckChar: expected 17 characters of the GB 32100 charset');
  }
  return checkCharOf(first17);
}

/** Validates a code as written (uppercase; no spaces). */
export function validateCreditCode(code: string): CreditCodeResult {
  if (typeof code !== 'string' || code.length !== 18) return { ok: false, reason: 'length' };
  for (const c of code) if (!VALUE.has(c)) return { ok: false, reason: 'charset' };
  if (checkCharOf(code.slice(0, 17)) !== code[17]) return { ok: false, reason: 'check-char' };
  return { ok: true };
}

export function isValidCreditCode(code: string): boolean {
  return validateCreditCode(code).ok;
}
