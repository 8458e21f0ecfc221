import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, OutboxService, ScheduleName, ScheduledJob } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { JobPostRepository } from './job-post.repository';

const BATCH = 1000;

/**
 * Expiry by deadline (截止日期): a post whose deadline day has passed (China time) becomes
 * `expired`, and a published one leaves the search index through the outbox. Run every minute by
 * a BullMQ job scheduler; the update is idempotent (only open posts with a past deadline match)
 * and rows are claimed with SKIP LOCKED, so two workers never expire a post twice.
 */
@Injectable()
export class JobPostExpiryScheduler {
  private readonly logger = new Logger(JobPostExpiryScheduler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly posts: JobPostRepository,
    private readonly outbox: OutboxService,
  ) {}

  @ScheduledJob(ScheduleName.JobPostExpiry)
  async tick(): Promise<number> {
    return this.expireOverdue();
  }

  /** Expires every open post whose deadline is before `today`; returns how many. */
  async expireOverdue(today: string = todayInChina()): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (m) => {
        const rows = await this.posts.expireDue(m, today, BATCH);
        await this.outbox.addMany(
          m,
          JobName.JobPostChanged,
          rows.filter((r) => r.was === 'published').map((r) => ({ jobPostId: r.id })),
        );
        return rows.length;
      });
      total += n;
      if (n < BATCH) break;
    }
    if (total > 0) this.logger.log({ expired: total, today }, 'job posts expired');
    return total;
  }
}
