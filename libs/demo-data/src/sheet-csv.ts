import type { Writable } from 'node:stream';
import { JOB_POST_HEADER_NAMES } from '@app/jobs';
import type { DemoJobPost } from './generate';

/** Headers of the collection sheet (岗位信息采集表): the import's own list, in the template's order. */
export const JOB_POST_SHEET_HEADERS = JOB_POST_HEADER_NAMES;

const SIZE = { large: '大型', medium: '中型', small: '小型', micro: '微型' } as const;
const EMPLOYMENT = {
  'full-time': '全职',
  'part-time': '兼职',
  temporary: '临时',
  internship: '见习',
} as const;
const EDUCATION = {
  none: '不限',
  'junior-high': '初中',
  'senior-high': '高中',
  'secondary-vocational': '中专',
  college: '大专',
  bachelor: '本科',
  master: '硕士',
} as const;

/** RFC 4180 quoting: only when needed, doubling inner quotes. */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One sheet row (CNY integers for wages, as sheets are filled in). */
export function jobPostSheetRow(p: DemoJobPost): string[] {
  const age = p.ageMin !== null || p.ageMax !== null ? `${p.ageMin ?? ''}-${p.ageMax ?? ''}` : '';
  return [
    p.employerName,
    p.creditCode,
    p.employerSize ? SIZE[p.employerSize] : '',
    p.industry ?? '',
    p.title,
    p.occupation ?? '',
    String(p.headcount),
    p.placeText,
    EMPLOYMENT[p.employmentType],
    p.wageMinFen === null ? '' : String(Math.round(p.wageMinFen / 100)),
    p.wageMaxFen === null ? '' : String(Math.round(p.wageMaxFen / 100)),
    p.education ? EDUCATION[p.education] : '',
    age,
    p.skills.join('、'),
    p.description ?? '',
    p.contactName,
    p.contactPhone,
    p.deadline ?? '',
  ].map(csvField);
}

/**
 * Writes the sheet as UTF-8 CSV with a BOM (so Excel opens it as UTF-8) and CRLF line ends,
 * honouring back-pressure so 100,000 rows stream in constant memory. Does not end the stream.
 */
export async function writeJobPostSheetCsv(
  rows: Iterable<DemoJobPost> | AsyncIterable<DemoJobPost>,
  stream: Writable,
): Promise<number> {
  const write = (chunk: string) =>
    stream.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => stream.once('drain', resolve));
  await write(`\uFEFF${JOB_POST_SHEET_HEADERS.join(',')}\r\n`);
  let count = 0;
  for await (const row of rows) {
    await write(`${jobPostSheetRow(row).join(',')}\r\n`);
    count++;
  }
  return count;
}
