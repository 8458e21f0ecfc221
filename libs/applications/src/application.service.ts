import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, DomainError, Role } from '@app/platform';
import { EnterpriseFacts, EnterpriseService, canManage } from '@app/enterprises';
import { UserDirectory, UsersService } from '@app/identity';
import { JobPostService } from '@app/jobs';
import { SeekerProfiles } from '@app/seekers';
import { INTERNSHIP_GROUP_NAMES, internshipEligibility } from '@app/subsidy-engine';
import { todayInChina } from '@app/platform/validation';
import {
  AgencyReferralDto,
  AgencyReferralView,
  ApplicationListView,
  ApplicationView,
  TransitionDto,
} from './application.dto';
import { ApplicationRecord, ApplicationRepository } from './application.repository';
import { ApplicationStatus, assertEmployerTransition, assertWithdrawable } from './application.rules';
import { PlacementRepository } from './placement.repository';
import { assertContractDates } from './placement.rules';
import { RecordHire } from './record-hire';

export interface ListApplicationsFilter {
  status?: ApplicationStatus;
  limit: number;
  offset: number;
}

/** Fields of a transition that only `to = hired` may carry. */
const HIRE_FIELDS = [
  'startDate',
  'contractEndDate',
  'postKind',
  'employerSocialInsuranceMonthlyFen',
] as const;

/**
 * Applications (求职申请): a seeker applies to a published post, or an agency refers one; the
 * employer (or staff for it) moves the application step by step; `hired` records the placement and
 * its `placement.recorded` outbox row in the same transaction. Every step is an `application_events`
 * row, shown to the seeker with its time and note.
 *
 * Who sees an application: its seeker; the referring agency; whoever manages the post's enterprise
 * (its employer, staff of its township or its commissioner, county staff, admins). Anyone else gets
 * a 404, whether or not it exists.
 */
@Injectable()
export class ApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly placements: PlacementRepository,
    private readonly recordHire: RecordHire,
    private readonly posts: JobPostService,
    private readonly enterprises: EnterpriseService,
    private readonly seekers: SeekerProfiles,
    private readonly directory: UserDirectory,
    private readonly users: UsersService,
  ) {}

  /** A seeker applies. Posts not yet published are not found; ended posts (or past deadline) are a 409. */
  async apply(actor: AuthUser, jobPostId: string, coverNote: string | undefined): Promise<ApplicationView> {
    const id = await this.dataSource.transaction((m) => this.applyWithin(m, actor, jobPostId, coverNote));
    return this.load(id);
  }

  /**
   * A seeker's application inside the caller's transaction (an online fair's booth ties it to the
   * fair in the same one): the post locked open, internship eligibility, one per seeker and post.
   */
  async applyWithin(
    m: EntityManager,
    actor: AuthUser,
    jobPostId: string,
    coverNote: string | undefined,
  ): Promise<string> {
    const post = await this.posts.lockOpenForApplication(m, jobPostId);
    if (post.isInternship) await this.assertInternshipEligible(m, actor.id);
    const newId = await this.applications.insert(m, {
      jobPostId,
      seekerUserId: actor.id,
      agencyId: null,
      free: false,
      note: coverNote?.trim() ?? null,
      actorId: actor.id,
    });
    if (!newId) throw duplicateApplication();
    return newId;
  }

  /** One application as its seeker sees it. */
  view(id: string): Promise<ApplicationView> {
    return this.load(id);
  }

  /**
   * 就业见习 (二(十一)): an internship post takes only the groups the plan names; a refused applicant
   * is told each group's failed condition (422 not-eligible, one field per group).
   */
  private async assertInternshipEligible(m: EntityManager, seekerUserId: string): Promise<void> {
    const today = todayInChina();
    const profile = (await this.seekers.records([seekerUserId], m)).get(seekerUserId);
    const birth = await this.users.seekerBirthFacts(seekerUserId, m);
    const placements = await this.placements.ofSeeker(seekerUserId, m);
    const verdict = internshipEligibility({
      today,
      birthDate: birth && typeof birth === 'object' ? birth.birthDate : null,
      graduation: profile?.graduation ?? null,
      employed: placements.some((p) => p.startDate <= today && (p.endedOn === null || p.endedOn > today)),
    });
    if (!verdict.eligible) {
      throw new DomainError(
        'not-eligible',
        `见习岗位只面向：${Object.values(INTERNSHIP_GROUP_NAMES).join('、')}`,
        422,
        verdict.failed,
      );
    }
  }

  /**
   * An agency refers a seeker to a post. The rule (推荐规则): the seeker must be registered with a
   * profile and have consented to be found by employers — the same consent that lets employers
   * find them in search; there is no township limit, as an agency may serve the whole county. A
   * seeker who does not qualify is "not found" (404), so an agency cannot learn who is registered.
   * The seeker is named by id or by the ID number on their card (the desk has the card, not an id).
   */
  async refer(actor: AuthUser, dto: AgencyReferralDto): Promise<AgencyReferralView> {
    if (!actor.organisationId) throw DomainError.notFound('Agency');
    if (dto.seekerUserId !== undefined && dto.seekerIdNumber !== undefined)
      throw DomainError.invalid('seekerIdNumber', 'give seekerUserId or seekerIdNumber, not both');
    const agencyId = actor.organisationId;
    const { applicationId, referralId } = await this.dataSource.transaction(async (m) => {
      // By the ID number: whoever it belongs to, if a seeker; the rule below decides the rest.
      const seekerUserId =
        dto.seekerIdNumber !== undefined
          ? (await this.users.seekersByIdNumbers([dto.seekerIdNumber], m)).get(dto.seekerIdNumber)?.userId
          : dto.seekerUserId;
      if (!seekerUserId) throw DomainError.notFound('Seeker');
      const profile = (await this.seekers.records([seekerUserId], m)).get(seekerUserId);
      if (!profile || !profile.searchableByEmployers || !(await this.directory.isSeeker(seekerUserId, m))) {
        throw DomainError.notFound('Seeker');
      }
      const post = await this.posts.lockOpenForApplication(m, dto.jobPostId);
      if (post.isInternship) await this.assertInternshipEligible(m, seekerUserId);
      const note = dto.note?.trim() ?? null;
      const appId = await this.applications.insert(m, {
        jobPostId: dto.jobPostId,
        seekerUserId,
        agencyId,
        free: dto.free,
        note,
        actorId: actor.id,
      });
      if (!appId) throw duplicateApplication();
      const refId = await this.applications.insertReferral(m, {
        agencyId,
        seekerUserId,
        jobPostId: dto.jobPostId,
        applicationId: appId,
        free: dto.free,
        note,
        createdBy: actor.id,
      });
      return { applicationId: appId, referralId: refId };
    });
    return { referralId, application: await this.load(applicationId) };
  }

  async listMine(actor: AuthUser, f: ListApplicationsFilter): Promise<ApplicationListView> {
    const { rows, total } = await this.applications.page(
      { seekerUserId: actor.id, status: f.status },
      f.limit,
      f.offset,
    );
    return { items: await this.views(rows), total };
  }

  /** The applications to one post, for those who manage it. */
  async listForPost(
    actor: AuthUser,
    jobPostId: string,
    f: ListApplicationsFilter,
  ): Promise<ApplicationListView> {
    await this.posts.getManaged(actor, jobPostId);
    const { rows, total } = await this.applications.page({ jobPostId, status: f.status }, f.limit, f.offset);
    return { items: await this.views(rows), total };
  }

  async get(actor: AuthUser, id: string): Promise<ApplicationView> {
    const row = await this.applications.get(id);
    const employer = row ? await this.employerOf(row) : undefined;
    if (!row || !mayRead(actor, row, employer)) throw notFound();
    return (await this.views([row]))[0];
  }

  /** The seeker withdraws their own open application. */
  async withdraw(actor: AuthUser, id: string, note: string | undefined): Promise<ApplicationView> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.applications.get(id, m, true);
      if (!row || row.seekerUserId !== actor.id) throw notFound();
      assertWithdrawable(row.status);
      await this.applications.step(m, row, 'withdrawn', actor.id, note?.trim() ?? null);
    });
    return this.load(id);
  }

  /**
   * The employer's (or staff's) step. `hired` is RecordHire's: the placement (place of work from
   * the post, referral from the application) with its outbox row — all or nothing — and the post
   * filled when the hire takes its last place; a hire on a post with no place left is a 409.
   */
  async transition(
    actor: AuthUser,
    id: string,
    dto: TransitionDto,
    requestId: string | null,
  ): Promise<ApplicationView> {
    if (dto.to === 'hired') {
      if (dto.startDate === undefined) throw DomainError.invalid('startDate', 'is required to hire');
      if (dto.contractEndDate === undefined)
        throw DomainError.invalid('contractEndDate', 'is required to hire');
      assertContractDates(dto.startDate, dto.contractEndDate);
      await this.recordHire.throughApplication(
        actor,
        id,
        {
          startDate: dto.startDate,
          contractEndDate: dto.contractEndDate,
          postKind: dto.postKind ?? 'regular',
          employerSocialInsuranceMonthlyFen: dto.employerSocialInsuranceMonthlyFen ?? null,
          note: dto.note,
        },
        mayManage,
        requestId,
      );
      return this.load(id);
    }
    const extra = HIRE_FIELDS.find((k) => dto[k] !== undefined);
    if (extra) throw DomainError.invalid(extra, 'may be given only with to = hired');
    await this.dataSource.transaction(async (m) => {
      const row = await this.applications.get(id, m, true);
      const employer = row ? await this.employerOf(row, m) : undefined;
      if (!row || !employer || !mayManage(actor, row, employer)) throw notFound();
      assertEmployerTransition(row.status, dto.to);
      await this.applications.step(m, row, dto.to, actor.id, dto.note?.trim() ?? null);
    });
    return this.load(id);
  }

  private async employerOf(row: ApplicationRecord, m?: Parameters<JobPostService['records']>[1]) {
    const post = (await this.posts.records([row.jobPostId], m)).get(row.jobPostId);
    return post ? (await this.enterprises.facts([post.employerId], m)).get(post.employerId) : undefined;
  }

  private async load(id: string): Promise<ApplicationView> {
    const row = await this.applications.get(id);
    if (!row) throw notFound();
    return (await this.views([row]))[0];
  }

  private async views(rows: ApplicationRecord[]): Promise<ApplicationView[]> {
    if (rows.length === 0) return [];
    const posts = await this.posts.records(rows.map((r) => r.jobPostId));
    const events = await this.applications.events(rows.map((r) => r.id));
    const placements = await this.placements.idsByApplication(rows.map((r) => r.id));
    const people = await this.directory.summaries(rows.map((r) => r.seekerUserId));
    const byApp = new Map<string, typeof events>();
    for (const e of events) byApp.set(e.applicationId, [...(byApp.get(e.applicationId) ?? []), e]);
    return rows.map((r) => {
      const post = posts.get(r.jobPostId);
      return {
        id: r.id,
        jobPostId: r.jobPostId,
        jobPostTitle: post?.title ?? '',
        employerId: post?.employerId ?? '',
        employerName: post?.employerName ?? '',
        seekerUserId: r.seekerUserId,
        seekerDisplayName: people.get(r.seekerUserId)?.displayName ?? '',
        status: r.status,
        referredByAgencyId: r.referredByAgencyId,
        referralFree: r.referralFree,
        coverNote: r.coverNote,
        placementId: placements.get(r.id) ?? null,
        createdAt: new Date(r.createdAt).toISOString(),
        statusChangedAt: new Date(r.statusChangedAt).toISOString(),
        events: (byApp.get(r.id) ?? []).map((e) => ({
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          note: e.note,
          at: new Date(e.at).toISOString(),
        })),
      };
    });
  }
}

function notFound(): DomainError {
  return DomainError.notFound('Application');
}

function duplicateApplication(): DomainError {
  return DomainError.conflict(
    'application.duplicate',
    'This seeker already has an active application to this post',
  );
}

/** Employer of the post's enterprise, staff who look after it, admins. */
export function mayManage(
  actor: AuthUser,
  _r: ApplicationRecord,
  employer: EnterpriseFacts | undefined,
): boolean {
  return !!employer && canManage(actor, employer);
}

/** Those who manage the post, the seeker themselves, and the agency that referred them. */
export function mayRead(
  actor: AuthUser,
  r: ApplicationRecord,
  employer: EnterpriseFacts | undefined,
): boolean {
  if (actor.role === Role.Seeker) return r.seekerUserId === actor.id;
  if (actor.role === Role.Agency) {
    return actor.organisationId !== null && r.referredByAgencyId === actor.organisationId;
  }
  return mayManage(actor, r, employer);
}
