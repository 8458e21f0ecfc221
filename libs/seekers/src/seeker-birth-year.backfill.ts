import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, OutboxService } from '@app/platform';
import { PII_PURPOSE, PiiCipher } from '@app/identity';
import { birthYearOf } from './seeker-birth-year';

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
    private readonly outbox: OutboxService,
    private readonly cipher: PiiCipher,
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
    // Keyset order, so rows that stay null (unreadable) are passed over rather than read again.
    let after: string | null = null;
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const rows: { user_id: string; id_number_enc: Buffer; searchable_by_employers: boolean }[] =
          await m.query(
            `SELECT p.user_id, u.id_number_enc, p.searchable_by_employers
               FROM seeker_profiles p JOIN users u ON u.id = p.user_id
              WHERE p.birth_year IS NULL AND u.id_number_enc IS NOT NULL
                AND ($1::uuid IS NULL OR p.user_id > $1::uuid)
              ORDER BY p.user_id LIMIT $2
                FOR UPDATE OF p SKIP LOCKED`,
            [after, batchSize],
          );
        const ids: string[] = [];
        const years: number[] = [];
        for (const row of rows) {
          const year = this.yearOf(row.user_id, row.id_number_enc);
          if (year === null) {
            report.unreadable += 1;
            continue;
          }
          ids.push(row.user_id);
          years.push(year);
          if (row.searchable_by_employers) {
            await this.outbox.add(m, JobName.SeekerChanged, { seekerId: row.user_id });
            report.reindexed += 1;
          }
        }
        // updated_at stays: the seeker changed nothing.
        await m.query(
          `UPDATE seeker_profiles p SET birth_year = v.year
             FROM unnest($1::uuid[], $2::smallint[]) AS v (user_id, year)
            WHERE p.user_id = v.user_id AND p.birth_year IS NULL`,
          [ids, years],
        );
        report.filled += ids.length;
        return rows;
      });
      if (batch.length < batchSize) return report;
      after = batch[batch.length - 1].user_id;
    }
  }

  private yearOf(seekerId: string, enc: Buffer): number | null {
    try {
      return birthYearOf(this.cipher.decrypt(enc, PII_PURPOSE.idNumber));
    } catch (err) {
      this.logger.error({ err: (err as Error).message, seekerId }, 'seeker ID number unreadable');
      return null;
    }
  }
}
