import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationService } from '@app/notifications';
import { DomainError } from '@app/platform';
import { PolicyRegistry } from '@app/subsidy-engine';
import { PlannedClaim, uuidOf } from './claim-rules';
import { FileClaims, claimNotification } from './file-claims';
import { MeasureNames } from './measure-names';
import { POLICY_REGISTRY } from './policy-registry.provider';
import { ClaimRecord, SubsidyClaimRepository } from './subsidy-claim.repository';

export interface RecomputeChange {
  claimId: string;
  measure: string;
  period: string;
  beneficiary: { kind: string; id: string };
  status: string;
  /** What the claim pays now (approved or entitled amount, plus earlier adjustments), fen. */
  currentFen: number;
  /** What the pack now loaded entitles, fen (0 when no longer eligible). */
  recomputedFen: number;
  deltaFen: number;
  adjustmentClaimId: string | null;
}

export interface RecomputeReport {
  pack: string;
  version: string;
  dryRun: boolean;
  examined: number;
  changes: RecomputeChange[];
  filed: number;
}

/**
 * A policy change (a new version of a pack): every claim filed under the pack is re-evaluated
 * with the pack as now loaded; a difference becomes an adjustment claim — positive or negative,
 * for review like any claim — never an edit of the claim itself, never a silent second payment.
 * The adjustment's source is derived from (claim, pack version), so running the recompute again
 * files nothing new.
 */
@Injectable()
export class RecomputeClaims {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
    private readonly claims: SubsidyClaimRepository,
    private readonly file: FileClaims,
    private readonly notifications: NotificationService,
    private readonly names: MeasureNames,
  ) {}

  async run(packId: string, opts: { dryRun: boolean; today: string }): Promise<RecomputeReport> {
    const pack = this.registry.get(packId);
    if (!pack) throw DomainError.notFound(`Policy pack ${packId}`, 'policy-not-found');
    const report: RecomputeReport = {
      pack: pack.id,
      version: pack.version,
      dryRun: opts.dryRun,
      examined: 0,
      changes: [],
      filed: 0,
    };
    for (const claim of await this.claims.ofPolicy(packId)) {
      report.examined++;
      const change = await this.dataSource.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
          `subsidies:${claim.subjectPersonId ? `person:${claim.subjectPersonId}` : `employer:${claim.beneficiaryId}`}`,
        ]);
        const planned = await this.file.reevaluate(m, claim, opts.today);
        const adjustments = (await this.claims.adjustmentsOf(claim.id, m)).filter(
          (a) => a.status !== 'rejected',
        );
        const current =
          (claim.approvedAmountFen ?? claim.amountFen ?? 0) +
          adjustments.reduce((s, a) => s + (a.amountFen ?? 0), 0);
        const recomputed = planned?.amountFen ?? 0;
        const delta = recomputed - current;
        if (delta === 0) return null;
        const sourceId = uuidOf(
          createHash('sha1').update(`${claim.id}:${pack.id}@${pack.version}`).digest('hex'),
        );
        const adjustment = adjustmentOf(claim, planned, {
          sourceId,
          delta,
          version: pack.version,
          current,
          recomputed,
        });
        let filedId: string | null = null;
        if (!opts.dryRun) {
          const filed = await this.claims.fileClaims(m, [adjustment], new Map([[sourceId, claim.id]]));
          if (filed[0]) {
            filedId = filed[0].id;
            await this.notifications.notify(m, [
              claimNotification(filed[0], 'filed', this.names.of(filed[0])),
            ]);
          }
        }
        return {
          claimId: claim.id,
          measure: claim.measure,
          period: claim.period,
          beneficiary: { kind: claim.beneficiaryKind, id: claim.beneficiaryId },
          status: claim.status,
          currentFen: current,
          recomputedFen: recomputed,
          deltaFen: delta,
          adjustmentClaimId: filedId,
        };
      });
      if (change) {
        report.changes.push(change);
        if (change.adjustmentClaimId) report.filed++;
      }
    }
    return report;
  }
}

function adjustmentOf(
  claim: ClaimRecord,
  planned: PlannedClaim | null,
  a: { sourceId: string; delta: number; version: string; current: number; recomputed: number },
): PlannedClaim {
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  return {
    measure: claim.measure,
    clause: planned?.clause ?? claim.clause,
    beneficiaryKind: claim.beneficiaryKind,
    beneficiaryId: claim.beneficiaryId,
    subjectPersonId: claim.subjectPersonId,
    sourceKind: 'adjustment',
    sourceId: a.sourceId,
    period: claim.period,
    amountFen: a.delta,
    policyId: claim.policyId,
    policyVersion: a.version,
    reasons: [
      {
        code: 'policy-change',
        ok: true,
        text: `政策包${claim.policyId}由${claim.policyVersion}调整为${a.version}：应享${yuan(a.recomputed)}元，已核${yuan(a.current)}元，差额${yuan(a.delta)}元`,
      },
      ...(planned?.reasons ?? []),
    ],
    townshipCode: claim.townshipCode,
  };
}
