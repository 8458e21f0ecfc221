/**
 * Resident identity card numbers (居民身份证号码), GB 11643-1999: 6-digit area code, 8-digit birth
 * date, 3-digit sequence (odd = male), and a check character by ISO 7064 MOD 11-2.
 */
import { isRealDate, todayInChina } from './calendar-date';

/** Province-level codes (first two digits of the area code), GB/T 2260. Data, not logic. */
export const PROVINCE_CODES: readonly string[] = Object.freeze([
  '11', '12', '13', '14', '15', // 北京 天津 河北 山西 内蒙古
  '21', '22', '23', // 辽宁 吉林 黑龙江
  '31', '32', '33', '34', '35', '36', '37', // 上海 江苏 浙江 安徽 福建 江西 山东
  '41', '42', '43', '44', '45', '46', // 河南 湖北 湖南 广东 广西 海南
  '50', '51', '52', '53', '54', // 重庆 四川 贵州 云南 西藏
  '61', '62', '63', '64', '65', // 陕西 甘肃 青海 宁夏 新疆
  '71', '81', '82', '91', // 台湾 香港 澳门 国外
]); // prettier-ignore

const PROVINCES = new Set(PROVINCE_CODES);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const FIRST17 = /^\d{17}$/;

export type ResidentIdReason = 'length' | 'format' | 'area' | 'birth-date' | 'check-digit';
export type ResidentIdResult =
  | { ok: true; birthDate: string; areaCode: string; sex: 'male' | 'female' }
  | { ok: false; reason: ResidentIdReason };

/** The check character (0-9 or X) for the first 17 digits. Throws on anything but 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!FIRST17.test(first17)) throw new Error('residentIdCheckChar: expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Validates an 18-digit resident ID number. A lowercase `x` check character is accepted as `X`.
 * `today` (YYYY-MM-DD, default: today in China) bounds the birth date; it must also be ≥ 1900-01-01.
 */
export function validateResidentId(id: string, today: string = todayInChina()): ResidentIdResult {
  if (typeof id !== 'string' || id.length !== 18) return { ok: false, reason: 'length' };
  const s = id.endsWith('x') ? id.slice(0, 17) + 'X' : id;
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: 'format' };
  const areaCode = s.slice(0, 6);
  if (!PROVINCES.has(areaCode.slice(0, 2))) return { ok: false, reason: 'area' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (y < 1900 || !isRealDate(y, m, d) || birthDate > today) return { ok: false, reason: 'birth-date' };
  if (residentIdCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, reason: 'check-digit' };
  const sex = (s.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  return { ok: true, birthDate, areaCode, sex };
}

export function isValidResidentId(id: string, today?: string): boolean {
  return validateResidentId(id, today).ok;
}

/** `140824200303150017` → `140824**********17` (first 6, ten asterisks, last 2). */
export function maskResidentId(id: string): string {
  if (id.length < 9) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 8) + id.slice(-2);
}
