/**
 * Every queue and every job of the platform, in one place. A job's payload type is looked up by
 * its name, so enqueueing the wrong data does not compile. Payloads carry ids only: handlers
 * reload rows from Postgres and check their state, which makes a second delivery harmless.
 */
export enum QueueName {
  /** Platform housekeeping: pipeline checks. */
  Platform = 'platform',
  /** Keeping Meilisearch in step with Postgres. */
  SearchIndex = 'search-index',
  /** The money pipeline: subsidy decisions and claims after a hire, a certificate, a business… */
  Placements = 'placements',
  /** Staff sheet uploads (岗位信息采集表): long jobs, kept apart so they never hold up the others. */
  Imports = 'imports',
}

export enum JobName {
  /** An end-to-end check of outbox → relay → queue → worker, asked for by an admin or a test. */
  PipelinePing = 'platform.pipeline-ping',
  /** A job post was created, changed state or was edited: upsert or delete its search document. */
  JobPostChanged = 'search.job-post-changed',
  /** A seeker profile or its consent changed: upsert the staff/employer-facing document, or delete it. */
  SeekerChanged = 'search.seeker-changed',
  /** A placement (hire) was recorded: its subsidy decisions and claims are filed. */
  PlacementRecorded = 'placement.recorded',
  /** A placement ended: monthly subsidy accruals stop at its end date (the months up to it are filed). */
  PlacementEnded = 'placement.ended',
  /** A skill certificate was recorded: the skill-upgrade subsidy. */
  CertificateRecorded = 'subsidies.certificate-recorded',
  /** A startup business was recorded (or changed): startup subsidies. */
  BusinessRecorded = 'subsidies.business-recorded',
  /** An employer's unemployment-insurance year was recorded: the job-retention refund. */
  InsuranceYearRecorded = 'subsidies.insurance-year-recorded',
  /** A seeker's profile was written: the graduate job-search subsidy when its facts earn it (政策找人). */
  SeekerProfileWritten = 'subsidies.profile-written',
  /** A staff upload of a 岗位信息采集表 is stored: run (or resume) its import. */
  JobPostImportRequested = 'jobs.import-requested',
  /** An enterprise's size or industry changed: its posts (and their search documents) follow. */
  EnterpriseChanged = 'jobs.enterprise-changed',
  /** A gig was posted, changed state or had a place taken: upsert or delete its search document. */
  GigChanged = 'search.gig-changed',
}

/** Each job's payload. `outboxId` is added by the relay; handlers never see PII here. */
export interface JobPayloads {
  [JobName.PipelinePing]: { note: string };
  [JobName.JobPostChanged]: { jobPostId: string };
  [JobName.SeekerChanged]: { seekerId: string };
  [JobName.PlacementRecorded]: { placementId: string };
  [JobName.PlacementEnded]: { placementId: string };
  [JobName.CertificateRecorded]: { certificateId: string };
  [JobName.BusinessRecorded]: { businessId: string };
  [JobName.InsuranceYearRecorded]: { insuranceYearId: string };
  [JobName.SeekerProfileWritten]: { seekerId: string };
  [JobName.JobPostImportRequested]: { importId: string };
  [JobName.EnterpriseChanged]: { organisationId: string };
  [JobName.GigChanged]: { gigId: string };
}

export const JOB_QUEUE: { readonly [J in JobName]: QueueName } = {
  [JobName.PipelinePing]: QueueName.Platform,
  [JobName.JobPostChanged]: QueueName.SearchIndex,
  [JobName.SeekerChanged]: QueueName.SearchIndex,
  [JobName.PlacementRecorded]: QueueName.Placements,
  [JobName.PlacementEnded]: QueueName.Placements,
  [JobName.CertificateRecorded]: QueueName.Placements,
  [JobName.BusinessRecorded]: QueueName.Placements,
  [JobName.InsuranceYearRecorded]: QueueName.Placements,
  [JobName.SeekerProfileWritten]: QueueName.Placements,
  [JobName.JobPostImportRequested]: QueueName.Imports,
  [JobName.EnterpriseChanged]: QueueName.SearchIndex,
  [JobName.GigChanged]: QueueName.SearchIndex,
};

/**
 * The recurring work of the worker, run by BullMQ job schedulers (upserted at every start, visible
 * in Bull Board). Each has exactly one `@ScheduledJob` handler; two workers never run one tick twice.
 */
export enum ScheduleName {
  /** The outbox relay's fallback poll (it wakes on a Postgres NOTIFY first). */
  OutboxPoll = 'platform.outbox-poll',
  /** Republish outbox rows whose job vanished (a Redis flush). */
  OutboxSweep = 'platform.outbox-sweep',
  /** Request again the staff sheet imports whose run died. */
  JobPostImportSweep = 'jobs.import-sweep',
  /** Posts past their deadline (截止日期) expire. */
  JobPostExpiry = 'jobs.expire-posts',
  /** The search indexes against Postgres: repair drift. */
  SearchReconcile = 'search.reconcile',
  /** Subsidies that wait for time to pass: monthly accruals, six-month and yearly measures. */
  SubsidyDailyRun = 'subsidies.daily-run',
  /** Every source record against its expected claims: report, repair the missing. */
  SubsidyReconcile = 'subsidies.reconcile',
  /** Gigs whose day has passed close (and leave the search index). */
  GigExpiry = 'gigs.close-past',
}

/** Which queue runs each schedule: the short housekeeping on `platform`, the index work on `search-index`. */
export const SCHEDULE_QUEUE: { readonly [S in ScheduleName]: QueueName } = {
  [ScheduleName.OutboxPoll]: QueueName.Platform,
  [ScheduleName.OutboxSweep]: QueueName.Platform,
  [ScheduleName.JobPostImportSweep]: QueueName.Platform,
  [ScheduleName.JobPostExpiry]: QueueName.Platform,
  [ScheduleName.SearchReconcile]: QueueName.SearchIndex,
  [ScheduleName.SubsidyDailyRun]: QueueName.Placements,
  [ScheduleName.SubsidyReconcile]: QueueName.Placements,
  [ScheduleName.GigExpiry]: QueueName.Platform,
};

/** The payload as it travels in BullMQ: the job's own data plus the outbox row it came from. */
export type QueuedPayload<J extends JobName> = JobPayloads[J] & { outboxId: string };

export interface QueuePolicy {
  attempts: number;
  backoffMs: number;
  concurrency: number;
  /** Completed jobs kept (count); failures are kept longer because they are evidence. */
  keepCompleted: number;
  keepFailedDays: number;
}

/** The written policy of each queue (see README, "Queues"). */
export const QUEUE_POLICIES: { readonly [Q in QueueName]: QueuePolicy } = {
  [QueueName.Platform]: {
    attempts: 3,
    backoffMs: 1000,
    concurrency: 2,
    keepCompleted: 1000,
    keepFailedDays: 30,
  },
  [QueueName.SearchIndex]: {
    attempts: 10,
    backoffMs: 2000,
    concurrency: 4,
    keepCompleted: 1000,
    keepFailedDays: 30,
  },
  [QueueName.Placements]: {
    attempts: 8,
    backoffMs: 5000,
    // Money is written per person under an advisory lock: parallel filings of different people
    // never contend, and those of one person queue in Postgres, not here.
    concurrency: 8,
    keepCompleted: 5000,
    keepFailedDays: 90,
  },
  [QueueName.Imports]: {
    // The import handler counts its own runs (5) and resumes from its checkpoint; one at a time
    // per worker, so two 100,000-row sheets do not split two cores with everything else.
    attempts: 5,
    backoffMs: 5000,
    concurrency: 1,
    keepCompleted: 1000,
    keepFailedDays: 90,
  },
};

/** Deterministic BullMQ job id of an outbox row: publishing the same row twice is one job. */
/**
 * The name of a job that carries several outbox rows of one queue (see OutboxRelay): on the
 * queues below, rows published together travel as batches of up to OUTBOX_BATCH_SIZE, handled in
 * one transaction — a transaction, a lock and a round trip per row are what a burst of 10,000
 * hires cannot afford, and one Meilisearch task per post is what kept a 3,000-row sheet a minute
 * away from the search.
 */
export const OUTBOX_BATCH_JOB = 'outbox.batch';
export const BATCHED_QUEUES: ReadonlySet<QueueName> = new Set([QueueName.Placements, QueueName.SearchIndex]);

/** One row of a batch job. */
export interface BatchedRow {
  outboxId: string;
  name: JobName;
  payload: Record<string, unknown>;
}

/** The job id of a batch: its first and last rows (a republished row travels in a batch of its own). */
export function outboxBatchJobId(first: string | number, last: string | number, count: number): string {
  return `outbox-batch-${first}-${last}-${count}`;
}

export function outboxJobId(outboxId: string | number): string {
  return `outbox-${outboxId}`;
}
