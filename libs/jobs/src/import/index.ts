/** Reading and validating the 岗位信息采集表 (job-post collection sheet): pure and streaming, no database. */
export {
  COUNTY_TOWNSHIP_NAMES,
  EDUCATION_LABELS,
  EMPLOYMENT_TYPE_LABELS,
  ENTERPRISE_SIZE_LABELS,
  JOB_POST_HEADERS,
  JOB_POST_HEADER_NAMES,
  REQUIRED_JOB_POST_HEADERS,
} from './headers';
export type { SheetHeaderSpec } from './headers';
export { SheetUnreadableError, cellText, detectEncoding, openSheet, readSheetRows } from './sheet-reader';
export type {
  OpenedSheet,
  ReadSheetOptions,
  SheetEncoding,
  SheetFormat,
  SheetHeader,
  SheetRecord,
  SheetUnreadableCode,
} from './sheet-reader';
export {
  AGE_LIMIT_MAX,
  AGE_LIMIT_MIN,
  DESCRIPTION_MAX_CHARS,
  HEADCOUNT_MAX,
  SHANXI_CITIES,
  WAGE_MAX_CNY,
  checkCreditCode,
  dedupeKey,
  normaliseCreditCode,
  parseAgeRange,
  parseLocation,
  splitSkills,
  toIsoDate,
  validateJobPostRow,
} from './job-post-row';
export type { ImportedJobPost, JobLocation, RowError, RowResult } from './job-post-row';
export { ImportSummary, createProgress, formatProgress } from './import-summary';
export type { ImportResult, Progress, ProgressOptions, ProgressState } from './import-summary';
export { TEMPLATE_HEADERS, blankCsvTemplate, writeBlankTemplate } from './template';
