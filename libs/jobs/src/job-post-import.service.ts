import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, JobName, OutboxService } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { EnterpriseService } from '@app/enterprises';
import {
  ImportResult,
  ImportSummary,
  ImportedJobPost,
  RowError,
  dedupeKey,
  openSheet,
  validateJobPostRow,
} from './import';
import { JobPostRepository, NewJobPost } from './job-post.repository';
import { screenJobPost } from './job-post-screen';

/** The employer facts a post carries, remembered per credit code during one run. */
type Employer = NewJobPost['employer'];

/** Rows per transaction; each row still has its own savepoint. */
const IMPORT_BATCH_ROWS = 500;
/**
 * An import that adds at least this many posts refreshes job_posts' planner statistics when it
 * ends (ANALYZE samples at most 30,000 rows: ~0.1–0.3 s). Measured in bench:matching: right after a
 * 20,000-row sheet the planner estimated 81 published posts, read all 20,000 for each matching
 * fallback query (50–100 ms) instead of walking the newest-first index (2–6 ms after ANALYZE).
 */
export const IMPORT_ANALYZE_AFTER_POSTS = 1000;

export interface ImportProgress {
  /** Data rows processed so far. */
  rows: number;
  bytesRead: number;
  totalBytes?: number;
  imported: number;
  duplicates: number;
  rejected: number;
}

/**
 * Where an import stands after a commit: every sheet row up to `lastRow` has its outcome committed,
 * and the totals cover exactly those rows.
 */
export interface ImportCheckpoint {
  /** The last sheet row (spreadsheet numbering, header = 1) covered; 0 before any. */
  lastRow: number;
  rows: number;
  imported: number;
  duplicates: number;
  rejected: number;
}

/** Thrown between two rows when `ImportOptions.signal` is aborted; what was committed stays. */
export class ImportInterruptedError extends Error {
  override readonly name = 'ImportInterruptedError';

  constructor() {
    super('The import was interrupted (the process is stopping); it resumes from its last commit');
  }
}

export interface ImportOptions {
  /** Publish valid posts at once (else they wait in pending-review). */
  publish: boolean;
  /** The staff user importing (null for the CLI). */
  actorId?: string | null;
  /** The job_post_imports row of an upload, recorded on each post. */
  importId?: string | null;
  /** For stream input: the file name, whose extension hints the format. */
  fileName?: string;
  /** Called after every row; throttle on the caller's side. */
  onProgress?: (p: ImportProgress) => void;
  /**
   * Called inside every batch's transaction just before it commits — and once more, in a
   * transaction of its own, for rows left after the last batch (refused by validation) — with the
   * totals up to the batch's last row and the row errors found since the previous call. What it
   * writes through `m` commits together with exactly those rows: a run that dies between two
   * commits resumes (`resumeFrom`) from the last one without counting any row twice.
   */
  onCommit?: (m: EntityManager, checkpoint: ImportCheckpoint, newErrors: RowError[]) => Promise<void>;
  /**
   * Continue an import that stopped: rows up to `resumeFrom.lastRow` were committed by an earlier
   * run and are skipped (read, not processed again); counting continues from its totals. The
   * returned summary then covers this run's rows only — the checkpoints carry the totals.
   */
  resumeFrom?: ImportCheckpoint;
  /** Stops the import before the next row with an `ImportInterruptedError`; committed batches stay. */
  signal?: AbortSignal;
}

type RowOutcome = 'imported' | 'duplicate' | RowError;

/**
 * Imports a 岗位信息采集表 (contract: shared/contracts/job-post-import.md). Each row is all or
 * nothing (a savepoint in its batch's transaction): enterprise upsert by credit code, post insert
 * with ON CONFLICT on the open-post de-duplication index, and the outbox row when published — so a
 * bad row is never half-written and the same sheet imported twice (even twice at once) creates
 * nothing new.
 *
 * Needs only Postgres: the outbox rows wait for the worker, which indexes the published posts.
 * Throws `SheetUnreadableError` when the file itself cannot be used (CLI exit code 2).
 */
@Injectable()
export class JobPostImportService {
  private readonly logger = new Logger(JobPostImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly posts: JobPostRepository,
    private readonly outbox: OutboxService,
    private readonly enterprises: EnterpriseService,
  ) {}

  async importFile(input: string | Readable, opts: ImportOptions): Promise<ImportResult> {
    const summary = new ImportSummary();
    const sheet = await openSheet(input, { fileName: opts.fileName });
    summary.setUnknownColumns(sheet.unknownColumns);
    const today = todayInChina();
    const from = opts.resumeFrom;
    const counts = {
      rows: from?.rows ?? 0,
      imported: from?.imported ?? 0,
      duplicates: from?.duplicates ?? 0,
      rejected: from?.rejected ?? 0,
    };
    // The last row seen, the last row committed, and the errors of the rows in between.
    let lastRow = from?.lastRow ?? 0;
    let committedRow = lastRow;
    let uncommittedErrors: RowError[] = [];
    // Enterprises already upserted in this run (organisations are never deleted): later rows of
    // the same employer skip their statements.
    const known = new Map<string, Employer>();
    const report = () =>
      opts.onProgress?.({ ...counts, bytesRead: sheet.bytesRead, totalBytes: sheet.totalBytes });
    let batch: { post: ImportedJobPost; row: number }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const outcomes = await this.importBatch(batch, opts, known, async (m, decided) => {
        if (!opts.onCommit) return;
        const errors = [...uncommittedErrors];
        const checkpoint = { lastRow, ...counts };
        for (const outcome of decided) {
          if (outcome === 'imported') checkpoint.imported++;
          else if (outcome === 'duplicate') checkpoint.duplicates++;
          else {
            checkpoint.rejected++;
            errors.push(outcome);
          }
        }
        await opts.onCommit(m, checkpoint, errors);
      });
      for (const outcome of outcomes) {
        if (outcome === 'imported') {
          summary.imported();
          counts.imported++;
        } else if (outcome === 'duplicate') {
          summary.duplicate();
          counts.duplicates++;
        } else {
          summary.rejected([outcome]);
          counts.rejected++;
        }
      }
      committedRow = lastRow;
      uncommittedErrors = [];
      batch = [];
      report();
    };
    let skipped = 0;
    for await (const record of sheet.rows) {
      if (opts.signal?.aborted) throw new ImportInterruptedError();
      if (from && record.rowNumber <= from.lastRow) {
        // Committed by an earlier run: its outcome is in `from` already.
        if (++skipped % 1000 === 0) report();
        continue;
      }
      counts.rows++;
      lastRow = record.rowNumber;
      const result = validateJobPostRow(record.values, record.rowNumber, today);
      if (!result.ok) {
        summary.rejected(result.errors);
        counts.rejected++;
        if (opts.onCommit) uncommittedErrors.push(...result.errors);
        report();
      } else {
        batch.push({ post: result.value, row: record.rowNumber });
        if (batch.length >= IMPORT_BATCH_ROWS) await flush();
      }
    }
    await flush();
    if (opts.onCommit && lastRow > committedRow) {
      const onCommit = opts.onCommit;
      await this.dataSource.transaction((m) => onCommit(m, { lastRow, ...counts }, uncommittedErrors));
    }
    if (counts.imported - (from?.imported ?? 0) >= IMPORT_ANALYZE_AFTER_POSTS) {
      // The posts are committed; statistics that fail to refresh are autovacuum's job again.
      await this.posts
        .refreshStatistics()
        .catch((err: unknown) => this.logger.warn({ err }, 'ANALYZE job_posts after an import failed'));
    }
    return summary.toJSON();
  }

  /**
   * Rows are still all-or-nothing each, but written in batches: one transaction per batch, a
   * savepoint per row. A row that fails rolls back to its savepoint alone; the commit (and its
   * fsync) is paid once per batch instead of once per row — the difference between minutes and
   * seconds for a 100,000-row sheet.
   */
  private async importBatch(
    rows: { post: ImportedJobPost; row: number }[],
    opts: ImportOptions,
    known: Map<string, Employer>,
    beforeCommit: (m: EntityManager, outcomes: readonly RowOutcome[]) => Promise<void>,
  ): Promise<RowOutcome[]> {
    const learned = new Map<string, Employer>();
    const outcomes = await this.dataSource.transaction(async (m) => {
      const out: RowOutcome[] = [];
      for (const { post, row } of rows) {
        await m.query('SAVEPOINT import_row');
        try {
          const result = await this.importRow(m, post, opts, (code) => known.get(code) ?? learned.get(code));
          await m.query('RELEASE SAVEPOINT import_row');
          learned.set(post.employer.creditCode, result.employer);
          out.push(result.id === null ? 'duplicate' : 'imported');
        } catch (err) {
          await m.query('ROLLBACK TO SAVEPOINT import_row');
          if (err instanceof DomainError && err.status < 500) {
            const message =
              err.code === 'enterprise.credit-code-is-agency'
                ? '该统一社会信用代码已登记为人力资源服务机构，不能作为用人单位'
                : err.message;
            out.push({ row, column: '统一社会信用代码', message });
          } else {
            throw err;
          }
        }
      }
      await beforeCommit(m, out);
      return out;
    });
    // Remembered only once committed: a rolled-back batch leaves no enterprise behind.
    for (const [code, id] of learned) known.set(code, id);
    return outcomes;
  }

  /** One row inside the batch's transaction: enterprise upsert, post insert (or duplicate), outbox row. */
  private async importRow(
    m: EntityManager,
    post: ImportedJobPost,
    opts: ImportOptions,
    knownEmployer: (creditCode: string) => Employer | undefined,
  ): Promise<{ id: string | null; employer: Employer }> {
    let employer = knownEmployer(post.employer.creditCode);
    if (employer === undefined) {
      const { organisationId } = await this.enterprises.upsertByCreditCode(m, {
        name: post.employer.name,
        creditCode: post.employer.creditCode,
        size: post.employer.size,
        industry: post.employer.industry,
      });
      const facts = (await this.enterprises.facts([organisationId], m)).get(organisationId);
      if (!facts) throw new Error(`enterprise ${organisationId} vanished during the import`);
      employer = { id: organisationId, name: facts.name, size: facts.size, industry: facts.industry };
    }
    const screeningFlags = screenJobPost(post);
    const published = opts.publish && screeningFlags.length === 0;
    const id = await this.posts.insert(m, {
      employer,
      title: post.title,
      occupation: post.occupation,
      headcount: post.headcount,
      location: post.location,
      employmentType: post.employmentType,
      wageMinFen: post.wageMinFen,
      wageMaxFen: post.wageMaxFen,
      education: post.education,
      ageMin: post.ageMin,
      ageMax: post.ageMax,
      skills: post.skills,
      description: post.description,
      contactName: post.contactName,
      contactPhone: post.contactPhone,
      deadline: post.deadline,
      // A flagged post waits for staff review even when the import publishes (防虚假招聘、防收费).
      status: published ? 'published' : 'pending-review',
      screeningFlags,
      reviewedBy: opts.actorId ?? null,
      dedupeKey: dedupeKey(post),
      source: 'import',
      importId: opts.importId ?? null,
      createdBy: opts.actorId ?? null,
    });
    if (published && id !== null) await this.outbox.add(m, JobName.JobPostChanged, { jobPostId: id });
    return { id, employer };
  }
}
