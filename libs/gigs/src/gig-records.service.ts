import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { todayInChina } from '@app/platform/validation';
import { AvailabilityRecord, GigRecord, GigRepository, OpenGigCriteria } from './gig.repository';

/**
 * The gigs as the search reads them (the index feed, the Postgres fallback, "near me"): no keys,
 * nothing decrypted, so the worker uses it too.
 */
@Injectable()
export class GigRecords {
  constructor(private readonly gigs: GigRepository) {}

  searchOpen(c: OpenGigCriteria): Promise<{ items: GigRecord[]; total: number }> {
    return this.gigs.searchOpen(c);
  }

  records(ids: readonly string[], m?: EntityManager): Promise<GigRecord[]> {
    return this.gigs.many(ids, m);
  }

  openBatches(batchSize: number, today = todayInChina()): AsyncGenerator<GigRecord[]> {
    return this.gigs.openBatches(today, batchSize);
  }

  idsChangedSince(since: Date): AsyncGenerator<string[]> {
    return this.gigs.idsChangedSince(since);
  }

  availability(userId: string): Promise<AvailabilityRecord | null> {
    return this.gigs.availability(userId);
  }
}
