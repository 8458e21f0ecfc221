import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { BatchedRow, JobName, OUTBOX_BATCH_JOB, ScheduleName } from '../queues/queue-names';
import {
  BATCH_JOB_HANDLER,
  BATCH_WHOLE_ON_FAILURE,
  BatchJobContext,
  JOB_HANDLER,
  JOB_HANDLER_LONG,
  JobContext,
  LongJobContext,
  SCHEDULED_JOB,
} from './job-handler.decorator';

type Handler = (payload: unknown, ctx: JobContext) => Promise<void>;
type LongHandler = (payload: unknown, ctx: LongJobContext) => Promise<void>;
type ScheduledHandler = () => Promise<unknown>;
type BatchHandler = (payloads: unknown[], ctx: BatchJobContext) => Promise<void>;

const SCHEDULES = new Set<string>(Object.values(ScheduleName));

/**
 * Finds every `@JobHandler`, `@LongJobHandler` and `@ScheduledJob` at start-up (refusing to start
 * when a job or schedule has none or two) and runs them:
 * - a job inside one transaction that first locks its outbox row: a row already processed is
 *   skipped, so a job delivered twice does its work once;
 * - a long job outside any transaction, its `complete(work)` committing with the "done" mark;
 * - a schedule's tick as it is (its handler is idempotent by design);
 * - a batch (several outbox rows in one job, see OutboxRelay) in one transaction that locks its
 *   rows (in id order) and keeps those not yet processed, runs each job name's
 *   `@BatchJobHandler` — or its single handler row after row — and marks them all. When the batch
 *   fails, its rows run one by one, each in its own transaction, so one bad row fails alone.
 */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly logger = new Logger(JobDispatcher.name);
  private readonly handlers = new Map<string, Handler>();
  private readonly longHandlers = new Map<string, LongHandler>();
  private readonly scheduled = new Map<string, ScheduledHandler>();
  private readonly batchHandlers = new Map<string, BatchHandler>();
  /** Jobs whose failed batches are retried whole, not row by row (see BatchJobHandler). */
  private readonly retriedWhole = new Set<string>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const where = `${proto.constructor.name}.${method}`;
        const job = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn as () => void);
        if (job) {
          found.set(job, [...(found.get(job) ?? []), where]);
          if (this.reflector.get<boolean | undefined>(JOB_HANDLER_LONG, fn as () => void)) {
            this.longHandlers.set(job, (fn as LongHandler).bind(instance));
          } else {
            this.handlers.set(job, (fn as Handler).bind(instance));
          }
        }
        const batch = this.reflector.get<JobName | undefined>(BATCH_JOB_HANDLER, fn as () => void);
        if (batch) {
          if (this.batchHandlers.has(batch)) throw new Error(`"${batch}" has two batch handlers (${where})`);
          this.batchHandlers.set(batch, (fn as BatchHandler).bind(instance));
          if (this.reflector.get<boolean | undefined>(BATCH_WHOLE_ON_FAILURE, fn as () => void))
            this.retriedWhole.add(batch);
        }
        const schedule = this.reflector.get<ScheduleName | undefined>(SCHEDULED_JOB, fn as () => void);
        if (schedule) {
          found.set(schedule, [...(found.get(schedule) ?? []), where]);
          this.scheduled.set(schedule, (fn as ScheduledHandler).bind(instance));
        }
      }
    }
    const problems: string[] = [];
    for (const name of [...Object.values(JobName), ...Object.values(ScheduleName)]) {
      const list = found.get(name) ?? [];
      if (list.length === 0) problems.push(`"${name}" has no handler`);
      if (list.length > 1) problems.push(`"${name}" has ${list.length} handlers: ${list.join(', ')}`);
    }
    for (const name of this.batchHandlers.keys()) {
      if (this.longHandlers.has(name)) problems.push(`"${name}" is a long job: it cannot be batched`);
    }
    if (problems.length) throw new Error(`Job handlers are not one per job: ${problems.join('; ')}`);
    this.logger.log({ jobs: [...found.keys()] }, 'job handlers registered');
  }

  async dispatch(
    job: Job<Record<string, unknown>>,
  ): Promise<'done' | 'already-processed' | 'deferred' | 'tick'> {
    if (job.name === OUTBOX_BATCH_JOB) return this.dispatchBatch((job.data as { rows: BatchedRow[] }).rows);
    if (SCHEDULES.has(job.name)) {
      const tick = this.scheduled.get(job.name);
      if (!tick) throw new Error(`No handler for schedule "${job.name}"`);
      await tick();
      return 'tick';
    }
    const { outboxId, ...payload } = job.data;
    if (typeof outboxId !== 'string') throw new Error(`Job ${job.id} carries no outboxId`);
    const long = this.longHandlers.get(job.name);
    if (long) return this.dispatchLong(long, payload, outboxId);
    return this.dispatchOne(job.name, payload, outboxId);
  }

  private async dispatchOne(
    name: string,
    payload: Record<string, unknown>,
    outboxId: string,
  ): Promise<'done' | 'already-processed'> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No handler for job "${name}"`);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.lockUnprocessed(manager, outboxId))) return 'already-processed';
      await handler(payload, { manager, outboxId });
      await markProcessed(manager, outboxId);
      return 'done';
    });
  }

  private async dispatchBatch(rows: BatchedRow[]): Promise<'done' | 'already-processed'> {
    for (const r of rows) {
      if (!this.handlers.has(r.name) || this.longHandlers.has(r.name)) {
        throw new Error(`No short handler for batched job "${r.name}"`);
      }
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const locked: { id: string; processed_at: Date | null }[] = await manager.query(
          // Waits for rows still locked (the relay's publishing transaction, a republished single
          // job) rather than skipping them; in id order, so overlapping batches never deadlock.
          `SELECT id, processed_at FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
          [rows.map((r) => r.outboxId)],
        );
        const mine = new Set(locked.filter((r) => r.processed_at === null).map((r) => String(r.id)));
        const todo = rows.filter((r) => mine.has(r.outboxId));
        if (todo.length === 0) return 'already-processed';
        const byName = new Map<string, BatchedRow[]>();
        for (const r of todo) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
        for (const [name, list] of byName) {
          const batch = this.batchHandlers.get(name);
          if (batch)
            await batch(
              list.map((r) => r.payload),
              { manager },
            );
          else {
            const handler = this.handlers.get(name) as Handler;
            for (const r of list) await handler(r.payload, { manager, outboxId: r.outboxId });
          }
        }
        await manager.query(
          `UPDATE outbox SET processed_at = now(), last_error = NULL WHERE id = ANY($1::bigint[])`,
          [todo.map((r) => r.outboxId)],
        );
        return 'done';
      });
    } catch (err) {
      if (rows.length === 1) throw err;
      if (rows.every((r) => this.retriedWhole.has(r.name))) {
        this.logger.warn({ err, rows: rows.length }, 'batch failed; retried whole');
        await this.dataSource
          .query(`UPDATE outbox SET last_error = $2 WHERE id = ANY($1::bigint[]) AND processed_at IS NULL`, [
            rows.map((r) => r.outboxId),
            String((err as Error).message).slice(0, 2000),
          ])
          .catch(() => undefined);
        throw err;
      }
      this.logger.warn({ err, rows: rows.length }, 'batch failed; its rows run one by one');
      let first: unknown;
      for (const r of rows) {
        try {
          await this.dispatchOne(r.name, r.payload, r.outboxId);
        } catch (e) {
          first ??= e;
          await this.recordFailureOf(r.outboxId, e as Error);
        }
      }
      // The batch is retried by its queue's policy; the rows done meanwhile are skipped then.
      if (first) throw first;
      return 'done';
    }
  }

  private async dispatchLong(
    handler: LongHandler,
    payload: Record<string, unknown>,
    outboxId: string,
  ): Promise<'done' | 'already-processed' | 'deferred'> {
    const rows: { processed_at: Date | null }[] = await this.dataSource.query(
      `SELECT processed_at FROM outbox WHERE id = $1`,
      [outboxId],
    );
    if (rows.length === 0) throw new Error(`Outbox row ${outboxId} does not exist`);
    if (rows[0].processed_at) return 'already-processed';
    let completed = false;
    await handler(payload, {
      outboxId,
      complete: async (work) => {
        await this.dataSource.transaction(async (manager) => {
          if (!(await this.lockUnprocessed(manager, outboxId))) return;
          await work(manager);
          await markProcessed(manager, outboxId);
        });
        completed = true;
      },
    });
    // A long handler that did not complete leaves its row to a later delivery (the sweeper's).
    return completed ? 'done' : 'deferred';
  }

  /** Locks the outbox row; false when it is processed already. */
  private async lockUnprocessed(manager: EntityManager, outboxId: string): Promise<boolean> {
    const rows: { processed_at: Date | null }[] = await manager.query(
      `SELECT processed_at FROM outbox WHERE id = $1 FOR UPDATE`,
      [outboxId],
    );
    if (rows.length === 0) throw new Error(`Outbox row ${outboxId} does not exist`);
    return rows[0].processed_at === null;
  }

  /** Records the last failure on the outbox row (outside the failed transaction) for operators. */
  async recordFailure(job: Job<Record<string, unknown>>, err: Error): Promise<void> {
    const outboxId = job.data?.outboxId;
    if (typeof outboxId !== 'string') return;
    await this.recordFailureOf(outboxId, err);
  }

  private async recordFailureOf(outboxId: string, err: Error): Promise<void> {
    await this.dataSource
      .query(`UPDATE outbox SET last_error = $2 WHERE id = $1`, [
        outboxId,
        String(err.message).slice(0, 2000),
      ])
      .catch(() => undefined);
  }
}

async function markProcessed(manager: EntityManager, outboxId: string): Promise<void> {
  await manager.query(`UPDATE outbox SET processed_at = now(), last_error = NULL WHERE id = $1`, [outboxId]);
}
