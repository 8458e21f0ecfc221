/**
 * Pure calendar arithmetic on ISO `YYYY-MM-DD` strings. No `Date`, no time zones: a date is a
 * triple of integers, and ISO strings compare correctly as strings.
 */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isRealDate(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** True when `s` is `YYYY-MM-DD` and names a real day. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45)
    return false;
  for (const i of DIGIT_POSITIONS) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const { y, m, d } = parseYmd(s);
  return isRealDate(y, m, d);
}

const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9];
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** Reads `YYYY-MM-DD` (assumed well-formed: validate with isIsoDate first). */
export function parseYmd(s: string): Ymd {
  return {
    y: digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3),
    m: digit(s, 5) * 10 + digit(s, 6),
    d: digit(s, 8) * 10 + digit(s, 9),
  };
}

export function formatYmd({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Adds calendar months; a day past the end of the target month is clamped (01-31 + 1 month = 02-28). */
export function addMonths(s: string, months: number): string {
  const { y, m, d } = parseYmd(s);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return formatYmd({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

export function addYears(s: string, years: number): string {
  return addMonths(s, years * 12);
}

/** Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
export function toDayNumber(s: string): number {
  const { y: y0, m, d } = parseYmd(s);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(z0: number): string {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return formatYmd({ y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d });
}

export function addDays(s: string, days: number): string {
  return fromDayNumber(toDayNumber(s) + days);
}

/** Full years from `from` to `to` (age on a date). */
export function fullYears(from: string, to: string): number {
  const a = parseYmd(from);
  const b = parseYmd(to);
  let years = b.y - a.y;
  if (b.m < a.m || (b.m === a.m && b.d < a.d)) years--;
  return years;
}

/** Full calendar months from `from` to `to` (`from` + result months ≤ `to`). */
export function fullMonths(from: string, to: string): number {
  const a = parseYmd(from);
  const b = parseYmd(to);
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  if (months > 0 && addMonths(from, months) > to) months--;
  else if (months < 0 && addMonths(from, months) < to) months++;
  return months;
}

export function yearOf(s: string): number {
  return digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
}
