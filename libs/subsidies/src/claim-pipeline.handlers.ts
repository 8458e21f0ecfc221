import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Placements } from '@app/applications';
import {
  BatchJobContext,
  BatchJobHandler,
  JobContext,
  JobHandler,
  JobName,
  JobPayloads,
  ScheduleName,
  ScheduledJob,
} from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { SeekerProfiles } from '@app/seekers';
import { SourceKind } from './claim-rules';
import { FileClaims } from './file-claims';
import { SubsidyClaimRepository, claimKey } from './subsidy-claim.repository';
import { SubsidySourceRepository } from './subsidy-source.repository';

/** Placements filed per transaction by the daily run. */
const DUE_BATCH = 100;

/** What a reconciliation found, per kind of record. */
export interface SubsidyReconcileReport {
  kind: SourceKind;
  sources: number;
  /** Expected claims that did not exist: filed now. */
  missing: number;
  /** Claims that exist but that no record's evaluation expects now (reported, never deleted). */
  unexpected: string[];
}

/**
 * The worker's side of the money pipeline: the outbox events that file claims (a placement
 * recorded or ended, a certificate, a business, an insurance year, a graduate's profile), the
 * hourly run of what waits for time to pass, and the reconciliation. The engine runs here; the
 * facts it needs were captured by the API when the record was written (no key is held here).
 */
@Injectable()
export class ClaimPipeline {
  private readonly logger = new Logger(ClaimPipeline.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly file: FileClaims,
    private readonly claims: SubsidyClaimRepository,
    private readonly sources: SubsidySourceRepository,
    private readonly placements: Placements,
    private readonly seekers: SeekerProfiles,
  ) {}

  @JobHandler(JobName.PlacementRecorded)
  async placementRecorded(p: JobPayloads[JobName.PlacementRecorded], { manager }: JobContext): Promise<void> {
    await this.file.forPlacement(manager, p.placementId, todayInChina());
  }

  /** Hires recorded together (a burst: a fair's day, an import) are filed together. */
  @BatchJobHandler(JobName.PlacementRecorded)
  async placementsRecorded(
    ps: JobPayloads[JobName.PlacementRecorded][],
    { manager }: BatchJobContext,
  ): Promise<void> {
    await this.file.forPlacements(
      manager,
      ps.map((p) => p.placementId),
      todayInChina(),
    );
  }

  @BatchJobHandler(JobName.PlacementEnded)
  async placementsEnded(
    ps: JobPayloads[JobName.PlacementEnded][],
    { manager }: BatchJobContext,
  ): Promise<void> {
    await this.file.forPlacements(
      manager,
      ps.map((p) => p.placementId),
      todayInChina(),
    );
  }

  /** An end stops the months at it; those up to it are filed (order of events is not guaranteed). */
  @JobHandler(JobName.PlacementEnded)
  async placementEnded(p: JobPayloads[JobName.PlacementEnded], { manager }: JobContext): Promise<void> {
    await this.file.forPlacement(manager, p.placementId, todayInChina());
  }

  @JobHandler(JobName.CertificateRecorded)
  async certificateRecorded(
    p: JobPayloads[JobName.CertificateRecorded],
    { manager }: JobContext,
  ): Promise<void> {
    await this.file.forCertificate(manager, p.certificateId);
  }

  @JobHandler(JobName.BusinessRecorded)
  async businessRecorded(p: JobPayloads[JobName.BusinessRecorded], { manager }: JobContext): Promise<void> {
    await this.file.forBusiness(manager, p.businessId, todayInChina());
  }

  @JobHandler(JobName.InsuranceYearRecorded)
  async insuranceYearRecorded(
    p: JobPayloads[JobName.InsuranceYearRecorded],
    { manager }: JobContext,
  ): Promise<void> {
    await this.file.forInsuranceYear(manager, p.insuranceYearId);
  }

  @JobHandler(JobName.SeekerProfileWritten)
  async profileWritten(p: JobPayloads[JobName.SeekerProfileWritten], { manager }: JobContext): Promise<void> {
    await this.file.forProfile(manager, p.seekerId, todayInChina());
  }

  @ScheduledJob(ScheduleName.SubsidyDailyRun)
  async dailyTick(): Promise<void> {
    const r = await this.runDue(todayInChina());
    if (r.filed > 0) this.logger.log(r, 'subsidy claims filed by the daily run');
  }

  @ScheduledJob(ScheduleName.SubsidyReconcile)
  async reconcileTick(): Promise<void> {
    const reports = await this.reconcile(todayInChina());
    const drift = reports.filter((r) => r.missing > 0 || r.unexpected.length > 0);
    if (drift.length > 0) this.logger.warn({ reports: drift }, 'subsidy claims drift found');
  }

  /**
   * What waits for time to pass, as of `today`: the months of every placement with a monthly
   * measure, the six-month hiring subsidy, the startup subsidy's installments and the rent years.
   * After downtime the same run catches up every missed month; a month is never filed twice (the
   * claim's unique key). One transaction per hundred placements, per business.
   */
  async runDue(today: string): Promise<{ placements: number; businesses: number; filed: number }> {
    let filed = 0;
    const waiting = await this.claims.eligibleEventSources('placement', [
      'post-subsidy',
      'social-insurance-subsidy',
      'public-welfare-post',
      'public-welfare-post-half',
      'hiring-youth-small',
    ]);
    const ids = [...waiting.keys()];
    for (let i = 0; i < ids.length; i += DUE_BATCH) {
      const batch = ids.slice(i, i + DUE_BATCH);
      filed += (await this.dataSource.transaction((m) => this.file.forPlacements(m, batch, today))).filed
        .length;
    }
    let businesses = 0;
    for (let after: string | null = null; ;) {
      const ids = await this.sources.idsAfter('businesses', after, 500);
      if (ids.length === 0) break;
      for (const id of ids) {
        filed += (await this.dataSource.transaction((m) => this.file.forBusiness(m, id, today))).filed.length;
        businesses++;
      }
      after = ids[ids.length - 1];
    }
    return { placements: waiting.size, businesses, filed };
  }

  /**
   * Every source record against the claims its evaluation expects now: missing ones are filed
   * (through the same filing), claims nobody expects are reported. Idempotent: a second run finds
   * nothing missing.
   */
  async reconcile(today: string): Promise<SubsidyReconcileReport[]> {
    const reports: SubsidyReconcileReport[] = [];
    const check = async (kind: SourceKind, batches: AsyncIterable<string[]>) => {
      const existing = await this.claims.keysOf(kind);
      const expected = new Set<string>();
      const report: SubsidyReconcileReport = { kind, sources: 0, missing: 0, unexpected: [] };
      for await (const ids of batches) {
        for (const id of ids) {
          report.sources++;
          const planned = await this.dataSource.transaction((m) => this.file.plan(m, kind, id, today));
          const keys = planned.map(claimKey);
          for (const k of keys) expected.add(k);
          if (keys.some((k) => !existing.has(k))) {
            const r = await this.dataSource.transaction((m) => this.fileFor(m, kind, id, today));
            report.missing += r;
          }
        }
      }
      for (const k of existing) if (!expected.has(k)) report.unexpected.push(k);
      reports.push(report);
    };
    await check('placement', this.placementIds());
    await check('certificate', this.sourceIds('certificates'));
    await check('business', this.sourceIds('businesses'));
    await check('insurance-year', this.sourceIds('insurance-years'));
    await check('profile', this.seekers.graduateIdBatches(500));
    return reports;
  }

  private async fileFor(m: Parameters<FileClaims['plan']>[0], kind: SourceKind, id: string, today: string) {
    if (kind === 'placement') return (await this.file.forPlacement(m, id, today)).filed.length;
    if (kind === 'certificate') return (await this.file.forCertificate(m, id)).filed.length;
    if (kind === 'business') return (await this.file.forBusiness(m, id, today)).filed.length;
    if (kind === 'insurance-year') return (await this.file.forInsuranceYear(m, id)).filed.length;
    return (await this.file.forProfile(m, id, today)).filed.length;
  }

  /** Every placement, those starting later included (their one-time claims are filed at once). */
  private async *placementIds(): AsyncGenerator<string[]> {
    for await (const batch of this.placements.startedBy('9999-12-31', 500)) yield batch.map((p) => p.id);
  }

  private async *sourceIds(
    table: 'certificates' | 'businesses' | 'insurance-years',
  ): AsyncGenerator<string[]> {
    for (let after: string | null = null; ;) {
      const ids = await this.sources.idsAfter(table, after, 500);
      if (ids.length === 0) return;
      yield ids;
      after = ids[ids.length - 1];
    }
  }
}
