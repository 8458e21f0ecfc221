/**
 * GB 11643-1999 resident ID check, duplicated here on purpose: the engine imports nothing of ours
 * (ARCHITECTURE.md). `libs/platform/src/validation` holds the shared validator for everyone else.
 */
import { isRealDate } from './calendar';

const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 91'.split(
    ' ',
  ),
);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdCheck =
  | { ok: true; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; reason: 'length' | 'format' | 'area' | 'birth-date' | 'check-digit' };

export function checkResidentId(raw: string, notAfter: string): IdCheck {
  if (raw.length !== 18) return { ok: false, reason: 'length' };
  const id = raw[17] === 'x' ? raw.slice(0, 17) + 'X' : raw;
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'format' };
  if (!PROVINCES.has(id.slice(0, 2))) return { ok: false, reason: 'area' };
  const y = +id.slice(6, 10);
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1900 || !isRealDate(y, +id.slice(10, 12), +id.slice(12, 14)) || birthDate > notAfter) {
    return { ok: false, reason: 'birth-date' };
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * WEIGHTS[i];
  if (CHECK[sum % 11] !== id[17]) return { ok: false, reason: 'check-digit' };
  return { ok: true, birthDate, sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female' };
}
