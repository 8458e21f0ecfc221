import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PlacementRecord, PlacementRepository } from './placement.repository';

/**
 * Placements as other domains read them (the subsidies pipeline, fairs' outcomes): records with
 * their hire snapshots, no personal data, no access check (the caller's).
 */
@Injectable()
export class Placements {
  constructor(private readonly placements: PlacementRepository) {}

  get(id: string, m?: EntityManager): Promise<PlacementRecord | null> {
    return this.placements.get(id, m);
  }

  async many(ids: readonly string[], m?: EntityManager): Promise<Map<string, PlacementRecord>> {
    return new Map((await this.placements.getMany(ids, m)).map((p) => [p.id, p]));
  }

  /** Every placement of the seeker, oldest first (the history that caps need). */
  ofSeeker(seekerUserId: string, m?: EntityManager): Promise<PlacementRecord[]> {
    return this.placements.ofSeeker(seekerUserId, m);
  }

  /**
   * Every placement of the people these placements are of, the asked ones included, oldest first:
   * what a batch of filings needs in one read.
   */
  ofSeekersOf(placementIds: readonly string[], m?: EntityManager): Promise<PlacementRecord[]> {
    return this.placements.ofSeekersOf(placementIds, m);
  }

  /** Placements started by `day`, in id order, in batches (monthly accruals, reconciliation). */
  async *startedBy(day: string, batchSize = 1000): AsyncGenerator<PlacementRecord[]> {
    let after: string | null = null;
    for (;;) {
      const rows = await this.placements.startedBy(day, after, batchSize);
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1].id;
      if (rows.length < batchSize) return;
    }
  }
}
