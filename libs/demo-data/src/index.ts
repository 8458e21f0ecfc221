/** Deterministic demo data for the county: enterprises, job posts, seekers and sheet CSVs. */
export { Prng } from './prng';
export { INDUSTRIES, OUTSIDE_PLACES } from './catalogue';
export type { Industry, Trade } from './catalogue';
export {
  creditCode,
  DEMO_AS_OF,
  generateEnterprises,
  generateJobPosts,
  generateSeekers,
  JISHAN_AREA_CODE,
  mobile,
  residentId,
} from './generate';
export type { DemoEnterprise, DemoJobPost, DemoSeeker } from './generate';
export { csvField, JOB_POST_SHEET_HEADERS, jobPostSheetRow, writeJobPostSheetCsv } from './sheet-csv';
