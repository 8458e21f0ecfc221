import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import {
  BATCHED_QUEUES,
  BatchedRow,
  JOB_QUEUE,
  JobName,
  OUTBOX_BATCH_JOB,
  QueueName,
  ScheduleName,
  outboxBatchJobId,
  outboxJobId,
} from '../queues/queue-names';
import { ScheduledJob } from './job-handler.decorator';

interface OutboxRow {
  id: string;
  job_name: string;
  payload: Record<string, unknown>;
}

/**
 * Moves outbox rows into BullMQ. Rows are claimed with `FOR UPDATE SKIP LOCKED` (several workers
 * never publish the same row at once) and enqueued with a job id derived from the row, so a
 * publish repeated after a crash is still one job. The sweeper republishes rows that were
 * published but never processed — after a Redis flush, for instance — when their job is gone.
 *
 * The relay wakes on the `outbox` NOTIFY that an insert sends (see the migration OutboxNotify);
 * a BullMQ job scheduler polls every OUTBOX_POLL_MS as well, and another runs the sweeper: a lost
 * listening connection or a Redis outage only costs latency.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private stopped = false;
  private running?: Promise<unknown>;
  /** A notification came while a tick was running: run again at once when it ends. */
  private again = false;
  private listener?: Client;
  private relisten?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of Object.values(QueueName)) {
      this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    }
    if (process.env.OUTBOX_RELAY_DISABLED === 'true') return;
    this.wake = () => {
      if (this.stopped) return;
      if (this.running) {
        this.again = true;
        return;
      }
      this.running = this.drain().finally(() => (this.running = undefined));
    };
    void this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relisten);
    await this.listener?.end().catch(() => undefined);
    await this.running;
  }

  /** Publishes until no notification came in meanwhile. */
  private async drain(): Promise<void> {
    do {
      this.again = false;
      await this.publishPending().catch((err) => this.logger.error({ err }, 'outbox publish failed'));
    } while (this.again && !this.stopped);
  }

  /** The fallback poll (a BullMQ job scheduler every OUTBOX_POLL_MS): rows a lost NOTIFY or a Redis outage left. */
  @ScheduledJob(ScheduleName.OutboxPoll)
  async poll(): Promise<number> {
    return this.publishPending();
  }

  /** The sweeper's tick (a BullMQ job scheduler). */
  @ScheduledJob(ScheduleName.OutboxSweep)
  async sweepTick(): Promise<number> {
    return this.sweep();
  }

  private wake: () => void = () => undefined;

  /** LISTEN on a connection of its own (a pooled one would be handed to other queries). */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: `outbox-listener ${this.config.DATABASE_SCHEMA}`,
    });
    const retry = (err: unknown) => {
      if (this.stopped || this.listener !== client) return;
      this.listener = undefined;
      this.logger.warn({ err }, 'outbox LISTEN connection lost; polling until it is back');
      client.end().catch(() => undefined);
      this.relisten = setTimeout(() => void this.listen(), 1000);
    };
    this.listener = client;
    client.on('error', retry);
    client.on('end', () => retry(new Error('connection ended')));
    client.on('notification', (n) => {
      if (n.payload === this.config.DATABASE_SCHEMA) this.wake();
    });
    try {
      await client.connect();
      await client.query('LISTEN outbox');
      // Rows added while not listening are picked up by this tick.
      this.wake();
    } catch (err) {
      retry(err);
    }
  }

  /** Publishes unpublished rows, `batch` per transaction (default: the largest batch job); returns how many. */
  async publishPending(
    batch = Math.max(200, this.config.OUTBOX_BATCH_SIZE, this.config.OUTBOX_INDEX_BATCH_SIZE),
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (manager) => {
        const rows: OutboxRow[] = await manager.query(
          `SELECT id, job_name, payload FROM outbox WHERE published_at IS NULL
           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batch],
        );
        if (rows.length === 0) return 0;
        await this.markPublished(manager, await this.enqueue(rows));
        return rows.length;
      });
      total += n;
      if (n < batch) return total;
    }
  }

  /**
   * Republishes rows published more than OUTBOX_SWEEP_AFTER_MS ago and still unprocessed whose
   * job no longer exists in Redis (a flush), or completed without them (a commit lost with its
   * database, or a batch that found the row locked by a job that then vanished). A job that is
   * waiting, running or failed is left alone: the first two will run, the last is kept as
   * evidence and retried by its own policy.
   */
  async sweep(olderThanMs = this.config.OUTBOX_SWEEP_AFTER_MS): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: (OutboxRow & { job_id: string | null })[] = await manager.query(
        `SELECT id, job_name, payload, job_id FROM outbox
         WHERE published_at IS NOT NULL AND processed_at IS NULL
           AND published_at < now() - ($1::int * interval '1 millisecond')
         ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [olderThanMs],
      );
      const lost: OutboxRow[] = [];
      const states = new Map<string, string>();
      for (const row of rows) {
        const jobId = row.job_id ?? outboxJobId(row.id);
        let state = states.get(jobId);
        if (state === undefined) {
          const job = await this.queueFor(row.job_name).getJob(jobId);
          state = job ? await job.getState() : 'gone';
          states.set(jobId, state);
        }
        if (state === 'gone' || state === 'completed') lost.push(row);
      }
      if (lost.length === 0) return 0;
      // Each alone: a fresh job id, never the one of the batch that lost it.
      await this.markPublished(manager, await this.enqueue(lost, false));
      this.logger.warn({ count: lost.length }, 'outbox rows republished by the sweeper');
      return lost.length;
    });
  }

  private async markPublished(manager: EntityManager, published: { id: string; jobId: string }[]) {
    await manager.query(
      `UPDATE outbox o SET published_at = now(), publish_count = publish_count + 1, job_id = p.job_id
         FROM unnest($1::bigint[], $2::text[]) AS p (id, job_id) WHERE o.id = p.id`,
      [published.map((p) => p.id), published.map((p) => p.jobId)],
    );
  }

  /**
   * Enqueues rows: one job each, or — on the batched queues — one job per OUTBOX_BATCH_SIZE rows
   * published together. Answers each row's job id. A republished row goes alone, under a new id
   * (its first job id may still name a completed job).
   */
  private async enqueue(rows: OutboxRow[], batched = true): Promise<{ id: string; jobId: string }[]> {
    const byQueue = new Map<QueueName, OutboxRow[]>();
    for (const row of rows) {
      const q = this.queueNameOf(row.job_name);
      byQueue.set(q, [...(byQueue.get(q) ?? []), row]);
    }
    const published: { id: string; jobId: string }[] = [];
    for (const [name, list] of byQueue) {
      const queue = this.queues.get(name) as Queue;
      const size =
        !batched || !BATCHED_QUEUES.has(name)
          ? 1
          : name === QueueName.SearchIndex
            ? this.config.OUTBOX_INDEX_BATCH_SIZE
            : this.config.OUTBOX_BATCH_SIZE;
      const jobs: Parameters<Queue['addBulk']>[0] = [];
      for (let i = 0; i < list.length; i += size) {
        const chunk = list.slice(i, i + size);
        if (chunk.length === 1) {
          const row = chunk[0];
          const jobId = batched ? outboxJobId(row.id) : `${outboxJobId(row.id)}-${Date.now()}`;
          jobs.push({
            name: row.job_name,
            data: { ...row.payload, outboxId: String(row.id) },
            opts: { jobId },
          });
          published.push({ id: String(row.id), jobId });
          continue;
        }
        const jobId = outboxBatchJobId(chunk[0].id, chunk[chunk.length - 1].id, chunk.length);
        const data: { rows: BatchedRow[] } = {
          rows: chunk.map((r) => ({
            outboxId: String(r.id),
            name: r.job_name as JobName,
            payload: r.payload,
          })),
        };
        jobs.push({ name: OUTBOX_BATCH_JOB, data, opts: { jobId } });
        for (const r of chunk) published.push({ id: String(r.id), jobId });
      }
      await queue.addBulk(jobs);
    }
    return published;
  }

  private queueNameOf(jobName: string): QueueName {
    const queueName = JOB_QUEUE[jobName as JobName];
    if (!queueName || !this.queues.has(queueName))
      throw new Error(`Outbox row names an unknown job "${jobName}"`);
    return queueName;
  }

  private queueFor(jobName: string): Queue {
    const queueName = JOB_QUEUE[jobName as JobName];
    const queue = queueName && this.queues.get(queueName);
    if (!queue) throw new Error(`Outbox row names an unknown job "${jobName}"`);
    return queue;
  }
}
