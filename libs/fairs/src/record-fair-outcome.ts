import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectHire, RecordHire } from '@app/applications';
import { AuthUser, DomainError, Role } from '@app/platform';
import { FairRepository } from './fair.repository';
import { FairOutcomeRecord, FairRegistrationRepository } from './fair-registration.repository';
import type { FairOutcomeKind } from './fair.rules';

export type FairHireTerms = Omit<DirectHire, 'employerOrganisationId' | 'seekerUserId'>;

/**
 * What came of a meeting at a fair: 达成意向, 面试, 录用通知 or 录用, recorded by staff or by the
 * enterprise itself (for its own booth). A hire records the `Placement` through RecordHire in the
 * same transaction as the outcome row, so the subsidies follow it and the fair counts it exactly
 * once; recording the same step again answers the first.
 */
@Injectable()
export class RecordFairOutcome {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fairs: FairRepository,
    private readonly registrations: FairRegistrationRepository,
    private readonly recordHire: RecordHire,
  ) {}

  async record(
    actor: AuthUser,
    fairId: string,
    o: { employerOrganisationId: string; seekerUserId: string; kind: FairOutcomeKind; hire?: FairHireTerms },
    requestId: string | null,
  ): Promise<{ outcome: FairOutcomeRecord; created: boolean }> {
    if (actor.role === Role.Employer && actor.organisationId !== o.employerOrganisationId) {
      throw DomainError.invalid('employerOrganisationId', 'is not your enterprise');
    }
    if (o.kind === 'hired' && !o.hire) throw DomainError.invalid('hire', 'a hire needs its terms');
    if (o.kind !== 'hired' && o.hire) throw DomainError.invalid('hire', 'only a hire has terms');
    const fair = await this.fairs.get(fairId);
    if (!fair || fair.status === 'draft' || fair.status === 'cancelled') throw DomainError.notFound('Fair');
    const taking = await this.registrations.activeOfEmployer(fairId, o.employerOrganisationId);
    if (taking?.status !== 'approved') {
      throw DomainError.invalid('employerOrganisationId', 'this enterprise does not take part in the fair');
    }
    const before = await this.registrations.outcome(fairId, o.employerOrganisationId, o.seekerUserId, o.kind);
    if (before) return { outcome: before, created: false };
    const id = await this.dataSource.transaction(async (m) => {
      const placementId = o.hire
        ? await this.recordHire.direct(
            actor,
            { ...o.hire, employerOrganisationId: o.employerOrganisationId, seekerUserId: o.seekerUserId },
            requestId,
            m,
          )
        : null;
      return this.registrations.insertOutcome(m, {
        fairId,
        employerOrganisationId: o.employerOrganisationId,
        seekerUserId: o.seekerUserId,
        kind: o.kind,
        placementId,
        recordedBy: actor.id,
      });
    });
    const outcome = await this.registrations.outcome(
      fairId,
      o.employerOrganisationId,
      o.seekerUserId,
      o.kind,
    );
    return { outcome: outcome!, created: id !== null };
  }
}
