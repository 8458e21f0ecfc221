import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, OutboxService } from '@app/platform';
import { UsersService } from '@app/identity';
import { SeekerProfileRepository } from './seeker-profile.repository';

export interface BirthYearBackfillReport {
  /** Profiles that got their birth year. */
  filled: number;
  /** Of those, the consenting ones re-indexed through the outbox. */
  reindexed: number;
  /** ID numbers that do not decrypt or validate: left null (no age band), tried again next start. */
  unreadable: number;
}

/**
 * Fills seeker_profiles.birth_year for profiles written before the column existed (migration
 * 1764300500000 cannot: SQL has no key). Runs in the API at start-up, which holds the key; each
 * batch is one transaction that also writes a `search.seeker-changed` outbox row per consenting
 * seeker, so the index gets the age band. Idempotent: only rows still null are touched, and
 * `SKIP LOCKED` lets several API processes share the work.
 */
@Injectable()
export class SeekerBirthYearBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeekerBirthYearBackfill.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: SeekerProfileRepository,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A failure costs age bands, not service: log it and let the API start (the next start retries).
    try {
      const report = await this.run();
      if (report.filled || report.unreadable) this.logger.log(report, 'seeker birth years backfilled');
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'seeker birth-year backfill failed');
    }
  }

  async run(batchSize = 500): Promise<BirthYearBackfillReport> {
    const report: BirthYearBackfillReport = { filled: 0, reindexed: 0, unreadable: 0 };
    // Keyset order, so rows that stay null (unreadable, or no ID number) are passed over.
    let after: string | null = null;
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const rows = await this.profiles.lockWithoutBirthYear(m, after, batchSize);
        const facts = await this.users.birthFacts(
          rows.map((r) => r.userId),
          m,
        );
        const years: { userId: string; year: number }[] = [];
        for (const row of rows) {
          const f = facts.get(row.userId);
          if (f === undefined || f === 'none') continue;
          if (f === 'unreadable') {
            this.logger.error({ seekerId: row.userId }, 'seeker ID number unreadable');
            report.unreadable += 1;
            continue;
          }
          years.push({ userId: row.userId, year: Number(f.birthDate.slice(0, 4)) });
          if (row.searchable) {
            await this.outbox.add(m, JobName.SeekerChanged, { seekerId: row.userId });
            report.reindexed += 1;
          }
        }
        await this.profiles.setBirthYears(m, years);
        report.filled += years.length;
        return rows;
      });
      if (batch.length < batchSize) return report;
      after = batch[batch.length - 1].userId;
    }
  }
}
