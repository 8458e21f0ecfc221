/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015: 18 characters of a 31-character
 * alphabet (no I, O, Z, S, V):
 *
 *   position 1     登记管理部门代码 registration authority: 1–9, A, N or Y
 *   position 2     机构类别代码 organisation category: 1, 2, 3 or 9
 *   positions 3–8  登记管理机关行政区划码: the six-digit GB/T 2260 area code of the registering
 *                  office (100000 for national bodies)
 *   positions 9–17 主体标识码 the subject identifier
 *   position 18    the MOD 31 check character
 */
import { PROVINCE_CODES } from './resident-id';

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const VALUE = new Map([...CREDIT_CODE_CHARSET].map((c, i) => [c, i]));
/** 登记管理部门: 1 机构编制 … 9 市场监管(工商), A 中央军委改革和编制办公室, N 农业农村, Y 其他. */
export const CREDIT_CODE_AUTHORITIES = '123456789ANY';
/** 机构类别 as GB 32100 lists them across authorities: 1, 2, 3, and 9 (其他). */
export const CREDIT_CODE_CATEGORIES = '1239';
/** First two digits of a registering office's area code: a province-level code, or 10 (national). */
const AREA_PREFIXES = new Set([...PROVINCE_CODES.filter((p) => p !== '91'), '10']);
const AREA = /^\d{6}$/;

export type CreditCodeReason = 'length' | 'charset' | 'authority' | 'category' | 'area' | 'check-char';
export type CreditCodeResult = { ok: true } | { ok: false; reason: CreditCodeReason };

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

/** Validates a code as written (uppercase; no spaces): structure first, then the check character. */
export function validateCreditCode(code: string): CreditCodeResult {
  if (typeof code !== 'string' || code.length !== 18) return { ok: false, reason: 'length' };
  for (const c of code) if (!VALUE.has(c)) return { ok: false, reason: 'charset' };
  if (!CREDIT_CODE_AUTHORITIES.includes(code[0])) return { ok: false, reason: 'authority' };
  if (!CREDIT_CODE_CATEGORIES.includes(code[1])) return { ok: false, reason: 'category' };
  const area = code.slice(2, 8);
  if (!AREA.test(area) || !AREA_PREFIXES.has(area.slice(0, 2))) return { ok: false, reason: 'area' };
  if (checkCharOf(code.slice(0, 17)) !== code[17]) return { ok: false, reason: 'check-char' };
  return { ok: true };
}

export function isValidCreditCode(code: string): boolean {
  return validateCreditCode(code).ok;
}

/** Why a code is refused, as the end of a sentence "it …" that names no value. */
export function creditCodeReasonText(reason: CreditCodeReason): string {
  switch (reason) {
    case 'length':
      return 'is not 18 characters long';
    case 'charset':
      return "holds characters outside GB 32100's (digits and capitals without I, O, Z, S, V)";
    case 'authority':
      return 'starts with an unknown registration authority (1–9, A, N or Y)';
    case 'category':
      return 'has an unknown organisation category in position 2 (1, 2, 3 or 9)';
    case 'area':
      return 'has no six-digit area code of a registering office in positions 3–8';
    case 'check-char':
      return 'has a wrong check character (the last one)';
  }
}
