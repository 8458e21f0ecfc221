import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, OutboxService } from '@app/platform';
import { todayInChina } from '@app/platform/validation';

const EVERY_MS = 60_000;
const BATCH = 1000;

/**
 * Expiry by deadline (截止日期): a post whose deadline day has passed (China time) becomes
 * `expired`, and a published one leaves the search index through the outbox. A simple interval in
 * the worker: the update is idempotent (only open posts with a past deadline match) and rows are
 * claimed with SKIP LOCKED, so two workers never expire a post twice.
 */
@Injectable()
export class JobPostExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobPostExpiryScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running ??= this.expireOverdue()
        .catch((err: unknown) => {
          this.logger.error({ err }, 'job post expiry failed');
          return 0;
        })
        .finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Expires every open post whose deadline is before `today`; returns how many. */
  async expireOverdue(today: string = todayInChina()): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (m) => {
        // A plain UPDATE … RETURNING answers [rows, count] through TypeORM; a WITH … SELECT answers rows.
        const rows: { id: string; was: string }[] = await m.query(
          `WITH due AS (
             SELECT id, status FROM job_posts
              WHERE status IN ('draft', 'pending-review', 'published') AND deadline < $1::date
              ORDER BY deadline LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
           , expired AS (
             UPDATE job_posts j SET status = 'expired', ended_at = now(), updated_at = now()
               FROM due WHERE j.id = due.id
             RETURNING j.id, due.status AS was)
           SELECT id, was FROM expired`,
          [today],
        );
        for (const r of rows) {
          if (r.was === 'published') await this.outbox.add(m, JobName.JobPostChanged, { jobPostId: r.id });
        }
        return rows.length;
      });
      total += n;
      if (n < BATCH) break;
    }
    if (total > 0) this.logger.log({ expired: total, today }, 'job posts expired');
    return total;
  }
}
