import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JOB_QUEUE, JobName, QueueName, ScheduleName, outboxJobId } from '../queues/queue-names';
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

  /** Publishes up to `batch` unpublished rows; returns how many. */
  async publishPending(batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (manager) => {
        const rows: OutboxRow[] = await manager.query(
          `SELECT id, job_name, payload FROM outbox WHERE published_at IS NULL
           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batch],
        );
        if (rows.length === 0) return 0;
        await this.enqueue(rows);
        await manager.query(
          `UPDATE outbox SET published_at = now(), publish_count = publish_count + 1 WHERE id = ANY($1::bigint[])`,
          [rows.map((r) => r.id)],
        );
        return rows.length;
      });
      total += n;
      if (n < batch) return total;
    }
  }

  /**
   * Republishes rows published more than OUTBOX_SWEEP_AFTER_MS ago and still unprocessed whose
   * job no longer exists in Redis. A job that is waiting, running or failed is left alone: the
   * first will run, the last is kept as evidence and retried by its own policy.
   */
  async sweep(olderThanMs = this.config.OUTBOX_SWEEP_AFTER_MS): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, job_name, payload FROM outbox
         WHERE published_at IS NOT NULL AND processed_at IS NULL
           AND published_at < now() - ($1::int * interval '1 millisecond')
         ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [olderThanMs],
      );
      const lost: OutboxRow[] = [];
      for (const row of rows) {
        const queue = this.queueFor(row.job_name);
        const job = await queue.getJob(outboxJobId(row.id));
        if (!job) lost.push(row);
      }
      if (lost.length === 0) return 0;
      await this.enqueue(lost);
      await manager.query(
        `UPDATE outbox SET published_at = now(), publish_count = publish_count + 1 WHERE id = ANY($1::bigint[])`,
        [lost.map((r) => r.id)],
      );
      this.logger.warn({ count: lost.length }, 'outbox rows republished by the sweeper');
      return lost.length;
    });
  }

  private async enqueue(rows: OutboxRow[]): Promise<void> {
    const byQueue = new Map<Queue, OutboxRow[]>();
    for (const row of rows) {
      const q = this.queueFor(row.job_name);
      byQueue.set(q, [...(byQueue.get(q) ?? []), row]);
    }
    for (const [queue, list] of byQueue) {
      await queue.addBulk(
        list.map((row) => ({
          name: row.job_name,
          data: { ...row.payload, outboxId: String(row.id) },
          opts: { jobId: outboxJobId(row.id) },
        })),
      );
    }
  }

  private queueFor(jobName: string): Queue {
    const queueName = JOB_QUEUE[jobName as JobName];
    const queue = queueName && this.queues.get(queueName);
    if (!queue) throw new Error(`Outbox row names an unknown job "${jobName}"`);
    return queue;
  }
}
