import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { canManage } from '@app/enterprises';
import { AuthUser, Role } from '@app/identity';
import { JobPostRow, SELECT_JOB_POST } from '@app/jobs';
import {
  AgencyReferralDto,
  AgencyReferralView,
  ApplicationListView,
  ApplicationView,
  TransitionDto,
} from './application.dto';
import { ApplicationStatus, assertEmployerTransition, assertWithdrawable } from './application.rules';
import { ApplicationEventRow, ApplicationRow, SELECT_APPLICATION } from './applications.sql';
import { assertContractDates, assertPlaceLeft, locationOfPost } from './placement.rules';
import { PlacementService, PostForHire } from './placement.service';

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
    private readonly placements: PlacementService,
  ) {}

  /** A seeker applies. Posts not yet published are not found; ended posts (or past deadline) are a 409. */
  async apply(actor: AuthUser, jobPostId: string, coverNote: string | undefined): Promise<ApplicationView> {
    const id = await this.dataSource.transaction(async (m) => {
      await this.lockOpenPost(m, jobPostId);
      return this.insert(m, {
        jobPostId,
        seekerUserId: actor.id,
        agencyId: null,
        free: false,
        note: coverNote?.trim() ?? null,
        actorId: actor.id,
      });
    });
    return this.load(this.dataSource.manager, id);
  }

  /**
   * An agency refers a seeker to a post. The rule (推荐规则): the seeker must be registered with a
   * profile and have consented to be found by employers (seeker_profiles.searchable_by_employers) —
   * the same consent that lets employers find them in search; there is no township limit, as an
   * agency may serve the whole county. A seeker who does not qualify is "not found" (404), so an
   * agency cannot learn who is registered. The application starts as `applied` with the agency
   * and whether its service is free.
   */
  async refer(actor: AuthUser, dto: AgencyReferralDto): Promise<AgencyReferralView> {
    if (!actor.organisationId) throw DomainError.notFound('Agency');
    const agencyId = actor.organisationId;
    const { applicationId, referralId } = await this.dataSource.transaction(async (m) => {
      const seekers: unknown[] = await m.query(
        `SELECT 1 FROM users u JOIN seeker_profiles p ON p.user_id = u.id
          WHERE u.id = $1 AND u.role = 'seeker' AND p.searchable_by_employers`,
        [dto.seekerUserId],
      );
      if (seekers.length === 0) throw DomainError.notFound('Seeker');
      await this.lockOpenPost(m, dto.jobPostId);
      const note = dto.note?.trim() ?? null;
      const appId = await this.insert(m, {
        jobPostId: dto.jobPostId,
        seekerUserId: dto.seekerUserId,
        agencyId,
        free: dto.free,
        note,
        actorId: actor.id,
      });
      const rows: { id: string }[] = await m.query(
        `INSERT INTO agency_referrals (agency_organisation_id, seeker_user_id, job_post_id, application_id, free,
           note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [agencyId, dto.seekerUserId, dto.jobPostId, appId, dto.free, note, actor.id],
      );
      return { applicationId: appId, referralId: rows[0].id };
    });
    return { referralId, application: await this.load(this.dataSource.manager, applicationId) };
  }

  async listMine(actor: AuthUser, f: ListApplicationsFilter): Promise<ApplicationListView> {
    return this.list(`a.seeker_user_id = $1`, [actor.id], f);
  }

  /** The applications to one post, for those who manage it. */
  async listForPost(
    actor: AuthUser,
    jobPostId: string,
    f: ListApplicationsFilter,
  ): Promise<ApplicationListView> {
    const posts: JobPostRow[] = await this.dataSource.query(`${SELECT_JOB_POST} WHERE j.id = $1`, [
      jobPostId,
    ]);
    const post = posts[0];
    if (
      !post ||
      !managesEnterprise(actor, post.employer_id, post.ep_township_code, post.ep_commissioner_user_id)
    ) {
      throw DomainError.notFound('Job post');
    }
    return this.list(`a.job_post_id = $1`, [jobPostId], f);
  }

  async get(actor: AuthUser, id: string): Promise<ApplicationView> {
    const row = await this.row(this.dataSource.manager, id);
    if (!row || !mayRead(actor, row)) throw notFound();
    return (await this.views([row]))[0];
  }

  /** The seeker withdraws their own open application. */
  async withdraw(actor: AuthUser, id: string, note: string | undefined): Promise<ApplicationView> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.row(m, id, true);
      if (!row || row.seeker_user_id !== actor.id) throw notFound();
      assertWithdrawable(row.status);
      await this.step(m, row, 'withdrawn', actor.id, note);
    });
    return this.load(this.dataSource.manager, id);
  }

  /**
   * The employer's (or staff's) step. `hired` also records the placement (place of work from the
   * post, referral from the application) with its outbox row — all or nothing — and fills the post
   * when it takes the last place; a hire on a post with no place left is a 409.
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
    } else {
      const extra = HIRE_FIELDS.find((k) => dto[k] !== undefined);
      if (extra) throw DomainError.invalid(extra, 'may be given only with to = hired');
    }
    await this.dataSource.transaction(async (m) => {
      // A hire locks the post before the application (the order of apply and refer), so two hires
      // on one post queue on its row and the second sees the place the first took.
      const post = dto.to === 'hired' ? await this.lockPostOf(m, id) : undefined;
      const row = await this.row(m, id, true);
      if (!row || !mayManage(actor, row)) throw notFound();
      assertEmployerTransition(row.status, dto.to);
      if (post) assertPlaceLeft(post.row, post.active);
      await this.step(m, row, dto.to, actor.id, dto.note);
      if (dto.to !== 'hired') return;
      if (!post) throw new Error('unreachable: a hire without its post');
      const location = locationOfPost(post.row);
      await this.placements.recordInTransaction(
        m,
        actor,
        {
          applicationId: row.id,
          jobPostId: row.job_post_id,
          employerOrganisationId: row.employer_id,
          seekerUserId: row.seeker_user_id,
          startDate: dto.startDate as string,
          contractEndDate: dto.contractEndDate ?? null,
          province: location.province,
          city: location.city,
          county: location.county,
          townshipCode: location.townshipCode,
          postKind: dto.postKind ?? 'regular',
          employerSocialInsuranceMonthlyFen: dto.employerSocialInsuranceMonthlyFen ?? null,
          referringAgencyId: row.referred_by_agency_id,
          referralFree: row.referral_free,
          organisedExportTripId: null,
          source: 'application',
          recordedBy: actor.id,
        },
        requestId,
        post,
      );
    });
    return this.load(this.dataSource.manager, id);
  }

  /** The post of an application, locked for a hire; undefined when there is no such application. */
  private async lockPostOf(m: EntityManager, applicationId: string): Promise<PostForHire | undefined> {
    // The post of an application never changes: reading it unlocked is safe.
    const rows: { job_post_id: string }[] = await m.query(
      `SELECT job_post_id FROM applications WHERE id = $1`,
      [applicationId],
    );
    return rows[0] && this.placements.lockPostForHire(m, rows[0].job_post_id);
  }

  /**
   * Locks a post against a concurrent close or fill while applying; only published posts before
   * their deadline take applications (closed, filled 招满 and expired ones are a 409).
   */
  private async lockOpenPost(m: EntityManager, jobPostId: string): Promise<JobPostRow> {
    const rows: JobPostRow[] = await m.query(`${SELECT_JOB_POST} WHERE j.id = $1 FOR SHARE OF j`, [
      jobPostId,
    ]);
    const post = rows[0];
    // Drafts and posts in review were never public: not found, as JobPostService answers.
    if (!post || post.status === 'draft' || post.status === 'pending-review') {
      throw DomainError.notFound('Job post');
    }
    if (post.status !== 'published' || (post.deadline !== null && post.deadline < todayInChina())) {
      throw DomainError.conflict(
        'application.post-not-open',
        `This post is ${post.status === 'published' ? 'past its deadline' : post.status} and takes no applications`,
      );
    }
    return post;
  }

  private async insert(
    m: EntityManager,
    a: {
      jobPostId: string;
      seekerUserId: string;
      agencyId: string | null;
      free: boolean;
      note: string | null;
      actorId: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO applications (job_post_id, seeker_user_id, referred_by_agency_id, referral_free, cover_note,
         created_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (job_post_id, seeker_user_id) WHERE status NOT IN ('rejected', 'withdrawn') DO NOTHING
       RETURNING id`,
      [a.jobPostId, a.seekerUserId, a.agencyId, a.free, a.note, a.actorId],
    );
    if (rows.length === 0) {
      throw DomainError.conflict(
        'application.duplicate',
        'This seeker already has an active application to this post',
      );
    }
    await m.query(
      `INSERT INTO application_events (application_id, from_status, to_status, actor_user_id, note)
       VALUES ($1, NULL, 'applied', $2, $3)`,
      [rows[0].id, a.actorId, a.note],
    );
    return rows[0].id;
  }

  private async step(
    m: EntityManager,
    row: ApplicationRow,
    to: ApplicationStatus,
    actorId: string,
    note: string | undefined,
  ): Promise<void> {
    await m.query(
      `UPDATE applications SET status = $2, status_changed_at = now(), updated_at = now() WHERE id = $1`,
      [row.id, to],
    );
    await m.query(
      `INSERT INTO application_events (application_id, from_status, to_status, actor_user_id, note)
       VALUES ($1, $2, $3, $4, $5)`,
      [row.id, row.status, to, actorId, note?.trim() ?? null],
    );
  }

  private async list(
    where: string,
    params: unknown[],
    f: ListApplicationsFilter,
  ): Promise<ApplicationListView> {
    const all = [...params];
    let clause = `WHERE ${where}`;
    if (f.status) {
      all.push(f.status);
      clause += ` AND a.status = $${all.length}`;
    }
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM applications a ${clause}`,
      all,
    );
    const rows: ApplicationRow[] = await this.dataSource.query(
      `${SELECT_APPLICATION} ${clause} ORDER BY a.created_at DESC, a.id
        LIMIT $${all.length + 1} OFFSET $${all.length + 2}`,
      [...all, f.limit, f.offset],
    );
    return { items: await this.views(rows), total };
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<ApplicationRow | undefined> {
    const rows: ApplicationRow[] = await m.query(
      `${SELECT_APPLICATION} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`,
      [id],
    );
    return rows[0];
  }

  private async load(m: EntityManager, id: string): Promise<ApplicationView> {
    const row = await this.row(m, id);
    if (!row) throw notFound();
    return (await this.views([row]))[0];
  }

  private async views(rows: ApplicationRow[]): Promise<ApplicationView[]> {
    if (rows.length === 0) return [];
    const events: ApplicationEventRow[] = await this.dataSource.query(
      `SELECT application_id, from_status, to_status, note, at FROM application_events
        WHERE application_id = ANY($1::uuid[]) ORDER BY id`,
      [rows.map((r) => r.id)],
    );
    const byApp = new Map<string, ApplicationEventRow[]>();
    for (const e of events) byApp.set(e.application_id, [...(byApp.get(e.application_id) ?? []), e]);
    return rows.map((r) => ({
      id: r.id,
      jobPostId: r.job_post_id,
      jobPostTitle: r.job_post_title,
      employerId: r.employer_id,
      employerName: r.employer_name,
      seekerUserId: r.seeker_user_id,
      seekerDisplayName: r.seeker_display_name,
      status: r.status,
      referredByAgencyId: r.referred_by_agency_id,
      referralFree: r.referral_free,
      coverNote: r.cover_note,
      placementId: r.placement_id,
      createdAt: new Date(r.created_at).toISOString(),
      statusChangedAt: new Date(r.status_changed_at).toISOString(),
      events: (byApp.get(r.id) ?? []).map((e) => ({
        fromStatus: e.from_status,
        toStatus: e.to_status,
        note: e.note,
        at: new Date(e.at).toISOString(),
      })),
    }));
  }
}

function notFound(): DomainError {
  return DomainError.notFound('Application');
}

function managesEnterprise(
  actor: AuthUser,
  organisationId: string,
  townshipCode: string | null,
  commissionerUserId: string | null,
): boolean {
  return canManage(actor, { organisationId, townshipCode, commissionerUserId });
}

/** Employer of the post's enterprise, staff who look after it, admins. */
export function mayManage(actor: AuthUser, r: ApplicationRow): boolean {
  return managesEnterprise(actor, r.employer_id, r.ep_township_code, r.ep_commissioner_user_id);
}

/** Those who manage the post, the seeker themselves, and the agency that referred them. */
export function mayRead(actor: AuthUser, r: ApplicationRow): boolean {
  if (actor.role === Role.Seeker) return r.seeker_user_id === actor.id;
  if (actor.role === Role.Agency) {
    return actor.organisationId !== null && r.referred_by_agency_id === actor.organisationId;
  }
  return mayManage(actor, r);
}
