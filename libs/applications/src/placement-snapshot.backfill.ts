import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnterpriseService } from '@app/enterprises';
import { PlacementRepository } from './placement.repository';
import { RecordHire } from './record-hire';

/**
 * Placements recorded before hire snapshots existed get one, from the facts as they are now: in
 * the API at start-up, which holds the key to read the birth date. Idempotent (only placements
 * without a snapshot), `SKIP LOCKED` so several API processes share the work.
 */
@Injectable()
export class PlacementSnapshotBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlacementSnapshotBackfill.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly placements: PlacementRepository,
    private readonly recordHire: RecordHire,
    private readonly enterprises: EnterpriseService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const filled = await this.run();
      if (filled > 0) this.logger.log({ filled }, 'placement snapshots backfilled');
    } catch (err) {
      this.logger.error({ err }, 'placement snapshot backfill failed; the next start retries');
    }
  }

  async run(batchSize = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (m) => {
        const rows = await this.placements.lockWithoutSnapshot(m, batchSize);
        const employers = await this.enterprises.facts(
          rows.map((r) => r.employerOrganisationId),
          m,
        );
        for (const r of rows) {
          const snapshot = await this.recordHire.snapshotFor(
            m,
            {
              applicationId: r.applicationId,
              jobPostId: r.jobPostId,
              employerOrganisationId: r.employerOrganisationId,
              seekerUserId: r.seekerUserId,
              startDate: r.startDate,
              contractEndDate: r.contractEndDate,
              province: r.jobProvince,
              city: r.jobCity,
              county: r.jobCounty,
              townshipCode: r.townshipCode,
              postKind: r.postKind,
              employerSocialInsuranceMonthlyFen: r.employerSocialInsuranceMonthlyFen,
              referringAgencyId: r.referringAgencyId,
              referralFree: r.referralFree,
              organisedExportTripId: r.organisedExportTripId,
              source: r.source,
              recordedBy: r.recordedBy,
            },
            employers.get(r.employerOrganisationId),
          );
          await this.placements.setSnapshot(m, r.id, snapshot);
        }
        return rows.length;
      });
      total += n;
      if (n < batchSize) return total;
    }
  }
}
