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
  JobName,
  JobPayloads,
  LongJobContext,
  LongJobHandler,
  OutboxService,
  ScheduleName,
  ScheduledJob,
  outboxJobId,
} from '@app/platform';
import { ImportResult, SheetUnreadableError } from './import';
import { ClaimedImport, JobPostImportRepository } from './job-post-import.repository';
import { ImportCheckpoint, ImportInterruptedError, JobPostImportService } from './job-post-import.service';

/** Runs of one import (a run ends by finishing, failing, or its worker dying) before it is given up. */
const MAX_RUNS = 5;
const PROGRESS_EVERY_MS = 300;
/** BullMQ states in which a request will still run by itself: the sweep leaves those alone. */
const PENDING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

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
 * - The run holds no transaction open: a long job (`@LongJobHandler`), it commits each batch and
 *   ends with `complete`, which marks the import done with its request in one short transaction.
 * - One run per import at a time: a session advisory lock on a connection of the run's own,
 *   released when the run ends or its connection dies.
 * - The sweep (a BullMQ job scheduler, every min(OUTBOX_SWEEP_AFTER_MS, 60 s)) requests again an unfinished import with
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

  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: JobPostImportRepository,
    private readonly importer: JobPostImportService,
    private readonly outbox: OutboxService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'OUTBOX_SWEEP_AFTER_MS'>,
  ) {}

  onApplicationBootstrap(): void {
    this.queue = this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[JobName.JobPostImportRequested]), {
      strict: false,
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping.abort();
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
  }

  @LongJobHandler(JobName.JobPostImportRequested)
  async handle(
    { importId }: JobPayloads[JobName.JobPostImportRequested],
    ctx: LongJobContext,
  ): Promise<void> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await lock.query(
        `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`,
        [lockKey(importId)],
      );
      if (!locked) {
        // Another worker runs this import now; should it die, the sweep requests it again.
        this.logger.log({ importId }, 'job post import already running elsewhere; request left');
        return;
      }
      try {
        const job = await this.imports.claimRun(importId);
        // Done or failed already: a repeated request changes nothing.
        if (!job) return ctx.complete(async () => undefined);
        if (job.runs > MAX_RUNS) {
          this.logger.error({ importId, runs: job.runs }, 'job post import given up');
          return ctx.complete((m) =>
            this.imports.fail(
              m,
              importId,
              `导入已中断 ${MAX_RUNS} 次，已停止 / The import stopped ${MAX_RUNS} times without finishing and was given up`,
            ),
          );
        }
        await this.run(job, ctx);
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey(importId)]);
      }
    } finally {
      await lock.release();
    }
  }

  @ScheduledJob(ScheduleName.JobPostImportSweep)
  async sweepTick(): Promise<number> {
    return this.sweep();
  }

  /**
   * Requests again every unfinished import whose run died and whose request will not run by itself
   * (see the class comment); returns how many.
   */
  async sweep(staleAfterMs = this.config.OUTBOX_SWEEP_AFTER_MS): Promise<number> {
    const queue = this.queue;
    if (!queue) return 0;
    return this.dataSource.transaction(async (m) => {
      let requested = 0;
      for (const r of await this.imports.lockStale(m, staleAfterMs)) {
        // A live run holds the lock; probing takes it for an instant only.
        const [{ free }]: { free: boolean }[] = await m.query(
          `SELECT CASE WHEN pg_try_advisory_lock(hashtextextended($1, 0))
                       THEN pg_advisory_unlock(hashtextextended($1, 0)) ELSE false END AS free`,
          [lockKey(r.id)],
        );
        if (!free) continue;
        const request = r.outbox_id === null ? null : await this.outbox.state(m, r.outbox_id);
        if (r.outbox_id !== null && request && request.processedAt === null) {
          // Not yet published, or published and lost from Redis: the outbox relay and its sweeper see to it.
          if (request.publishedAt === null) continue;
          const queued = await queue.getJob(outboxJobId(r.outbox_id));
          if (!queued) continue;
          if (PENDING_STATES.has(await queued.getState())) continue;
          // Failed for good, `active` with nobody holding the lock, or completed without finishing:
          // its run is gone.
        }
        const outboxId = await this.outbox.add(m, JobName.JobPostImportRequested, { importId: r.id });
        await this.imports.setRequest(m, r.id, outboxId);
        requested++;
      }
      if (requested > 0) this.logger.warn({ requested }, 'stalled job post imports requested again');
      return requested;
    });
  }

  private async run(job: ClaimedImport, ctx: LongJobContext): Promise<void> {
    const dir = await mkdtemp(path.join(tmpdir(), 'jishan-import-'));
    let chain: Promise<unknown> = Promise.resolve();
    try {
      const file = path.join(dir, job.file_name);
      const size = await this.restoreFile(job.id, file);
      if (job.total_bytes === null || size !== Number(job.total_bytes)) {
        this.logger.error({ importId: job.id, size, expected: job.total_bytes }, 'stored upload incomplete');
        await ctx.complete((m) =>
          this.imports.fail(
            m,
            job.id,
            '上传的文件不完整，请重新上传 / The stored upload is incomplete; upload the sheet again',
          ),
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
          await this.imports.checkpoint(m, job.id, checkpoint, errors);
          latest = checkpoint;
        },
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          chain = chain.then(() => this.imports.progress(job.id, p).catch(() => undefined));
        },
      });
      await chain;
      await ctx.complete((m) => this.finish(m, job.id, latest, result.unknownColumns));
    } catch (err) {
      await chain;
      if (err instanceof SheetUnreadableError) {
        await ctx.complete((m) => this.imports.fail(m, job.id, err.message));
        return;
      }
      if (err instanceof ImportInterruptedError) {
        // Not the sheet's fault: this run does not count towards MAX_RUNS.
        await this.imports.giveBackRun(job.id).catch(() => undefined);
        throw err;
      }
      if (job.runs >= MAX_RUNS) {
        this.logger.error({ err, importId: job.id }, 'job post import failed');
        await ctx.complete((m) =>
          this.imports.fail(m, job.id, 'The import stopped on an internal error; it has been logged'),
        );
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
    const imports = this.imports;
    let size = 0;
    async function* pieces(): AsyncGenerator<Buffer> {
      for (let seq = 0; ; seq++) {
        const bytes = await imports.chunk(importId, seq);
        if (!bytes) return;
        size += bytes.length;
        yield bytes;
      }
    }
    await pipeline(Readable.from(pieces()), createWriteStream(file));
    return size;
  }

  /** In the completing transaction: the import is done exactly when its request is marked processed. */
  private async finish(
    m: EntityManager,
    importId: string,
    totals: ImportCheckpoint,
    unknownColumns: string[] | undefined,
  ): Promise<void> {
    const result: ImportResult = {
      imported: totals.imported,
      duplicates: totals.duplicates,
      rejected: totals.rejected,
      errors: await this.imports.errors(m, importId),
      ...(unknownColumns && unknownColumns.length > 0 ? { unknownColumns } : {}),
    };
    await this.imports.finish(m, importId, totals, result);
  }
}
