import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { QUEUE_POLICIES, SCHEDULE_QUEUE, ScheduleName } from '../queues/queue-names';

/** How often the keeper upserts the schedulers again (see the class comment). */
const KEEP_EVERY_MS = 15_000;

/** Every schedule's interval, from the configuration. */
export function scheduleEveryMs(config: AppConfig): Record<ScheduleName, number> {
  // A sweep looks for rows stale for OUTBOX_SWEEP_AFTER_MS: looking more often than that is waste,
  // less often than a minute is latency, and more than once a second is a busy loop.
  const sweep = Math.max(1000, Math.min(config.OUTBOX_SWEEP_AFTER_MS, 60_000));
  return {
    [ScheduleName.OutboxPoll]: Math.max(100, config.OUTBOX_POLL_MS),
    [ScheduleName.OutboxSweep]: sweep,
    [ScheduleName.JobPostImportSweep]: sweep,
    [ScheduleName.JobPostExpiry]: 60_000,
    [ScheduleName.SearchReconcile]: 10 * 60_000,
    // Hourly: a month that ended is accrued within the hour; catching up after downtime is the same run.
    [ScheduleName.SubsidyDailyRun]: 60 * 60_000,
    [ScheduleName.SubsidyReconcile]: 6 * 60 * 60_000,
    [ScheduleName.GigExpiry]: 60_000,
  };
}

/**
 * Upserts a BullMQ job scheduler for every schedule at start, and again every 15 s: the
 * schedulers live in Redis, and a Redis that lost them (a flush, a restart without persistence)
 * has them back within a minute without anyone restarting a worker. Upserting is idempotent; with
 * several workers there is still one scheduler per schedule, and one worker runs each tick.
 *
 * OUTBOX_RELAY_DISABLED=true (tests that drive the relay by hand) leaves out the outbox poll and
 * sweep; SEARCH_RECONCILE_DISABLED=true (benchmarks) the search reconciliation;
 * SUBSIDY_RECONCILE_DISABLED=true (the fault tests, which must see the pipeline alone recover,
 * not the reconciliation repair) the claims' reconciliation.
 */
@Injectable()
export class ScheduleKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduleKeeper.name);
  private timer?: NodeJS.Timeout;
  private keeping?: Promise<void>;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The schedules this worker keeps, with their intervals. */
  schedules(): [ScheduleName, number][] {
    const every = scheduleEveryMs(this.config);
    const off = new Set<ScheduleName>();
    if (process.env.OUTBOX_RELAY_DISABLED === 'true') {
      off.add(ScheduleName.OutboxPoll).add(ScheduleName.OutboxSweep);
    }
    if (process.env.SEARCH_RECONCILE_DISABLED === 'true') off.add(ScheduleName.SearchReconcile);
    if (process.env.SUBSIDY_RECONCILE_DISABLED === 'true') off.add(ScheduleName.SubsidyReconcile);
    return Object.values(ScheduleName)
      .filter((s) => !off.has(s))
      .map((s) => [s, every[s]]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.keep();
    this.timer = setInterval(() => {
      this.keeping ??= this.keep()
        .catch((err: unknown) =>
          this.logger.warn({ err }, 'job schedulers not upserted; the next round retries'),
        )
        .finally(() => (this.keeping = undefined));
    }, KEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.keeping;
  }

  async keep(): Promise<void> {
    for (const [name, every] of this.schedules()) {
      const queueName = SCHEDULE_QUEUE[name];
      const queue = this.moduleRef.get<Queue>(getQueueToken(queueName), { strict: false });
      const policy = QUEUE_POLICIES[queueName];
      await queue.upsertJobScheduler(
        name,
        { every },
        {
          name,
          data: {},
          opts: {
            // A tick that failed is retried by the next tick, not by attempts; failures are kept.
            attempts: 1,
            removeOnComplete: { count: 100 },
            removeOnFail: { age: policy.keepFailedDays * 24 * 3600 },
          },
        },
      );
    }
  }
}
