/** Job posts (招聘岗位): their lifecycle, the sheet import (岗位信息采集表), expiry. */
export {
  COUNTY_TOWNSHIP_NAMES,
  JOB_POST_HEADERS,
  JOB_POST_HEADER_NAMES,
  SheetUnreadableError,
  createProgress,
  readSheetRows,
  dedupeKey,
  parseLocation,
  validateJobPostRow,
} from './import';
export type { ImportResult, ImportedJobPost, JobLocation, RowError, SheetRecord } from './import';
export { JOB_POST_STATUSES, JOB_POST_STATUS_NAMES } from './job-post.entity';
export type { JobPostStatus } from './job-post.entity';
export { JOB_POST_FACET_SQL } from './job-post.repository';
export type { JobPostFacet, JobPostRecord, PublishedPostCriteria } from './job-post.repository';
export { JobPostService, mayManage as mayManageJobPost } from './job-post.service';
export { JobPostImportService } from './job-post-import.service';
export type { ImportCheckpoint, ImportOptions } from './job-post-import.service';
export { JobPostImportHandler } from './job-post-import.handler';
export { JobPostExpiryScheduler } from './job-post-expiry.scheduler';
export { JobPostsModule, JobsModule, JobsWorkerModule } from './jobs.module';
export { EMPLOYMENT_TYPES, EMPLOYMENT_TYPE_NAMES } from './vocabulary';
export type { EmploymentType } from './vocabulary';
