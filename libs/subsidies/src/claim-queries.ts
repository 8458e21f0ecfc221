import { Injectable } from '@nestjs/common';
import { PlacementService } from '@app/applications';
import { AuthUser, DomainError, Role } from '@app/platform';
import { OrganisationsService, UserDirectory } from '@app/identity';
import { BeneficiaryKind } from './claim-rules';
import { MeasureNames } from './measure-names';
import {
  ClaimListQuery,
  PlacementDecisionsView,
  SubsidyClaimListView,
  SubsidyClaimView,
} from './subsidy-claim.dto';
import { ClaimFilter, ClaimRecord, SubsidyClaimRepository } from './subsidy-claim.repository';

/**
 * Reading claims, by who may: staff of a township station their township's claims, county staff
 * and admins all; employers, agencies and seekers only those where they are the beneficiary.
 * Anyone else's claim is a 404, whether or not it exists.
 */
@Injectable()
export class ClaimQueries {
  constructor(
    private readonly claims: SubsidyClaimRepository,
    private readonly organisations: OrganisationsService,
    private readonly directory: UserDirectory,
    private readonly placements: PlacementService,
    private readonly names: MeasureNames,
  ) {}

  /** The filter an actor's list is held to (their own beneficiary, or their township). */
  scopeOf(actor: AuthUser, q: ClaimListQuery): ClaimFilter {
    const filter: ClaimFilter = {
      placementId: q.placementId,
      measure: q.measure,
      status: q.status,
      beneficiaryKind: q.beneficiaryKind,
      period: q.period,
      townshipCode: q.townshipCode,
    };
    const own = ownBeneficiary(actor);
    if (own) return { ...filter, beneficiary: own };
    if (actor.role === Role.Staff && actor.townshipCode) {
      // Asking for another township's claims finds none.
      return {
        ...filter,
        townshipCode: q.townshipCode && q.townshipCode !== actor.townshipCode ? '-' : actor.townshipCode,
      };
    }
    return filter;
  }

  async list(actor: AuthUser, q: ClaimListQuery): Promise<SubsidyClaimListView> {
    const { rows, total } = await this.claims.page(this.scopeOf(actor, q), q.limit ?? 50, q.offset ?? 0);
    return { items: await this.views(rows), total };
  }

  async get(actor: AuthUser, id: string): Promise<SubsidyClaimView> {
    const claim = await this.claims.get(id);
    if (!claim || !mayRead(actor, claim))
      throw DomainError.notFound('Subsidy claim', 'subsidy-claim.not-found');
    return (await this.views([claim]))[0];
  }

  /** Every decision of the engine for a placement, eligible or not ("why didn't I get it"). */
  async decisionsOfPlacement(actor: AuthUser, placementId: string): Promise<PlacementDecisionsView> {
    if (actor.role === Role.Agency) throw DomainError.notFound('Placement');
    await this.placements.get(actor, placementId); // its access rule (404 for anyone else)
    const decisions = await this.claims.decisionsOf('placement', placementId);
    return {
      placementId,
      decisions: decisions.map((d) => ({
        measure: d.measure,
        name: d.decision.name,
        clause: d.decision.clause,
        period: d.period,
        asOf: d.asOf,
        eligible: d.eligible,
        amountFen: d.amountFen,
        per: d.decision.per,
        beneficiary: d.decision.beneficiary,
        reasons: d.decision.reasons,
        policy: { id: d.policyId, version: d.policyVersion },
      })),
    };
  }

  /** Claims as the contract shows them: beneficiaries named (organisations, people). */
  async views(rows: ClaimRecord[]): Promise<SubsidyClaimView[]> {
    const orgs = await this.organisations.byIds(
      rows.filter((r) => r.beneficiaryKind !== 'person').map((r) => r.beneficiaryId),
    );
    const people = await this.directory.summaries(
      rows.filter((r) => r.beneficiaryKind === 'person').map((r) => r.beneficiaryId),
    );
    return rows.map((c) =>
      claimView(
        c,
        this.names.of(c),
        c.beneficiaryKind === 'person'
          ? people.get(c.beneficiaryId)?.displayName
          : orgs.get(c.beneficiaryId)?.name,
      ),
    );
  }
}

export function claimView(
  c: ClaimRecord,
  measureName: string,
  beneficiaryName: string | undefined,
): SubsidyClaimView {
  return {
    id: c.id,
    measure: c.measure,
    measureName,
    clause: c.clause,
    beneficiary: { kind: c.beneficiaryKind, id: c.beneficiaryId, name: beneficiaryName ?? '' },
    source: { kind: c.sourceKind, id: c.sourceId },
    period: c.period,
    amountFen: c.amountFen,
    approvedAmountFen: c.approvedAmountFen,
    status: c.status,
    policy: { id: c.policyId, version: c.policyVersion },
    reasons: c.reasons,
    townshipCode: c.townshipCode,
    adjustsClaimId: c.adjustsClaimId,
    decisionReason: c.decisionReason,
    createdAt: new Date(c.createdAt).toISOString(),
    decidedAt: c.decidedAt ? new Date(c.decidedAt).toISOString() : null,
    paidAt: c.paidAt ? new Date(c.paidAt).toISOString() : null,
    paymentReference: c.paymentReference,
  };
}

/** The beneficiary an employer, agency or seeker is; null for staff and admins. */
export function ownBeneficiary(actor: AuthUser): { kind: BeneficiaryKind; id: string } | null {
  if (actor.role === Role.Seeker) return { kind: 'person', id: actor.id };
  if (actor.role === Role.Employer)
    return { kind: 'employer', id: actor.organisationId ?? '00000000-0000-0000-0000-000000000000' };
  if (actor.role === Role.Agency)
    return { kind: 'agency', id: actor.organisationId ?? '00000000-0000-0000-0000-000000000000' };
  return null;
}

export function mayRead(actor: AuthUser, c: ClaimRecord): boolean {
  const own = ownBeneficiary(actor);
  if (own) return c.beneficiaryKind === own.kind && c.beneficiaryId === own.id;
  return mayReview(actor, c);
}

/** Staff of the claim's township (or county-wide) and admins. */
export function mayReview(actor: AuthUser, c: ClaimRecord): boolean {
  if (actor.role === Role.Admin) return true;
  if (actor.role !== Role.Staff) return false;
  return actor.townshipCode === null || c.townshipCode === actor.townshipCode;
}
