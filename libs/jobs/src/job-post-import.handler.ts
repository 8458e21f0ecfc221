import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getQueueToken } from '@nestjs/bullmq';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  AppConfig,
  JOB_QUEUE,
  JobContext,
  JobHandler,
  JobName,
  JobPayloads,
  OutboxService,
  outboxJobId,
} from '@app/platform';
import { ImportResult, RowError, SheetUnreadableError } from './import';
import { ImportCheckpoint, ImportInterruptedError, JobPostImportService } from './job-post-import.service';

/** Runs of one import (a run ends by finishing, failing, or its worker dying) before it is given up. */
const MAX_RUNS = 5;
const PROGRESS_EVERY_MS = 300;
/** BullMQ states in which a request will still run by itself: the sweep leaves those alone. */
const PENDING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

interface StoredImport {
  id: string;
  file_name: string;
  publish: boolean;
  created_by: string;
  total_bytes: string | null;
  runs: number;
  checkpoint: ImportCheckpoint | null;
}

/** The advisory lock held by the run of one import (database-wide; the id is a random uuid). */
function lockKey(importId: string): string {
  return `job_post_import:${importId}`;
}

/**
 * Runs the staff uploads of 岗位信息采集表 in the worker (`jobs.import-requested`), durably.
 *
 * - The sheet is read back from `job_post_import_file_chunks` into a temp file and imported by
 *   `JobPostImportService` in batched transactions. Each batch's transaction also records a
 *   checkpoint (last sheet row covered, the counts) and its row errors on the import: the posts
 *   and the accounting of the rows that wrote them commit together.
 * - A run that dies (worker killed, Postgres connection lost) leaves the last checkpoint. The next
 *   run — BullMQ's retry of the stalled or failed job, or the sweep below — skips the rows up to
 *   it and continues, so every row is counted exactly once: a row committed by the dead run is
 *   neither imported again nor reported as a duplicate of itself.
 * - One run per import at a time: a transaction-scoped advisory lock taken in the job's
 *   transaction, released when that transaction ends or its connection dies.
 * - The sweep (every min(OUTBOX_SWEEP_AFTER_MS, 60 s)) requests again an unfinished import with
 *   no live run, no sign of life for OUTBOX_SWEEP_AFTER_MS and no request that will still run by
 *   itself (its job is failed, or active on a dead worker, or its outbox row was processed).
 *   After MAX_RUNS runs the import is failed: a sheet that kills its worker cannot loop forever.
 * - On shutdown the run stops before its next row and its job fails, to be retried by BullMQ.
 * - When the import ends (done or failed) the stored bytes and error rows are deleted in the
 *   transaction that marks it and its outbox row; `result` keeps the contract JSON.
 */
@Injectable()
export class JobPostImportHandler
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(JobPostImportHandler.name);
  private readonly stopping = new AbortController();
  private queue?: Queue;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly importer: JobPostImportService,
    private readonly outbox: OutboxService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'OUTBOX_SWEEP_AFTER_MS'>,
  ) {}

  onApplicationBootstrap(): void {
    this.queue = this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[JobName.JobPostImportRequested]), {
      strict: false,
    });
    const every = Math.min(this.config.OUTBOX_SWEEP_AFTER_MS, 60_000);
    const tick = async () => {
      if (this.stopping.signal.aborted) return;
      this.sweeping = this.sweep().catch((err: unknown) =>
        this.logger.error({ err }, 'job post import sweep failed'),
      );
      await this.sweeping;
      if (!this.stopping.signal.aborted) this.timer = setTimeout(tick, every);
    };
    this.timer = setTimeout(tick, every);
  }

  beforeApplicationShutdown(): void {
    this.stopping.abort();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.timer);
    await this.sweeping;
  }

  @JobHandler(JobName.JobPostImportRequested)
  async handle(
    { importId }: JobPayloads[JobName.JobPostImportRequested],
    { manager }: JobContext,
  ): Promise<void> {
    const [{ locked }]: { locked: boolean }[] = await manager.query(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
      [lockKey(importId)],
    );
    if (!locked) {
      // Another worker runs this import now; should it die, its own request resumes the import.
      this.logger.log({ importId }, 'job post import already running elsewhere; request dropped');
      return;
    }
    // Committed at once (not in the job's transaction): a run that dies still counts.
    const claimed: StoredImport[] = await this.dataSource.query(
      `WITH run AS (
         UPDATE job_post_imports
            SET status = 'running', runs = runs + 1, started_at = COALESCE(started_at, now()),
                heartbeat_at = now(),
                rows_processed = COALESCE((checkpoint->>'rows')::int, 0),
                imported = COALESCE((checkpoint->>'imported')::int, 0),
                duplicates = COALESCE((checkpoint->>'duplicates')::int, 0),
                rejected = COALESCE((checkpoint->>'rejected')::int, 0)
          WHERE id = $1 AND status IN ('queued', 'running')
          RETURNING id, file_name, publish, created_by, total_bytes, runs, checkpoint)
       SELECT * FROM run`,
      [importId],
    );
    const job = claimed[0];
    if (!job) return; // done or failed already: a repeated request changes nothing
    if (job.runs > MAX_RUNS) {
      this.logger.error({ importId, runs: job.runs }, 'job post import given up');
      await this.fail(
        manager,
        importId,
        `导入已中断 ${MAX_RUNS} 次，已停止 / The import stopped ${MAX_RUNS} times without finishing and was given up`,
      );
      return;
    }
    await this.run(job, manager);
  }

  /**
   * Requests again every unfinished import whose run died and whose request will not run by itself
   * (see the class comment); returns how many.
   */
  async sweep(staleAfterMs = this.config.OUTBOX_SWEEP_AFTER_MS): Promise<number> {
    const queue = this.queue;
    if (!queue) return 0;
    return this.dataSource.transaction(async (m) => {
      const rows: {
        id: string;
        outbox_id: string | null;
        published_at: Date | null;
        processed_at: Date | null;
      }[] = await m.query(
        `SELECT i.id, i.outbox_id, o.published_at, o.processed_at
           FROM job_post_imports i LEFT JOIN outbox o ON o.id = i.outbox_id
          WHERE i.status IN ('queued', 'running')
            AND i.heartbeat_at < now() - ($1::int * interval '1 millisecond')
          ORDER BY i.heartbeat_at LIMIT 100
          FOR UPDATE OF i SKIP LOCKED`,
        [staleAfterMs],
      );
      let requested = 0;
      for (const r of rows) {
        // A live run holds the lock; probing takes it for an instant only.
        const [{ free }]: { free: boolean }[] = await m.query(
          `SELECT CASE WHEN pg_try_advisory_lock(hashtextextended($1, 0))
                       THEN pg_advisory_unlock(hashtextextended($1, 0)) ELSE false END AS free`,
          [lockKey(r.id)],
        );
        if (!free) continue;
        if (r.outbox_id !== null && r.processed_at === null) {
          // Not yet published, or published and lost from Redis: the outbox relay and its sweeper see to it.
          if (r.published_at === null) continue;
          const queued = await queue.getJob(outboxJobId(r.outbox_id));
          if (!queued) continue;
          if (PENDING_STATES.has(await queued.getState())) continue;
          // Failed for good, or `active` with nobody holding the lock: its worker is gone.
        }
        const outboxId = await this.outbox.add(m, JobName.JobPostImportRequested, { importId: r.id });
        await m.query(`UPDATE job_post_imports SET outbox_id = $2, heartbeat_at = now() WHERE id = $1`, [
          r.id,
          outboxId,
        ]);
        requested++;
      }
      if (requested > 0) this.logger.warn({ requested }, 'stalled job post imports requested again');
      return requested;
    });
  }

  private async run(job: StoredImport, manager: EntityManager): Promise<void> {
    const dir = await mkdtemp(path.join(tmpdir(), 'jishan-import-'));
    let chain: Promise<unknown> = Promise.resolve();
    try {
      const file = path.join(dir, job.file_name);
      const size = await this.restoreFile(job.id, file);
      if (job.total_bytes === null || size !== Number(job.total_bytes)) {
        this.logger.error({ importId: job.id, size, expected: job.total_bytes }, 'stored upload incomplete');
        await this.fail(
          manager,
          job.id,
          '上传的文件不完整，请重新上传 / The stored upload is incomplete; upload the sheet again',
        );
        return;
      }
      let latest: ImportCheckpoint = job.checkpoint ?? {
        lastRow: 0,
        rows: 0,
        imported: 0,
        duplicates: 0,
        rejected: 0,
      };
      let last = 0;
      const result = await this.importer.importFile(file, {
        publish: job.publish,
        actorId: job.created_by,
        importId: job.id,
        resumeFrom: job.checkpoint ?? undefined,
        signal: this.stopping.signal,
        onCommit: async (m, checkpoint, errors) => {
          await this.recordErrors(m, job.id, errors);
          await m.query(`UPDATE job_post_imports SET checkpoint = $2, heartbeat_at = now() WHERE id = $1`, [
            job.id,
            JSON.stringify(checkpoint),
          ]);
          latest = checkpoint;
        },
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          chain = chain.then(() =>
            this.dataSource
              .query(
                `UPDATE job_post_imports SET rows_processed = $2, imported = $3, duplicates = $4, rejected = $5,
                   bytes_read = $6, heartbeat_at = now() WHERE id = $1 AND status = 'running'`,
                [job.id, p.rows, p.imported, p.duplicates, p.rejected, p.bytesRead],
              )
              .catch(() => undefined),
          );
        },
      });
      await chain;
      await this.finish(manager, job.id, latest, result.unknownColumns);
    } catch (err) {
      await chain;
      if (err instanceof SheetUnreadableError) {
        await this.fail(manager, job.id, err.message);
        return;
      }
      if (err instanceof ImportInterruptedError) {
        // Not the sheet's fault: this run does not count towards MAX_RUNS.
        await this.dataSource
          .query(`UPDATE job_post_imports SET runs = runs - 1 WHERE id = $1`, [job.id])
          .catch(() => undefined);
        throw err;
      }
      if (job.runs >= MAX_RUNS) {
        this.logger.error({ err, importId: job.id }, 'job post import failed');
        await this.fail(manager, job.id, 'The import stopped on an internal error; it has been logged');
        return;
      }
      this.logger.warn({ err, importId: job.id, run: job.runs }, 'job post import run failed; it resumes');
      throw err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Writes the stored upload to `file` one piece at a time; returns its size. */
  private async restoreFile(importId: string, file: string): Promise<number> {
    const ds = this.dataSource;
    let size = 0;
    async function* pieces(): AsyncGenerator<Buffer> {
      for (let seq = 0; ; seq++) {
        const rows: { bytes: Buffer }[] = await ds.query(
          `SELECT bytes FROM job_post_import_file_chunks WHERE import_id = $1 AND seq = $2`,
          [importId, seq],
        );
        if (!rows[0]) return;
        size += rows[0].bytes.length;
        yield rows[0].bytes;
      }
    }
    await pipeline(Readable.from(pieces()), createWriteStream(file));
    return size;
  }

  private async recordErrors(m: EntityManager, importId: string, errors: RowError[]): Promise<void> {
    if (errors.length === 0) return;
    await m.query(
      `INSERT INTO job_post_import_errors (import_id, row_number, column_name, message)
       SELECT $1, e.row_number, e.column_name, e.message
         FROM unnest($2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS e(row_number, column_name, message, n)
        ORDER BY e.n`,
      [importId, errors.map((e) => e.row), errors.map((e) => e.column), errors.map((e) => e.message)],
    );
  }

  /** In the job's transaction: the import is done exactly when its request is marked processed. */
  private async finish(
    m: EntityManager,
    importId: string,
    totals: ImportCheckpoint,
    unknownColumns: string[] | undefined,
  ): Promise<void> {
    const errors: { row_number: number; column_name: string; message: string }[] = await m.query(
      `SELECT row_number, column_name, message FROM job_post_import_errors WHERE import_id = $1 ORDER BY id`,
      [importId],
    );
    const result: ImportResult = {
      imported: totals.imported,
      duplicates: totals.duplicates,
      rejected: totals.rejected,
      errors: errors.map((e) => ({ row: e.row_number, column: e.column_name, message: e.message })),
      ...(unknownColumns && unknownColumns.length > 0 ? { unknownColumns } : {}),
    };
    await m.query(
      `UPDATE job_post_imports SET status = 'done', finished_at = now(), heartbeat_at = now(), rows_processed = $2,
         imported = $3, duplicates = $4, rejected = $5, bytes_read = COALESCE(total_bytes, bytes_read), result = $6
       WHERE id = $1`,
      [importId, totals.rows, totals.imported, totals.duplicates, totals.rejected, JSON.stringify(result)],
    );
    await this.discard(m, importId);
  }

  private async fail(m: EntityManager, importId: string, message: string): Promise<void> {
    await m.query(
      `UPDATE job_post_imports SET status = 'failed', finished_at = now(), heartbeat_at = now(), error = $2
        WHERE id = $1`,
      [importId, message],
    );
    await this.discard(m, importId);
  }

  /** The stored bytes and the interim error rows go when the import ends; `result` keeps the answer. */
  private async discard(m: EntityManager, importId: string): Promise<void> {
    await m.query(`DELETE FROM job_post_import_file_chunks WHERE import_id = $1`, [importId]);
    await m.query(`DELETE FROM job_post_import_errors WHERE import_id = $1`, [importId]);
  }
}
