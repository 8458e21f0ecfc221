import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  CountedRecord,
  DomainError,
  JobName,
  OutboxService,
  townshipByCode,
  AuthUser,
  Role,
} from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { AuditService } from '@app/audit';
import { EnterpriseFacts, EnterpriseScope, EnterpriseService, canManage, maskPhone } from '@app/enterprises';
import { JobLocation, dedupeKey, parseLocation } from './import';
import { CreateJobPostDto, JobPostFields, JobPostView, UpdateJobPostDto } from './job-post.dto';
import { JobPostStatus } from './job-post.entity';
import { hasNewFlag, screenJobPost } from './job-post-screen';
import {
  JobPostRecord,
  JobPostRepository,
  LocationColumns,
  PublishedPostCriteria,
  locationColumns,
} from './job-post.repository';

const ENDED: readonly JobPostStatus[] = ['closed', 'filled', 'expired'];
/** States from which a post may become `filled` (by hand or by hires). */
const FILLABLE: readonly JobPostStatus[] = ['pending-review', 'published'];
/** Edits of these fields do not send a published post back to review. */
const NON_MATERIAL = new Set(['contactName', 'contactPhone']);

export interface ListJobPostsFilter {
  status?: JobPostStatus;
  employerId?: string;
  townshipCode?: string;
  q?: string;
  mine?: boolean;
  flagged?: boolean;
  limit: number;
  offset: number;
}

/**
 * Job posts (招聘岗位) and their lifecycle: draft → pending-review → published → closed / filled /
 * expired; a rejected post goes back to draft with the reason. Every change that alters what the
 * public search shows writes a `search.job-post-changed` outbox row in the same transaction.
 *
 * Access: employers manage their enterprise's posts, commissioners and township staff those of
 * their enterprises (the enterprise's township, not the post's place, decides), county staff and admins all; anyone else gets a
 * 404 whether or not the post exists. Published posts are public.
 */
@Injectable()
export class JobPostService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly posts: JobPostRepository,
    private readonly outbox: OutboxService,
    private readonly enterprises: EnterpriseService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser, dto: CreateJobPostDto): Promise<JobPostView> {
    let employerId = dto.employerId;
    if (actor.role === Role.Employer) {
      if (employerId && employerId !== actor.organisationId) throw DomainError.notFound('Enterprise');
      employerId = actor.organisationId ?? undefined;
    }
    if (!employerId) throw DomainError.invalid('employerId', 'is required');
    const id = await this.dataSource.transaction(async (m) => {
      const employer = (await this.enterprises.facts([employerId], m)).get(employerId);
      if (!employer || !canManage(actor, employer)) throw DomainError.notFound('Enterprise');
      if (!dto.title) throw DomainError.invalid('title', 'is required');
      if (!dto.headcount) throw DomainError.invalid('headcount', 'is required');
      const location = resolveLocation(dto);
      if (!location) throw DomainError.invalid('townshipCode', 'give townshipCode or outsidePlace');
      checkConsistency(dto);
      const newId = await this.posts.insert(m, {
        employer: { id: employerId, name: employer.name, size: employer.size, industry: employer.industry },
        title: dto.title.trim(),
        occupation: dto.occupation?.trim(),
        headcount: dto.headcount,
        location,
        employmentType: dto.employmentType ?? 'full-time',
        wageMinFen: dto.wageMinFen,
        wageMaxFen: dto.wageMaxFen,
        education: dto.education,
        ageMin: dto.ageMin,
        ageMax: dto.ageMax,
        skills: dto.skills ?? [],
        benefits: dto.benefits ?? [],
        description: dto.description,
        requirements: dto.requirements,
        contactName: dto.contactName,
        contactPhone: dto.contactPhone,
        deadline: dto.deadline,
        status: 'draft',
        // Shown to the reviewer when the post is submitted (every post is reviewed before it is published).
        screeningFlags: screenJobPost({ ...dto, title: dto.title.trim() }),
        dedupeKey: dedupeKey({
          employer: { name: employer.name, creditCode: employer.creditCode },
          title: dto.title.trim(),
          location,
          headcount: dto.headcount,
        }),
        source: 'manual',
        createdBy: actor.id,
      });
      if (!newId) throw duplicate();
      return newId;
    });
    return this.load(actor, id);
  }

  /** Published posts to anyone (also anonymous); other states only to those who manage the post. */
  async get(actor: AuthUser | null, id: string): Promise<JobPostView> {
    const row = await this.posts.get(id);
    if (!row) throw notFound();
    const scope = actor ? await this.scopeOf(row.employerId) : null;
    if (row.status !== 'published' && !mayManage(actor, scope)) throw notFound();
    return this.view(actor, row, scope);
  }

  async list(actor: AuthUser, f: ListJobPostsFilter): Promise<{ items: JobPostView[]; total: number }> {
    if (actor.role !== Role.Employer && actor.role !== Role.Staff && actor.role !== Role.Admin) {
      return { items: [], total: 0 };
    }
    let employerIds = await this.enterprises.idsManagedBy(actor);
    if (f.mine && actor.role !== Role.Employer) {
      const mine = await this.enterprises.idsCommissionedBy(actor.id);
      employerIds = employerIds === 'all' ? mine : employerIds.filter((id) => mine.includes(id));
    }
    const { rows, total } = await this.posts.list({ employerIds, ...f });
    const scopes = await this.enterprises.facts(rows.map((r) => r.employerId));
    return { items: rows.map((r) => this.view(actor, r, scopes.get(r.employerId) ?? null)), total };
  }

  /** Owners edit a post until it ends; a material change of a published post sends it back to review. */
  async update(actor: AuthUser, id: string, dto: UpdateJobPostDto): Promise<JobPostView> {
    await this.dataSource.transaction(async (m) => {
      const { row, employer } = await this.lockForActor(m, actor, id);
      if (ENDED.includes(row.status)) {
        throw DomainError.conflict(
          'job-post.ended',
          `This post is ${row.status} and can no longer be edited`,
        );
      }
      const changed = (Object.keys(dto) as (keyof JobPostFields)[]).filter((k) => dto[k] !== undefined);
      if (changed.length === 0) return;
      const location =
        dto.townshipCode !== undefined || dto.outsidePlace !== undefined ? resolveLocation(dto) : undefined;
      const merged = {
        title: dto.title?.trim() ?? row.title,
        occupation: dto.occupation?.trim() ?? row.occupation,
        headcount: dto.headcount ?? row.headcount,
        employmentType: dto.employmentType ?? row.employmentType,
        wageMinFen: dto.wageMinFen ?? row.wageMinFen,
        wageMaxFen: dto.wageMaxFen ?? row.wageMaxFen,
        education: dto.education ?? row.education,
        ageMin: dto.ageMin ?? row.ageMin,
        ageMax: dto.ageMax ?? row.ageMax,
        skills: dto.skills ?? row.skills,
        benefits: dto.benefits ?? row.benefits,
        description: dto.description ?? row.description,
        requirements: dto.requirements ?? row.requirements,
        contactName: dto.contactName ?? row.contactName,
        contactPhone: dto.contactPhone ?? row.contactPhone,
        deadline: dto.deadline ?? row.deadline,
      };
      checkConsistency({ ...merged, deadline: dto.deadline });
      const loc = location ? locationColumns(location) : rowLocationColumns(row);
      const key = dedupeKey({
        employer: { name: employer.name, creditCode: employer.creditCode },
        title: merged.title,
        location: location ?? rowLocation(row),
        headcount: merged.headcount,
      });
      const material = changed.some((k) => !NON_MATERIAL.has(k));
      const screeningFlags = screenJobPost(merged);
      // A published post goes back to review on a material change, or when the screen finds something new.
      const status: JobPostStatus =
        row.status === 'published' && (material || hasNewFlag(row.screeningFlags, screeningFlags))
          ? 'pending-review'
          : row.status;
      try {
        await this.posts.update(m, id, { ...merged, location: loc, status, screeningFlags, dedupeKey: key });
      } catch (err) {
        throw isDedupeViolation(err) ? duplicate() : err;
      }
      // The document changes (or leaves the index when the post went back to review).
      if (row.status === 'published') await this.outbox.add(m, JobName.JobPostChanged, { jobPostId: id });
    });
    return this.load(actor, id);
  }

  submit(actor: AuthUser, id: string): Promise<JobPostView> {
    return this.transition(actor, id, ['draft'], 'pending-review', {});
  }

  approve(actor: AuthUser, id: string, requestId: string | null): Promise<JobPostView> {
    return this.transition(actor, id, ['pending-review'], 'published', { review: 'approve', requestId });
  }

  reject(actor: AuthUser, id: string, reason: string, requestId: string | null): Promise<JobPostView> {
    return this.transition(actor, id, ['pending-review'], 'draft', { review: 'reject', reason, requestId });
  }

  close(actor: AuthUser, id: string): Promise<JobPostView> {
    return this.transition(actor, id, ['draft', 'pending-review', 'published'], 'closed', {});
  }

  /** 已招满 */
  fill(actor: AuthUser, id: string): Promise<JobPostView> {
    return this.transition(actor, id, FILLABLE, 'filled', {});
  }

  /**
   * A post locked FOR UPDATE for a hire (the placements' RecordHire), inside the caller's
   * transaction: concurrent hires on one post queue on its row. Null when there is no such post.
   */
  lockForHire(m: EntityManager, id: string): Promise<JobPostRecord | null> {
    return this.posts.get(id, m, true);
  }

  /** Several posts locked for a batch of hires, by id. */
  async lockManyForHire(m: EntityManager, ids: readonly string[]): Promise<Map<string, JobPostRecord>> {
    return new Map((await this.posts.lockMany(m, ids)).map((p) => [p.id, p]));
  }

  /**
   * 已招满 reached by hires, inside the caller's transaction, which holds the post locked
   * (lockForHire). A post that may be filled by hand becomes `filled` exactly as fill() does it
   * (outbox row included); one already ended, or a draft, stays. Returns whether it changed.
   */
  async fillByHires(m: EntityManager, post: JobPostRecord): Promise<boolean> {
    if (!FILLABLE.includes(post.status)) return false;
    await this.writeStatus(m, post, 'filled', null, {});
    return true;
  }

  /**
   * A published post open for applications, locked FOR SHARE for the caller's transaction (it
   * cannot be closed or filled meanwhile). Drafts and posts in review are "not found"; an ended
   * post or one past its deadline is a 409.
   */
  async lockOpenForApplication(m: EntityManager, id: string): Promise<JobPostRecord> {
    const post = await this.posts.getShared(m, id);
    if (!post || post.status === 'draft' || post.status === 'pending-review') throw notFound();
    if (post.status !== 'published' || (post.deadline !== null && post.deadline < todayInChina())) {
      throw DomainError.conflict(
        'application.post-not-open',
        `This post is ${post.status === 'published' ? 'past its deadline' : post.status} and takes no applications`,
      );
    }
    return post;
  }

  /** The records behind the plan's internship figure (二(十一)). */
  internshipsPublishedIn(year: number): Promise<CountedRecord[]> {
    return this.posts.internshipsPublishedIn(year);
  }

  /** Published internship posts (见习) open today: what the gathering target toward 80 counts. */
  publishedInternships(): Promise<JobPostRecord[]> {
    return this.posts.publishedInternships(todayInChina());
  }

  /** Posts by id, for records that refer to them (applications, placements); no access check. */
  async records(ids: readonly string[], m?: EntityManager): Promise<Map<string, JobPostRecord>> {
    return new Map((await this.posts.getMany(ids, {}, m)).map((p) => [p.id, p]));
  }

  /** The published ones of `ids` (the search index's feed). */
  async publishedRecords(ids: readonly string[], m?: EntityManager): Promise<JobPostRecord[]> {
    return this.posts.getMany(ids, { publishedOnly: true }, m);
  }

  /** Every published post in id order, `batchSize` at a time (reindex). */
  async *publishedBatches(batchSize: number): AsyncGenerator<JobPostRecord[]> {
    let after: string | null = null;
    for (;;) {
      const rows = await this.posts.publishedAfter(after, batchSize);
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1].id;
      if (rows.length < batchSize) return;
    }
  }

  /** Ids of published posts in id order, in batches (reconciliation). */
  async *publishedIdBatches(batchSize: number): AsyncGenerator<string[]> {
    let after: string | null = null;
    for (;;) {
      const ids = await this.posts.publishedIdsAfter(after, batchSize);
      if (ids.length === 0) return;
      yield ids;
      after = ids[ids.length - 1];
      if (ids.length < batchSize) return;
    }
  }

  /** Ids of posts changed at or after `since` (a reindex's catch-up), in batches. */
  async *idsChangedSince(since: Date, batchSize = 1000): AsyncGenerator<string[]> {
    let after: string | null = null;
    for (;;) {
      const ids = await this.posts.idsChangedSince(since, after, batchSize);
      if (ids.length === 0) return;
      yield ids;
      after = ids[ids.length - 1];
      if (ids.length < batchSize) return;
    }
  }

  /**
   * A post for one who manages it, with its enterprise's facts; a 404 for anyone else (as every
   * route of the post answers) — e.g. matching's candidates for a post.
   */
  async getManaged(actor: AuthUser, id: string): Promise<{ post: JobPostRecord; employer: EnterpriseFacts }> {
    const post = await this.posts.get(id);
    const employer = post
      ? (await this.enterprises.facts([post.employerId])).get(post.employerId)
      : undefined;
    if (!post || !employer || !mayManage(actor, employer)) throw notFound();
    return { post, employer };
  }

  /** Published posts for a seeker by Postgres (matching while Meilisearch is down). */
  matchCandidates(townshipCode: string | null, words: string[], limit: number): Promise<JobPostRecord[]> {
    return this.posts.matchCandidates(townshipCode, words, todayInChina(), limit);
  }

  /** The public search by Postgres, for the search domain while Meilisearch is down. */
  searchPublished(criteria: PublishedPostCriteria) {
    return this.posts.searchPublished(criteria);
  }

  /**
   * An enterprise's size or industry changed (`jobs.enterprise-changed`): its posts take the new
   * facts, and the published ones go back to the index through the outbox.
   */
  async followEnterprise(m: EntityManager, organisationId: string): Promise<number> {
    const employer = (await this.enterprises.facts([organisationId], m)).get(organisationId);
    if (!employer) return 0;
    const changed = await this.posts.refreshEmployerFacts(m, organisationId, {
      name: employer.name,
      size: employer.size,
      industry: employer.industry,
    });
    await this.outbox.addMany(
      m,
      JobName.JobPostChanged,
      changed.map((jobPostId) => ({ jobPostId })),
    );
    return changed.length;
  }

  private async transition(
    actor: AuthUser,
    id: string,
    from: readonly JobPostStatus[],
    to: JobPostStatus,
    opts: { review?: 'approve' | 'reject'; reason?: string; requestId?: string | null },
  ): Promise<JobPostView> {
    await this.dataSource.transaction(async (m) => {
      const { row, employer } = await this.lockForActor(m, actor, id);
      if (opts.review && actor.role !== Role.Staff && actor.role !== Role.Admin) throw notFound();
      if (!from.includes(row.status)) {
        throw DomainError.conflict(
          'job-post.invalid-transition',
          `A ${row.status} post cannot become ${to} (allowed from: ${from.join(', ')})`,
        );
      }
      if (to === 'published' && row.deadline !== null && row.deadline < todayInChina()) {
        throw DomainError.conflict('job-post.deadline-passed', `The deadline ${row.deadline} has passed`);
      }
      await this.writeStatus(m, row, to, actor.id, opts);
      if (opts.review) {
        await this.audit.record(
          {
            actorId: actor.id,
            actorRole: actor.role,
            action: `job-post.${opts.review}`,
            targetType: 'job-post',
            targetId: id,
            reason: opts.reason?.trim() ?? null,
            requestId: opts.requestId ?? null,
            details: { from: row.status, to, employerId: row.employerId },
            townshipCodes: [row.townshipCode, employer.townshipCode],
          },
          m,
        );
      }
    });
    return this.load(actor, id);
  }

  /** The status change itself, with its outbox row when what the public search shows changes. */
  private async writeStatus(
    m: EntityManager,
    row: JobPostRecord,
    to: JobPostStatus,
    actorId: string | null,
    opts: { review?: 'approve' | 'reject'; reason?: string },
  ): Promise<void> {
    try {
      await this.posts.writeStatus(
        m,
        row.id,
        to,
        opts.review !== undefined
          ? { by: actorId, rejectReason: opts.review === 'reject' ? (opts.reason ?? '').trim() : null }
          : null,
      );
    } catch (err) {
      throw isDedupeViolation(err) ? duplicate() : err;
    }
    if (row.status === 'published' || to === 'published') {
      await this.outbox.add(m, JobName.JobPostChanged, { jobPostId: row.id });
    }
  }

  /** The post locked for a change by someone who manages it (else a 404), with its enterprise's facts. */
  private async lockForActor(
    m: EntityManager,
    actor: AuthUser,
    id: string,
  ): Promise<{ row: JobPostRecord; employer: EnterpriseFacts }> {
    const row = await this.posts.get(id, m, true);
    const employer = row
      ? (await this.enterprises.facts([row.employerId], m)).get(row.employerId)
      : undefined;
    if (!row || !employer || !mayManage(actor, employer)) throw notFound();
    return { row, employer };
  }

  private async scopeOf(employerId: string): Promise<EnterpriseScope | null> {
    return (await this.enterprises.facts([employerId])).get(employerId) ?? null;
  }

  private async load(actor: AuthUser, id: string): Promise<JobPostView> {
    const row = await this.posts.get(id);
    if (!row) throw notFound();
    return this.view(actor, row, await this.scopeOf(row.employerId));
  }

  private view(actor: AuthUser | null, r: JobPostRecord, scope: EnterpriseScope | null): JobPostView {
    const manager = mayManage(actor, scope);
    return {
      id: r.id,
      employerId: r.employerId,
      employerName: r.employerName,
      title: r.title,
      occupation: r.occupation,
      headcount: r.headcount,
      townshipCode: r.townshipCode,
      outsideProvince: r.outsideProvince,
      outsideCity: r.outsideCity,
      outsideCounty: r.outsideCounty,
      placeText: r.placeText,
      employmentType: r.employmentType,
      isInternship: r.isInternship,
      wageMinFen: r.wageMinFen,
      wageMaxFen: r.wageMaxFen,
      education: r.education,
      ageMin: r.ageMin,
      ageMax: r.ageMax,
      skills: r.skills,
      benefits: r.benefits,
      description: r.description,
      requirements: r.requirements,
      contactName: r.contactName,
      // Owners and staff see the number they entered; the public sees it masked.
      contactPhone: manager ? r.contactPhone : maskPhone(r.contactPhone),
      deadline: r.deadline,
      status: r.status,
      rejectReason: manager ? r.rejectReason : null,
      screeningFlags: manager ? r.screeningFlags : [],
      reviewedAt: r.reviewedAt ? new Date(r.reviewedAt).toISOString() : null,
      publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
      source: r.source,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
    };
  }
}

/** Whether the actor manages a post of the enterprise with this scope (see EnterpriseService). */
export function mayManage(
  actor: AuthUser | null | undefined,
  scope: EnterpriseScope | null | undefined,
): boolean {
  return !!actor && !!scope && canManage(actor, scope);
}

function notFound(): DomainError {
  return DomainError.notFound('Job post');
}

function duplicate(): DomainError {
  return DomainError.conflict(
    'job-post.duplicate',
    'An open post of this enterprise with the same title, place and headcount already exists',
  );
}

function isDedupeViolation(err: unknown): boolean {
  const e = err as QueryFailedError & { code?: string; constraint?: string };
  return err instanceof QueryFailedError && e.code === '23505' && e.constraint === 'job_posts_open_dedupe';
}

function resolveLocation(dto: { townshipCode?: string; outsidePlace?: string }): JobLocation | undefined {
  if (dto.townshipCode !== undefined && dto.outsidePlace !== undefined) {
    throw DomainError.invalid('outsidePlace', 'give either townshipCode or outsidePlace, not both');
  }
  if (dto.townshipCode !== undefined) {
    const t = townshipByCode(dto.townshipCode);
    if (!t) throw DomainError.invalid('townshipCode', 'no such township');
    return { kind: 'county', townshipCode: t.code, townshipName: t.name };
  }
  if (dto.outsidePlace !== undefined) {
    const parsed = parseLocation(dto.outsidePlace);
    if (!parsed.ok) throw DomainError.invalid('outsidePlace', parsed.message);
    return parsed.value;
  }
  return undefined;
}

function rowLocation(r: JobPostRecord): JobLocation {
  if (r.townshipCode) return { kind: 'county', townshipCode: r.townshipCode, townshipName: r.placeText };
  return {
    kind: 'outside',
    province: r.outsideProvince ?? '',
    ...(r.outsideCity && { city: r.outsideCity }),
    ...(r.outsideCounty && { county: r.outsideCounty }),
    text: r.placeText,
  };
}

function rowLocationColumns(r: JobPostRecord): LocationColumns {
  return {
    township_code: r.townshipCode,
    outside_province: r.outsideProvince,
    outside_city: r.outsideCity,
    outside_county: r.outsideCounty,
    place_text: r.placeText,
  };
}

function checkConsistency(p: {
  wageMinFen?: number | null;
  wageMaxFen?: number | null;
  ageMin?: number | null;
  ageMax?: number | null;
  deadline?: string | null;
}): void {
  if (p.wageMinFen != null && p.wageMaxFen != null && p.wageMaxFen < p.wageMinFen) {
    throw DomainError.invalid('wageMaxFen', 'must be at least wageMinFen');
  }
  if (p.ageMin != null && p.ageMax != null && p.ageMax < p.ageMin) {
    throw DomainError.invalid('ageMax', 'must be at least ageMin');
  }
  if (p.deadline) {
    const d = new Date(`${p.deadline}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== p.deadline) {
      throw DomainError.invalid('deadline', 'is not a real calendar day');
    }
    if (p.deadline < todayInChina()) throw DomainError.invalid('deadline', 'is in the past');
  }
}
