import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlacementService, PlacementView } from '@app/applications';
import { AuditService } from '@app/audit';
import { EnterpriseService, canManage } from '@app/enterprises';
import { UserDirectory, UsersService } from '@app/identity';
import { AuthUser, DomainError, JobName, OutboxService, Role, townshipByCode } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { SeekerProfiles } from '@app/seekers';
import {
  BusinessListView,
  BusinessView,
  CertificateListView,
  SkillCertificateView,
  InsuranceYearListView,
  InsuranceYearView,
  RecordBusinessDto,
  RecordCertificateDto,
  RecordInsuranceYearDto,
  RecordPublicWelfareAssignmentDto,
} from './subsidy-source.dto';
import {
  BusinessRecord,
  CertificateRecord,
  InsuranceYearRecord,
  SubsidySourceRepository,
} from './subsidy-source.repository';

const PUBLIC_WELFARE = ['public-welfare', 'public-welfare-community'] as const;

/**
 * The records that trigger money besides placements (免申即享): a skill certificate, a startup
 * business, an employer's unemployment-insurance year, a public-welfare post assignment. Each is
 * written with its outbox row in one transaction, and audited; the worker files the claims. Staff
 * record them (a township station for its own township); the person or employer they concern sees
 * their own.
 */
@Injectable()
export class RecordSubsidySources {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: SubsidySourceRepository,
    private readonly directory: UserDirectory,
    private readonly users: UsersService,
    private readonly seekers: SeekerProfiles,
    private readonly enterprises: EnterpriseService,
    private readonly placements: PlacementService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async recordCertificate(
    actor: AuthUser,
    dto: RecordCertificateDto,
    requestId: string | null,
  ): Promise<SkillCertificateView> {
    notInFuture('issuedOn', dto.issuedOn);
    const id = await this.dataSource.transaction(async (m) => {
      const township = await this.seekerTownship(actor, dto.personUserId, 'personUserId');
      const newId = await this.sources.insertCertificate(m, {
        personUserId: dto.personUserId,
        level: dto.level,
        occupation: dto.occupation.trim(),
        certificateNo: dto.certificateNo?.trim() ?? null,
        issuedOn: dto.issuedOn,
        issuingBody: dto.issuingBody.trim(),
        insuredMonths: dto.insuredMonths ?? null,
        receivingUnemploymentBenefit: dto.receivingUnemploymentBenefit ?? false,
        townshipCode: township,
        recordedBy: actor.id,
      });
      if (!newId) {
        throw DomainError.conflict(
          'certificate.duplicate',
          'This certificate of this person is already recorded',
        );
      }
      await this.outbox.add(m, JobName.CertificateRecorded, { certificateId: newId });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'certificate.record',
          targetType: 'skill-certificate',
          targetId: newId,
          requestId,
          details: { level: dto.level, issuedOn: dto.issuedOn },
          townshipCodes: [township],
        },
        m,
      );
      return newId;
    });
    return (await this.certificateViews([(await this.sources.certificate(id)) as CertificateRecord]))[0];
  }

  async recordBusiness(
    actor: AuthUser,
    dto: RecordBusinessDto,
    requestId: string | null,
  ): Promise<BusinessView> {
    notInFuture('licensedOn', dto.licensedOn);
    if (dto.townshipCode && !townshipByCode(dto.townshipCode))
      throw DomainError.invalid('townshipCode', 'no such township');
    const id = await this.dataSource.transaction(async (m) => {
      const home = await this.seekerTownship(actor, dto.founderUserId, 'founderUserId');
      // The founder's facts as they are now, kept with the record (the worker holds no key).
      const birth = (await this.users.birthFacts([dto.founderUserId], m)).get(dto.founderUserId);
      const profile = (await this.seekers.records([dto.founderUserId], m)).get(dto.founderUserId);
      const person = {
        ...(birth && typeof birth === 'object' ? { birthDate: birth.birthDate, sex: birth.sex } : {}),
        ...(profile ? { groups: profile.groups } : {}),
        ...(profile?.graduation ? { graduation: profile.graduation } : {}),
        ...(profile?.registeredUnemployedSince
          ? { registeredUnemployedSince: profile.registeredUnemployedSince }
          : {}),
      };
      const township = dto.townshipCode ?? home;
      const newId = await this.sources
        .insertBusiness(m, {
          founderUserId: dto.founderUserId,
          name: dto.name.trim(),
          creditCode: dto.creditCode ?? null,
          kind: dto.kind,
          licensedOn: dto.licensedOn,
          firstBusiness: dto.firstBusiness,
          employees: dto.employees,
          paysTax: dto.paysTax ?? false,
          paysSocialInsurance: dto.paysSocialInsurance ?? false,
          townshipCode: township,
          closedOn: null,
          snapshot: { capturedAt: new Date().toISOString(), person },
          recordedBy: actor.id,
        })
        .catch((err: unknown) => {
          if ((err as { constraint?: string }).constraint === 'startup_businesses_credit_code') {
            throw DomainError.conflict(
              'business.duplicate',
              'creditCode: a business with this credit code is already recorded',
            );
          }
          throw err;
        });
      await this.outbox.add(m, JobName.BusinessRecorded, { businessId: newId });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'business.record',
          targetType: 'startup-business',
          targetId: newId,
          requestId,
          details: { kind: dto.kind, licensedOn: dto.licensedOn, employees: dto.employees },
          townshipCodes: [township],
        },
        m,
      );
      return newId;
    });
    return (await this.businessViews([(await this.sources.business(id)) as BusinessRecord]))[0];
  }

  async recordInsuranceYear(
    actor: AuthUser,
    dto: RecordInsuranceYearDto,
    requestId: string | null,
  ): Promise<InsuranceYearView> {
    if (dto.year >= Number(todayInChina().slice(0, 4))) {
      throw DomainError.invalid('year', 'must be a year that has ended');
    }
    const id = await this.dataSource.transaction(async (m) => {
      const employer = (await this.enterprises.facts([dto.employerOrganisationId], m)).get(
        dto.employerOrganisationId,
      );
      if (!employer || !canManage(actor, employer)) throw DomainError.notFound('Enterprise');
      const newId = await this.sources.insertInsuranceYear(m, {
        employerOrganisationId: dto.employerOrganisationId,
        year: dto.year,
        insuredStaff: dto.insuredStaff,
        laidOff: dto.laidOff,
        premiumsFen: dto.premiumsFen,
        employerSize: dto.employerSize ?? employer.size,
        townshipCode: employer.townshipCode,
        recordedBy: actor.id,
      });
      if (!newId) {
        throw DomainError.conflict(
          'insurance-year.duplicate',
          `The ${dto.year} insurance year of this employer is recorded already`,
        );
      }
      await this.outbox.add(m, JobName.InsuranceYearRecorded, { insuranceYearId: newId });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'insurance-year.record',
          targetType: 'insurance-year',
          targetId: newId,
          requestId,
          details: { year: dto.year, insuredStaff: dto.insuredStaff, laidOff: dto.laidOff },
          townshipCodes: [employer.townshipCode],
        },
        m,
      );
      return newId;
    });
    return (
      await this.insuranceYearViews([(await this.sources.insuranceYear(id)) as InsuranceYearRecord])
    )[0];
  }

  /** A public-welfare post assignment (公益性岗位安置) is a placement on such a post: RecordHire writes it. */
  recordPublicWelfare(
    actor: AuthUser,
    dto: RecordPublicWelfareAssignmentDto,
    requestId: string | null,
  ): Promise<PlacementView> {
    return this.placements.recordDirect(
      actor,
      {
        employerOrganisationId: dto.employerOrganisationId,
        seekerUserId: dto.seekerUserId,
        startDate: dto.startDate,
        contractEndDate: dto.contractEndDate,
        townshipCode: dto.townshipCode,
        postKind: dto.postKind ?? 'public-welfare',
        formerStateEnterpriseOlderWorker: dto.formerStateEnterpriseOlderWorker,
      },
      requestId,
    );
  }

  listPublicWelfare(actor: AuthUser, limit: number, offset: number) {
    return this.placements.list(actor, { limit, offset, postKinds: PUBLIC_WELFARE });
  }

  /** One assignment: a placement on a public-welfare post that the actor may see; anything else is a 404. */
  async publicWelfare(actor: AuthUser, id: string): Promise<PlacementView> {
    const p = await this.placements.get(actor, id).catch((err: unknown) => {
      throw err instanceof DomainError && err.status === 404 ? notAssignment() : err;
    });
    if (!(PUBLIC_WELFARE as readonly string[]).includes(p.postKind)) throw notAssignment();
    return p;
  }

  // ---- reading ----

  async certificates(
    actor: AuthUser,
    q: { townshipCode?: string; limit: number; offset: number },
  ): Promise<CertificateListView> {
    const { rows, total } = await this.sources.certificates(
      ownerOrTownship(actor, 'person', q.townshipCode),
      q.limit,
      q.offset,
    );
    return { items: await this.certificateViews(rows), total };
  }

  async certificate(actor: AuthUser, id: string): Promise<SkillCertificateView> {
    const c = await this.sources.certificate(id);
    if (!c || !mayRead(actor, { personId: c.personUserId, townshipCode: c.townshipCode })) {
      throw DomainError.notFound('Certificate');
    }
    return (await this.certificateViews([c]))[0];
  }

  async businesses(
    actor: AuthUser,
    q: { townshipCode?: string; limit: number; offset: number },
  ): Promise<BusinessListView> {
    const f = ownerOrTownship(actor, 'person', q.townshipCode);
    const { rows, total } = await this.sources.businesses(
      { founderUserId: f.personUserId, townshipCode: f.townshipCode },
      q.limit,
      q.offset,
    );
    return { items: await this.businessViews(rows), total };
  }

  async business(actor: AuthUser, id: string): Promise<BusinessView> {
    const b = await this.sources.business(id);
    if (!b || !mayRead(actor, { personId: b.founderUserId, townshipCode: b.townshipCode })) {
      throw DomainError.notFound('Business');
    }
    return (await this.businessViews([b]))[0];
  }

  async insuranceYears(
    actor: AuthUser,
    q: { townshipCode?: string; limit: number; offset: number },
  ): Promise<InsuranceYearListView> {
    const f = ownerOrTownship(actor, 'employer', q.townshipCode);
    const { rows, total } = await this.sources.insuranceYears(
      { employerOrganisationId: f.employerId, townshipCode: f.townshipCode },
      q.limit,
      q.offset,
    );
    return { items: await this.insuranceYearViews(rows), total };
  }

  async insuranceYear(actor: AuthUser, id: string): Promise<InsuranceYearView> {
    const y = await this.sources.insuranceYear(id);
    if (!y || !mayRead(actor, { employerId: y.employerOrganisationId, townshipCode: y.townshipCode })) {
      throw DomainError.notFound('Insurance year');
    }
    return (await this.insuranceYearViews([y]))[0];
  }

  private async personNames(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map(
      [...(await this.directory.summaries([...new Set(ids)]))].map(([id, u]) => [id, u.displayName]),
    );
  }

  private async certificateViews(rows: CertificateRecord[]): Promise<SkillCertificateView[]> {
    const names = await this.personNames(rows.map((r) => r.personUserId));
    return rows.map((r) => certificateView(r, names));
  }

  private async businessViews(rows: BusinessRecord[]): Promise<BusinessView[]> {
    const names = await this.personNames(rows.map((r) => r.founderUserId));
    return rows.map((r) => businessView(r, names));
  }

  private async insuranceYearViews(rows: InsuranceYearRecord[]): Promise<InsuranceYearView[]> {
    const facts = await this.enterprises.facts([...new Set(rows.map((r) => r.employerOrganisationId))]);
    const names = new Map([...facts].map(([id, f]) => [id, f.name]));
    return rows.map((r) => insuranceYearView(r, names));
  }

  /** A seeker's home township; township staff only for their own (else the seeker is "not found"). */
  private async seekerTownship(actor: AuthUser, userId: string, field: string): Promise<string | null> {
    const who = (await this.directory.summaries([userId])).get(userId);
    if (!who || who.role !== Role.Seeker) throw DomainError.notFound('Seeker');
    const profile = (await this.seekers.records([userId])).get(userId);
    const township = profile?.townshipCode ?? who.townshipCode;
    if (actor.role === Role.Staff && actor.townshipCode && township !== actor.townshipCode) {
      throw new DomainError('seeker.township-out-of-scope', `${field}: a seeker of another township`, 404, [
        { field, message: 'not found in your township' },
      ]);
    }
    return township;
  }
}

function notInFuture(field: string, date: string): void {
  if (date > todayInChina()) throw DomainError.invalid(field, 'must not be in the future');
}

/** Staff see their township's records (county staff and admins all); people and employers their own. */
function ownerOrTownship(
  actor: AuthUser,
  owner: 'person' | 'employer',
  townshipCode: string | undefined,
): { personUserId?: string; employerId?: string; townshipCode?: string } {
  if (actor.role === Role.Seeker)
    return owner === 'person' ? { personUserId: actor.id } : { employerId: NONE };
  if (actor.role === Role.Employer) {
    return owner === 'employer' ? { employerId: actor.organisationId ?? NONE } : { personUserId: NONE };
  }
  if (actor.role === Role.Staff && actor.townshipCode) {
    return { townshipCode: townshipCode && townshipCode !== actor.townshipCode ? '-' : actor.townshipCode };
  }
  return { townshipCode };
}

const NONE = '00000000-0000-0000-0000-000000000000';

function mayRead(
  actor: AuthUser,
  r: { personId?: string; employerId?: string; townshipCode: string | null },
): boolean {
  if (actor.role === Role.Seeker) return r.personId === actor.id;
  if (actor.role === Role.Employer) return !!r.employerId && r.employerId === actor.organisationId;
  if (actor.role === Role.Admin) return true;
  if (actor.role === Role.Staff) return actor.townshipCode === null || r.townshipCode === actor.townshipCode;
  return false;
}

const iso = (d: Date) => new Date(d).toISOString();

function certificateView(c: CertificateRecord, names: Map<string, string>): SkillCertificateView {
  return {
    id: c.id,
    personUserId: c.personUserId,
    personDisplayName: names.get(c.personUserId) ?? '',
    level: c.level,
    occupation: c.occupation,
    certificateNo: c.certificateNo,
    issuedOn: c.issuedOn,
    issuingBody: c.issuingBody,
    insuredMonths: c.insuredMonths,
    receivingUnemploymentBenefit: c.receivingUnemploymentBenefit,
    townshipCode: c.townshipCode,
    createdAt: iso(c.createdAt),
  };
}

function businessView(b: BusinessRecord, names: Map<string, string>): BusinessView {
  return {
    id: b.id,
    founderUserId: b.founderUserId,
    founderDisplayName: names.get(b.founderUserId) ?? '',
    name: b.name,
    creditCode: b.creditCode,
    kind: b.kind,
    licensedOn: b.licensedOn,
    firstBusiness: b.firstBusiness,
    employees: b.employees,
    paysTax: b.paysTax,
    paysSocialInsurance: b.paysSocialInsurance,
    townshipCode: b.townshipCode,
    closedOn: b.closedOn,
    createdAt: iso(b.createdAt),
  };
}

function insuranceYearView(y: InsuranceYearRecord, names: Map<string, string>): InsuranceYearView {
  return {
    id: y.id,
    employerOrganisationId: y.employerOrganisationId,
    employerName: names.get(y.employerOrganisationId) ?? '',
    year: y.year,
    insuredStaff: y.insuredStaff,
    laidOff: y.laidOff,
    premiumsFen: y.premiumsFen,
    employerSize: y.employerSize,
    townshipCode: y.townshipCode,
    createdAt: iso(y.createdAt),
  };
}

const notAssignment = () => DomainError.notFound('Public-welfare assignment');
