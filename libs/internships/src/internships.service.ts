import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { ApplicationService } from '@app/applications';
import { EnterpriseService, canManage } from '@app/enterprises';
import { OrganisationsService, UserDirectory } from '@app/identity';
import { JobPostService } from '@app/jobs';
import { AuthUser, DomainError, Role } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { POLICY_REGISTRY } from '@app/subsidies';
import { PolicyRegistry, targetNumber } from '@app/subsidy-engine';
import {
  HostUnitListView,
  HostUnitView,
  InternListView,
  InternView,
  InternshipDetailsDto,
  InternshipDetailsView,
  InternshipProgressView,
  PutHostUnitDto,
} from './internship.dto';
import { InternRecord, InternshipRepository } from './internship.repository';
import {
  HOST_AFFILIATION_NAMES,
  HOST_UNIT_KIND_NAMES,
  INTERN_OUTCOME_NAMES,
  INTERN_STATUS_NAMES,
  InternOutcome,
  internshipProgress,
} from './internship.rules';

/** Applications that can still become an internship. */
const OPEN_APPLICATION = new Set(['applied', 'screening', 'interview', 'offer']);

/**
 * 就业见习 (二(十一)): host units and demonstration units designated by staff; internship posts are
 * job posts of the internship kind (jobs: review, search, applications with the eligibility check)
 * with their details here; the gathering progress toward 80; interns from acceptance to outcome.
 * Host units see only their posts and interns (a 404 otherwise, as for job posts).
 */
@Injectable()
export class InternshipsService {
  constructor(
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
    private readonly dataSource: DataSource,
    private readonly repo: InternshipRepository,
    private readonly posts: JobPostService,
    private readonly applications: ApplicationService,
    private readonly enterprises: EnterpriseService,
    private readonly organisations: OrganisationsService,
    private readonly directory: UserDirectory,
    private readonly audit: AuditService,
  ) {}

  async progress(): Promise<InternshipProgressView> {
    const posts = await this.posts.publishedInternships();
    const details = await this.repo.details(posts.map((p) => p.id));
    const hosts = await this.repo.hostUnits();
    return internshipProgress(
      posts,
      new Map([...details].map(([id, d]) => [id, d.places])),
      new Map(hosts.map((h) => [h.organisationId, h])),
      targetNumber(this.registry.list(), Number(todayInChina().slice(0, 4)), 'internship-posts') ?? 0,
    );
  }

  async hostUnits(): Promise<HostUnitListView> {
    const hosts = await this.repo.hostUnits();
    const orgs = await this.organisations.byIds(hosts.map((h) => h.organisationId));
    return {
      items: hosts.map((h) => ({
        organisationId: h.organisationId,
        name: orgs.get(h.organisationId)?.name ?? '',
        kind: h.kind,
        kindName: HOST_UNIT_KIND_NAMES[h.kind],
        affiliation: h.affiliation,
        affiliationName: h.affiliation ? HOST_AFFILIATION_NAMES[h.affiliation] : null,
        demonstration: h.demonstration,
        designatedOn: h.designatedOn,
        designationReason: h.designationReason,
      })),
    };
  }

  /** Staff designate an enterprise (a hospital, a school… are enterprises here) as a host unit. */
  async putHostUnit(
    actor: AuthUser,
    organisationId: string,
    dto: PutHostUnitDto,
    requestId?: string,
  ): Promise<HostUnitView> {
    await this.assertManages(actor, organisationId);
    await this.dataSource.transaction(async (m) => {
      await this.repo.putHostUnit(m, {
        organisationId,
        kind: dto.kind,
        affiliation: dto.affiliation ?? null,
        by: actor.id,
      });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'internship.host-unit',
          targetType: 'enterprise',
          targetId: organisationId,
          requestId,
          details: { kind: dto.kind, affiliation: dto.affiliation ?? null },
        },
        m,
      );
    });
    return this.hostUnit(organisationId);
  }

  /** Staff designate only enterprises they look after (township staff: of their township); a 404 otherwise. */
  private async assertManages(actor: AuthUser, organisationId: string): Promise<void> {
    const org = await this.organisations.get(organisationId);
    const facts =
      org?.kind === 'enterprise'
        ? (await this.enterprises.facts([organisationId])).get(organisationId)
        : undefined;
    if (!facts || !canManage(actor, facts)) throw DomainError.notFound('Enterprise');
  }

  /** 见习示范单位: designated with its date and reason (or withdrawn with `null`). */
  async setDemonstration(
    actor: AuthUser,
    organisationId: string,
    d: { designatedOn: string; reason: string } | null,
    requestId?: string,
  ): Promise<HostUnitView> {
    if (d && d.designatedOn > todayInChina())
      throw DomainError.invalid('designatedOn', 'the designation date is in the future');
    await this.assertManages(actor, organisationId);
    await this.dataSource.transaction(async (m) => {
      const found = await this.repo.setDemonstration(
        m,
        organisationId,
        d ? { on: d.designatedOn, reason: d.reason.trim(), by: actor.id } : null,
      );
      if (!found) throw DomainError.notFound('Host unit');
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: d ? 'internship.demonstration' : 'internship.demonstration-withdrawn',
          targetType: 'enterprise',
          targetId: organisationId,
          reason: d?.reason.trim(),
          requestId,
        },
        m,
      );
    });
    return this.hostUnit(organisationId);
  }

  private async hostUnit(organisationId: string): Promise<HostUnitView> {
    const v = (await this.hostUnits()).items.find((h) => h.organisationId === organisationId);
    if (!v) throw DomainError.notFound('Host unit');
    return v;
  }

  /** The host unit (or staff for it) gives an internship post its duration, stipend, places and mentor. */
  async putDetails(
    actor: AuthUser,
    jobPostId: string,
    dto: InternshipDetailsDto,
  ): Promise<InternshipDetailsView> {
    const { post } = await this.posts.getManaged(actor, jobPostId);
    if (!post.isInternship)
      throw DomainError.conflict(
        'not-internship',
        'Only a post of the internship kind (用工形式 见习) has internship details',
      );
    await this.dataSource.transaction((m) =>
      this.repo.putDetails(m, {
        jobPostId,
        durationMonths: dto.durationMonths,
        stipendFen: dto.stipendFen,
        places: dto.places,
        mentor: dto.mentor?.trim() || null,
        by: actor.id,
      }),
    );
    return this.details(actor, jobPostId);
  }

  /** Public for a published post (as the post is); its managers see them at any state. */
  async details(actor: AuthUser | null, jobPostId: string): Promise<InternshipDetailsView> {
    await this.posts.get(actor, jobPostId);
    const d = (await this.repo.details([jobPostId])).get(jobPostId);
    if (!d) throw DomainError.notFound('Internship details');
    return d;
  }

  /** The host unit takes an applicant (录取): the application must be open and to an internship post it manages. */
  async accept(actor: AuthUser, applicationId: string, requestId?: string): Promise<InternView> {
    const app = await this.applications.get(actor, applicationId);
    const { post } = await this.posts.getManaged(actor, app.jobPostId);
    if (!post.isInternship)
      throw DomainError.conflict('not-internship', 'The application is not to an internship post');
    if (!OPEN_APPLICATION.has(app.status))
      throw DomainError.conflict('application-not-open', `The application is ${app.status}`);
    const id = await this.dataSource.transaction(async (m) => {
      // The post's row lock: two acceptances at once count each other against the places.
      await this.posts.lockForHire(m, post.id);
      const places = (await this.repo.details([post.id])).get(post.id)?.places ?? post.headcount;
      if ((await this.repo.activeInterns(m, post.id)) >= places)
        throw DomainError.conflict(
          'internship-full',
          `All ${places} internship places of the post are taken`,
        );
      const id = await this.repo.insertIntern(m, {
        applicationId,
        jobPostId: post.id,
        hostOrganisationId: post.employerId,
        seekerUserId: app.seekerUserId,
        by: actor.id,
      });
      if (!id) throw DomainError.conflict('intern-exists', 'This applicant is already an intern of the post');
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'internship.accept',
          targetType: 'intern',
          targetId: id,
          requestId,
          details: { applicationId, jobPostId: post.id, seekerUserId: app.seekerUserId },
        },
        m,
      );
      return id;
    });
    return this.view(await this.managed(actor, id));
  }

  async start(actor: AuthUser, id: string, startDate: string): Promise<InternView> {
    await this.dataSource.transaction(async (m) => {
      const i = await this.managed(actor, id, m);
      if (i.status !== 'accepted')
        throw DomainError.conflict('intern-not-accepted', `The internship is ${i.status}`);
      await this.repo.start(m, id, startDate);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'internship.start',
          targetType: 'intern',
          targetId: id,
          details: { startDate },
        },
        m,
      );
    });
    return this.view(await this.managed(actor, id));
  }

  async end(
    actor: AuthUser,
    id: string,
    e: { endDate: string; outcome: InternOutcome; note?: string },
  ): Promise<InternView> {
    await this.dataSource.transaction(async (m) => {
      const i = await this.managed(actor, id, m);
      if (i.status !== 'started')
        throw DomainError.conflict('intern-not-started', `The internship is ${i.status}`);
      if (i.startDate && e.endDate < i.startDate)
        throw DomainError.invalid('endDate', `endDate must not be before the start ${i.startDate}`);
      await this.repo.end(m, id, { endDate: e.endDate, outcome: e.outcome, note: e.note?.trim() || null });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'internship.end',
          targetType: 'intern',
          targetId: id,
          details: { endDate: e.endDate, outcome: e.outcome },
        },
        m,
      );
    });
    return this.view(await this.managed(actor, id));
  }

  /** Host units: their interns; staff: those of the enterprises they manage; seekers: their own. */
  async list(
    actor: AuthUser,
    f: { jobPostId?: string; limit: number; offset: number },
  ): Promise<InternListView> {
    const hostIds = actor.role === Role.Seeker ? undefined : await this.enterprises.idsManagedBy(actor);
    if (hostIds !== undefined && hostIds !== 'all' && hostIds.length === 0) return { items: [], total: 0 };
    const { items, total } = await this.repo.interns(
      { hostIds, seekerUserId: hostIds === undefined ? actor.id : undefined, jobPostId: f.jobPostId },
      f.limit,
      f.offset,
    );
    return { items: await this.views(items), total };
  }

  private async managed(actor: AuthUser, id: string, m?: Parameters<InternshipRepository['intern']>[1]) {
    const i = await this.repo.intern(id, m, !!m);
    if (!i) throw DomainError.notFound('Intern');
    await this.posts.getManaged(actor, i.jobPostId);
    return i;
  }

  private async view(i: InternRecord): Promise<InternView> {
    return (await this.views([i]))[0];
  }

  private async views(items: InternRecord[]): Promise<InternView[]> {
    const posts = await this.posts.records(items.map((i) => i.jobPostId));
    const people = await this.directory.summaries(items.map((i) => i.seekerUserId));
    return items.map((i) => ({
      id: i.id,
      applicationId: i.applicationId,
      jobPostId: i.jobPostId,
      jobPostTitle: posts.get(i.jobPostId)?.title ?? '',
      hostOrganisationId: i.hostOrganisationId,
      hostName: posts.get(i.jobPostId)?.employerName ?? '',
      seekerUserId: i.seekerUserId,
      seekerDisplayName: people.get(i.seekerUserId)?.displayName ?? '',
      status: i.status,
      statusName: INTERN_STATUS_NAMES[i.status],
      startDate: i.startDate,
      endDate: i.endDate,
      outcome: i.outcome,
      outcomeName: i.outcome ? INTERN_OUTCOME_NAMES[i.outcome] : null,
      outcomeNote: i.outcomeNote,
      createdAt: i.createdAt.toISOString(),
    }));
  }
}
