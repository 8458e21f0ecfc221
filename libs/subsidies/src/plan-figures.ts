import { Inject, Injectable } from '@nestjs/common';
import type { CountedRecord } from '@app/platform';
import { PolicyRegistry } from '@app/subsidy-engine';
import { POLICY_REGISTRY } from './policy-registry.provider';
import { SubsidyClaimRepository } from './subsidy-claim.repository';
import { SubsidySourceRepository } from './subsidy-source.repository';

/** One measure's claims over a span of days, for the monthly report (金额为分). */
export interface MeasureClaimTotals {
  measure: string;
  name: string;
  clause: string;
  filed: number;
  filedFen: number;
  approved: number;
  approvedFen: number;
  paid: number;
  paidFen: number;
}

/**
 * What the plan's targets read from the subsidies' records (一(四) businesses, 一(五) training and
 * certificates) and the claims' totals per measure for the monthly report.
 */
@Injectable()
export class SubsidyPlanFigures {
  private readonly measureInfo = new Map<string, { name: string; clause: string }>();

  constructor(
    private readonly sources: SubsidySourceRepository,
    private readonly claims: SubsidyClaimRepository,
    @Inject(POLICY_REGISTRY) registry: PolicyRegistry,
  ) {
    // The newest pack names a measure (packs are kept in window order).
    for (const pack of registry.list()) {
      for (const m of pack.measures) this.measureInfo.set(m.id, { name: m.name, clause: m.clause });
    }
  }

  businessesLicensedIn(year: number): Promise<CountedRecord[]> {
    return this.sources.businessesLicensedIn(year);
  }

  certificatesIssuedIn(year: number, seniorOnly: boolean): Promise<CountedRecord[]> {
    return this.sources.certificatesIssuedIn(year, seniorOnly);
  }

  subsidisedTrainingIn(year: number): Promise<CountedRecord[]> {
    return this.claims.skillUpgradeClaimsIn(year);
  }

  /** Claims filed, approved and paid per measure between two China days (inclusive). */
  async claimTotals(from: string, to: string): Promise<MeasureClaimTotals[]> {
    const rows = await this.claims.totalsBetween(from, to);
    return rows.map((r) => ({
      ...r,
      name: this.measureInfo.get(r.measure)?.name ?? r.measure,
      clause: this.measureInfo.get(r.measure)?.clause ?? '',
    }));
  }

  /** Every measure of the packs, in pack order (the report lists them all, zeros included). */
  measures(): { measure: string; name: string; clause: string }[] {
    return [...this.measureInfo].map(([measure, m]) => ({ measure, ...m }));
  }
}
