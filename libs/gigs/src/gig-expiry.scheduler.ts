import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, OutboxService, ScheduleName, ScheduledJob } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { GigRepository } from './gig.repository';

const BATCH = 1000;

/** A gig whose day has passed closes itself (and leaves the index); every minute, idempotent. */
@Injectable()
export class GigExpiryScheduler {
  private readonly logger = new Logger(GigExpiryScheduler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly gigs: GigRepository,
    private readonly outbox: OutboxService,
  ) {}

  @ScheduledJob(ScheduleName.GigExpiry)
  async tick(): Promise<number> {
    return this.closePast();
  }

  async closePast(today: string = todayInChina()): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (m) => {
        const ids = await this.gigs.closePast(m, today, BATCH);
        await this.outbox.addMany(
          m,
          JobName.GigChanged,
          ids.map((gigId) => ({ gigId })),
        );
        return ids.length;
      });
      total += n;
      if (n < BATCH) break;
    }
    if (total > 0) this.logger.log({ closed: total, today }, 'past gigs closed');
    return total;
  }
}
