import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobName } from '../queues/queue-names';
import { JOB_HANDLER, JobContext } from './job-handler.decorator';

type Handler = (payload: unknown, ctx: JobContext) => Promise<void>;

/**
 * Finds every `@JobHandler` at start-up (refusing to start when a job has none or two) and runs a
 * job inside one transaction that first locks its outbox row: a row already processed is skipped,
 * so a job delivered twice does its work once.
 */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly logger = new Logger(JobDispatcher.name);
  private readonly handlers = new Map<string, Handler>();

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
        const job = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn as () => void);
        if (!job) continue;
        found.set(job, [...(found.get(job) ?? []), `${proto.constructor.name}.${method}`]);
        this.handlers.set(job, (fn as Handler).bind(instance));
      }
    }
    const problems: string[] = [];
    for (const job of Object.values(JobName)) {
      const list = found.get(job) ?? [];
      if (list.length === 0) problems.push(`job "${job}" has no handler`);
      if (list.length > 1) problems.push(`job "${job}" has ${list.length} handlers: ${list.join(', ')}`);
    }
    if (problems.length) throw new Error(`Job handlers are not one per job: ${problems.join('; ')}`);
    this.logger.log({ jobs: [...found.keys()] }, 'job handlers registered');
  }

  async dispatch(job: Job<Record<string, unknown>>): Promise<'done' | 'already-processed'> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    const { outboxId, ...payload } = job.data;
    if (typeof outboxId !== 'string') throw new Error(`Job ${job.id} carries no outboxId`);
    return this.dataSource.transaction(async (manager) => {
      const rows: { processed_at: Date | null }[] = await manager.query(
        `SELECT processed_at FROM outbox WHERE id = $1 FOR UPDATE`,
        [outboxId],
      );
      if (rows.length === 0) throw new Error(`Outbox row ${outboxId} does not exist`);
      if (rows[0].processed_at) return 'already-processed';
      await handler(payload, { manager, outboxId });
      await manager.query(`UPDATE outbox SET processed_at = now(), last_error = NULL WHERE id = $1`, [
        outboxId,
      ]);
      return 'done';
    });
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
