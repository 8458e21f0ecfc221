import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser, CountedRecord, DomainError, JobName, OutboxService, Role } from '@app/platform';
import { AuditService } from '@app/audit';
import { EnterpriseFacts, EnterpriseScope, EnterpriseService, canManage } from '@app/enterprises';
import { OrganisationsService, UserDirectory } from '@app/identity';
import { EndPlacementDto, PlacementListView, PlacementView, RecordPlacementDto } from './placement.dto';
import { PlacementRecord, PlacementRepository, PlacementScope } from './placement.repository';
import { PlacementLocation, hireSituationOf } from './placement.rules';
import { DirectHire, RecordHire } from './record-hire';
import type { PostKind } from '@app/subsidy-engine';

export interface ListPlacementsFilter {
  limit: number;
  offset: number;
  /** Only these kinds of post (e.g. the public-welfare placements). */
  postKinds?: readonly PostKind[];
}

/**
 * Placements (就业登记): read, listed and ended here; recorded by RecordHire (a hire through an
 * application, or staff directly: fairs, agencies, walk-ins). The end writes its
 * `placement.ended` outbox row in the same transaction — monthly subsidies stop there.
 *
 * Who sees a placement: admins and county staff all; township staff those of enterprises they look
 * after (the enterprise's township or commissioner) and those whose place of work is in their
 * township; employers their enterprise's; agencies those they referred; the seeker their own.
 * Others get a 404.
 */
@Injectable()
export class PlacementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly placements: PlacementRepository,
    private readonly recordHire: RecordHire,
    private readonly enterprises: EnterpriseService,
    private readonly organisations: OrganisationsService,
    private readonly directory: UserDirectory,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async recordDirect(
    actor: AuthUser,
    dto: RecordPlacementDto & { formerStateEnterpriseOlderWorker?: boolean },
    requestId: string | null,
  ): Promise<PlacementView> {
    const id = await this.recordHire.direct(actor, directHireOf(dto), requestId);
    return (await this.views([(await this.placements.get(id)) as PlacementRecord]))[0];
  }

  async recordDirectMany(
    actor: AuthUser,
    dtos: readonly RecordPlacementDto[],
    requestId: string | null,
  ): Promise<{ ids: string[] }> {
    const ids = await this.recordHire.directMany(actor, dtos.map(directHireOf), requestId);
    return { ids };
  }

  /**
   * Records the last day of work (离职 / 合同到期); monthly subsidies stop there. Once only. A filled
   * post does not reopen: whether to recruit again is the employer's call (a new post, or staff).
   */
  async end(
    actor: AuthUser,
    id: string,
    dto: EndPlacementDto,
    requestId: string | null,
  ): Promise<PlacementView> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.placements.get(id, m, true);
      const employer = row
        ? (await this.enterprises.facts([row.employerOrganisationId], m)).get(row.employerOrganisationId)
        : undefined;
      if (!row || !mayManagePlacement(actor, row, employer)) throw DomainError.notFound('Placement');
      if (row.endedOn !== null) {
        throw DomainError.conflict('placement.already-ended', `This placement ended on ${row.endedOn}`);
      }
      if (dto.endedOn < row.startDate) {
        throw DomainError.invalid('endedOn', `must not be before the start date (${row.startDate})`);
      }
      await this.placements.end(m, id, dto.endedOn, dto.reason.trim(), actor.id);
      await this.outbox.add(m, JobName.PlacementEnded, { placementId: id });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'placement.end',
          targetType: 'placement',
          targetId: id,
          reason: dto.reason.trim(),
          requestId,
          details: { endedOn: dto.endedOn, employerOrganisationId: row.employerOrganisationId },
          townshipCodes: [row.townshipCode, employer?.townshipCode],
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  /** One placement, for those who may see it (see the class comment); anyone else gets a 404. */
  async get(actor: AuthUser, id: string): Promise<PlacementView> {
    const row = await this.placements.get(id);
    const employer = row
      ? (await this.enterprises.facts([row.employerOrganisationId])).get(row.employerOrganisationId)
      : undefined;
    if (!row || !mayReadPlacement(actor, row, employer)) throw DomainError.notFound('Placement');
    return (await this.views([row]))[0];
  }

  /** The records behind 三(十三)'s figure: hires of the year of people who were 就业困难人员 when hired. */
  async difficultHiresOf(year: number): Promise<CountedRecord[]> {
    const rows = await this.placements.hiresOfGroupIn(year, 'difficult');
    const orgs = await this.organisations.byIds([...new Set(rows.map((r) => r.employerId))]);
    return rows.map(({ employerId, ...r }) => ({ ...r, label: orgs.get(employerId)?.name ?? '' }));
  }

  /** Of these people, those employed on `day` (a placement started and not ended by then). */
  employedOn(seekerUserIds: readonly string[], day: string): Promise<Set<string>> {
    return this.placements.employedOn(seekerUserIds, day);
  }

  /** A placement as other domains need it (subsidies): no access check. */
  record(id: string): Promise<PlacementRecord | null> {
    return this.placements.get(id);
  }

  /** The seeker's own placements (就业记录), newest first. */
  listMine(actor: AuthUser, f: ListPlacementsFilter): Promise<PlacementListView> {
    return this.page({ kind: 'seeker', seekerUserId: actor.id }, f);
  }

  /** The placements the actor may see (see the class comment; seekers use listMine), newest first. */
  async list(actor: AuthUser, f: ListPlacementsFilter): Promise<PlacementListView> {
    return this.page(await this.scopeOf(actor), f);
  }

  /** Which placements a list shows the actor. */
  async scopeOf(actor: AuthUser): Promise<PlacementScope> {
    if (actor.role === Role.Agency) {
      return actor.organisationId
        ? { kind: 'agency', agencyId: actor.organisationId }
        : { kind: 'employers', employerIds: [] };
    }
    if (actor.role === Role.Seeker) return { kind: 'seeker', seekerUserId: actor.id };
    const managed = await this.enterprises.idsManagedBy(actor);
    if (managed === 'all') return { kind: 'all' };
    return {
      kind: 'employers',
      employerIds: managed,
      ...(actor.role === Role.Staff && actor.townshipCode ? { orTownshipCode: actor.townshipCode } : {}),
    };
  }

  private async page(scope: PlacementScope, f: ListPlacementsFilter): Promise<PlacementListView> {
    const { rows, total } = await this.placements.page(scope, f.limit, f.offset, f.postKinds);
    return { items: await this.views(rows), total };
  }

  /** Placements as the API shows them: employer and seeker names, the agency's kind, the hire. */
  async views(rows: PlacementRecord[]): Promise<PlacementView[]> {
    const orgs = await this.organisations.byIds([
      ...rows.map((r) => r.employerOrganisationId),
      ...rows.flatMap((r) => (r.referringAgencyId ? [r.referringAgencyId] : [])),
    ]);
    const people = await this.directory.summaries(rows.map((r) => r.seekerUserId));
    return rows.map((r) => {
      const jobLocation: PlacementLocation = {
        province: r.jobProvince,
        city: r.jobCity,
        county: r.jobCounty,
        townshipCode: r.townshipCode,
      };
      const agencyKind = r.referringAgencyId ? (orgs.get(r.referringAgencyId)?.agencyKind ?? null) : null;
      return {
        id: r.id,
        applicationId: r.applicationId,
        jobPostId: r.jobPostId,
        employerOrganisationId: r.employerOrganisationId,
        employerName: orgs.get(r.employerOrganisationId)?.name ?? '',
        seekerUserId: r.seekerUserId,
        seekerDisplayName: people.get(r.seekerUserId)?.displayName ?? '',
        startDate: r.startDate,
        contractEndDate: r.contractEndDate,
        jobLocation,
        postKind: r.postKind,
        employerSocialInsuranceMonthlyFen: r.employerSocialInsuranceMonthlyFen,
        referringAgencyId: r.referringAgencyId,
        referringAgencyKind: agencyKind,
        referralFree: r.referralFree,
        organisedExportTripId: r.organisedExportTripId,
        source: r.source,
        endedOn: r.endedOn,
        endReason: r.endReason,
        createdAt: new Date(r.createdAt).toISOString(),
        hire:
          r.snapshot?.hire ??
          hireSituationOf({
            startDate: r.startDate,
            contractEndDate: r.contractEndDate,
            location: jobLocation,
            postKind: r.postKind,
            employerSocialInsuranceMonthlyFen: r.employerSocialInsuranceMonthlyFen,
            referringAgencyKind: agencyKind,
            referralFree: r.referralFree,
            organisedExportTripId: r.organisedExportTripId,
          }),
      };
    });
  }
}

/** Staff work on a placement: those who manage its enterprise, or township staff of its place of work. */
export function mayManagePlacement(
  actor: AuthUser,
  r: PlacementRecord,
  employer: EnterpriseScope | EnterpriseFacts | undefined,
): boolean {
  if (actor.role !== Role.Staff && actor.role !== Role.Admin) return false;
  const scope = employer ?? {
    organisationId: r.employerOrganisationId,
    townshipCode: null,
    commissionerUserId: null,
  };
  return canManage(actor, scope) || (r.townshipCode !== null && r.townshipCode === actor.townshipCode);
}

/** Reading a placement: the placed seeker, its enterprise's users, the referring agency, its staff. */
export function mayReadPlacement(
  actor: AuthUser,
  r: PlacementRecord,
  employer: EnterpriseScope | EnterpriseFacts | undefined,
): boolean {
  if (actor.role === Role.Seeker) return r.seekerUserId === actor.id;
  if (actor.role === Role.Employer) {
    return actor.organisationId !== null && r.employerOrganisationId === actor.organisationId;
  }
  if (actor.role === Role.Agency) {
    return actor.organisationId !== null && r.referringAgencyId === actor.organisationId;
  }
  return mayManagePlacement(actor, r, employer);
}

function directHireOf(dto: RecordPlacementDto & { formerStateEnterpriseOlderWorker?: boolean }): DirectHire {
  return {
    ...dto,
    contractEndDate: dto.contractEndDate ?? null,
    postKind: dto.postKind ?? 'regular',
    employerSocialInsuranceMonthlyFen: dto.employerSocialInsuranceMonthlyFen ?? null,
  };
}
