import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { JobName, ScheduleName } from '../queues/queue-names';
import {
  JOB_HANDLER,
  JOB_HANDLER_LONG,
  JobContext,
  LongJobContext,
  SCHEDULED_JOB,
} from './job-handler.decorator';

type Handler = (payload: unknown, ctx: JobContext) => Promise<void>;
type LongHandler = (payload: unknown, ctx: LongJobContext) => Promise<void>;
type ScheduledHandler = () => Promise<unknown>;

const SCHEDULES = new Set<string>(Object.values(ScheduleName));

/**
 * Finds every `@JobHandler`, `@LongJobHandler` and `@ScheduledJob` at start-up (refusing to start
 * when a job or schedule has none or two) and runs them:
 * - a job inside one transaction that first locks its outbox row: a row already processed is
 *   skipped, so a job delivered twice does its work once;
 * - a long job outside any transaction, its `complete(work)` committing with the "done" mark;
 * - a schedule's tick as it is (its handler is idempotent by design).
 */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly logger = new Logger(JobDispatcher.name);
  private readonly handlers = new Map<string, Handler>();
  private readonly longHandlers = new Map<string, LongHandler>();
  private readonly scheduled = new Map<string, ScheduledHandler>();

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
    if (problems.length) throw new Error(`Job handlers are not one per job: ${problems.join('; ')}`);
    this.logger.log({ jobs: [...found.keys()] }, 'job handlers registered');
  }

  async dispatch(
    job: Job<Record<string, unknown>>,
  ): Promise<'done' | 'already-processed' | 'deferred' | 'tick'> {
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
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.lockUnprocessed(manager, outboxId))) return 'already-processed';
      await handler(payload, { manager, outboxId });
      await markProcessed(manager, outboxId);
      return 'done';
    });
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
