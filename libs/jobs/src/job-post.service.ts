import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DomainError, JobName, OutboxService, townshipByCode } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { AuditService } from '@app/audit';
import { EnterpriseService, canManage, maskPhone } from '@app/enterprises';
import { AuthUser, Role } from '@app/identity';
import { JobLocation, dedupeKey, parseLocation } from './import';
import { CreateJobPostDto, JobPostFields, JobPostView, UpdateJobPostDto } from './job-post.dto';
import { JobPostStatus } from './job-post.entity';
import { JobPostRow, SELECT_JOB_POST, insertJobPost, locationColumns } from './job-post.sql';

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
      const scope = await this.enterprises.scope(employerId, m);
      if (!scope || !canManage(actor, scope)) throw DomainError.notFound('Enterprise');
      const employer = await this.enterprises.identity(employerId, m);
      if (!employer) throw DomainError.notFound('Enterprise');
      if (!dto.title) throw DomainError.invalid('title', 'is required');
      if (!dto.headcount) throw DomainError.invalid('headcount', 'is required');
      const location = resolveLocation(dto);
      if (!location) throw DomainError.invalid('townshipCode', 'give townshipCode or outsidePlace');
      checkConsistency(dto);
      const newId = await insertJobPost(m, {
        employerId,
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
    return this.view(actor, await this.row(this.dataSource.manager, id));
  }

  /** Published posts to anyone (also anonymous); other states only to those who manage the post. */
  async get(actor: AuthUser | null, id: string): Promise<JobPostView> {
    const row = await this.row(this.dataSource.manager, id);
    if (!row) throw notFound();
    if (row.status !== 'published' && !mayManage(actor, row)) throw notFound();
    return this.view(actor, row);
  }

  async list(actor: AuthUser, f: ListJobPostsFilter): Promise<{ items: JobPostView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (actor.role === Role.Employer) {
      where.push(`j.employer_id = ${p(actor.organisationId)}`);
    } else if (actor.role === Role.Staff && actor.townshipCode !== null) {
      where.push(`(ep.township_code = ${p(actor.townshipCode)} OR ep.commissioner_user_id = ${p(actor.id)})`);
    } else if (actor.role !== Role.Staff && actor.role !== Role.Admin) {
      return { items: [], total: 0 };
    }
    if (f.mine && actor.role !== Role.Employer) where.push(`ep.commissioner_user_id = ${p(actor.id)}`);
    if (f.status) where.push(`j.status = ${p(f.status)}`);
    if (f.employerId) where.push(`j.employer_id = ${p(f.employerId)}`);
    if (f.townshipCode) where.push(`j.township_code = ${p(f.townshipCode)}`);
    if (f.q) where.push(`j.title ILIKE ${p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM job_posts j
         LEFT JOIN enterprise_profiles ep ON ep.organisation_id = j.employer_id ${clause}`,
      params,
    );
    const rows: JobPostRow[] = await this.dataSource.query(
      `${SELECT_JOB_POST} ${clause} ORDER BY j.created_at DESC, j.id LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
      params,
    );
    return { items: rows.map((r) => this.view(actor, r)), total };
  }

  /** Owners edit a post until it ends; a material change of a published post sends it back to review. */
  async update(actor: AuthUser, id: string, dto: UpdateJobPostDto): Promise<JobPostView> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.lockForActor(m, actor, id);
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
        employmentType: dto.employmentType ?? row.employment_type,
        wageMinFen: dto.wageMinFen ?? numOrNull(row.wage_min_fen),
        wageMaxFen: dto.wageMaxFen ?? numOrNull(row.wage_max_fen),
        education: dto.education ?? row.education,
        ageMin: dto.ageMin ?? row.age_min,
        ageMax: dto.ageMax ?? row.age_max,
        skills: dto.skills ?? row.skills,
        benefits: dto.benefits ?? row.benefits,
        description: dto.description ?? row.description,
        requirements: dto.requirements ?? row.requirements,
        contactName: dto.contactName ?? row.contact_name,
        contactPhone: dto.contactPhone ?? row.contact_phone,
        deadline: dto.deadline ?? row.deadline,
      };
      checkConsistency({ ...merged, deadline: dto.deadline });
      const loc = location ? locationColumns(location) : rowLocationColumns(row);
      const key = dedupeKey({
        employer: { name: row.employer_name, creditCode: row.employer_credit_code },
        title: merged.title,
        location: location ?? rowLocation(row),
        headcount: merged.headcount,
      });
      const material = changed.some((k) => !NON_MATERIAL.has(k));
      const status: JobPostStatus = row.status === 'published' && material ? 'pending-review' : row.status;
      try {
        await m.query(
          `UPDATE job_posts SET title = $2, occupation = $3, headcount = $4, township_code = $5, outside_province = $6,
             outside_city = $7, outside_county = $8, place_text = $9, employment_type = $10, is_internship = $11,
             wage_min_fen = $12, wage_max_fen = $13, education = $14, age_min = $15, age_max = $16, skills = $17,
             benefits = $18, description = $19, requirements = $20, contact_name = $21, contact_phone = $22,
             deadline = $23::date, status = $24, dedupe_key = $25, updated_at = now()
           WHERE id = $1`,
          [
            id,
            merged.title,
            merged.occupation,
            merged.headcount,
            loc.township_code,
            loc.outside_province,
            loc.outside_city,
            loc.outside_county,
            loc.place_text,
            merged.employmentType,
            merged.employmentType === 'internship',
            merged.wageMinFen,
            merged.wageMaxFen,
            merged.education,
            merged.ageMin,
            merged.ageMax,
            merged.skills,
            merged.benefits,
            merged.description,
            merged.requirements,
            merged.contactName,
            merged.contactPhone,
            merged.deadline,
            status,
            key,
          ],
        );
      } catch (err) {
        throw isDedupeViolation(err) ? duplicate() : err;
      }
      // The document changes (or leaves the index when the post went back to review).
      if (row.status === 'published') await this.outbox.add(m, JobName.JobPostChanged, { jobPostId: id });
    });
    return this.view(actor, await this.row(this.dataSource.manager, id));
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
   * 已招满 reached by hires (the placements service), inside the caller's transaction, which must
   * hold the post row locked FOR UPDATE. A post that may be filled by hand becomes `filled` exactly
   * as fill() does it (outbox row included); one already ended, or a draft, stays. Returns whether it changed.
   */
  async fillInTransaction(m: EntityManager, row: JobPostRow): Promise<boolean> {
    if (!FILLABLE.includes(row.status)) return false;
    await this.writeStatus(m, row, 'filled', null, {});
    return true;
  }

  private async transition(
    actor: AuthUser,
    id: string,
    from: readonly JobPostStatus[],
    to: JobPostStatus,
    opts: { review?: 'approve' | 'reject'; reason?: string; requestId?: string | null },
  ): Promise<JobPostView> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.lockForActor(m, actor, id);
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
            details: { from: row.status, to, employerId: row.employer_id },
            townshipCodes: [row.township_code, row.ep_township_code],
          },
          m,
        );
      }
    });
    return this.view(actor, await this.row(this.dataSource.manager, id));
  }

  /** The status change itself, with its outbox row when what the public search shows changes. */
  private async writeStatus(
    m: EntityManager,
    row: JobPostRow,
    to: JobPostStatus,
    actorId: string | null,
    opts: { review?: 'approve' | 'reject'; reason?: string },
  ): Promise<void> {
    try {
      await m.query(
        `UPDATE job_posts SET status = $2, updated_at = now(),
           published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END,
           ended_at = CASE WHEN $2 IN ('closed', 'filled', 'expired') THEN now() ELSE ended_at END,
           reviewed_by = CASE WHEN $3::boolean THEN $4::uuid ELSE reviewed_by END,
           reviewed_at = CASE WHEN $3::boolean THEN now() ELSE reviewed_at END,
           reject_reason = CASE WHEN $3::boolean THEN $5 WHEN $2 = 'pending-review' THEN NULL ELSE reject_reason END
         WHERE id = $1`,
        [
          row.id,
          to,
          opts.review !== undefined,
          actorId,
          opts.review === 'reject' ? (opts.reason ?? '').trim() : null,
        ],
      );
    } catch (err) {
      throw isDedupeViolation(err) ? duplicate() : err;
    }
    if (row.status === 'published' || to === 'published') {
      await this.outbox.add(m, JobName.JobPostChanged, { jobPostId: row.id });
    }
  }

  private async lockForActor(m: EntityManager, actor: AuthUser, id: string): Promise<JobPostRow> {
    const row = await this.row(m, id, true);
    if (!row || !mayManage(actor, row)) throw notFound();
    return row;
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<JobPostRow> {
    const rows: JobPostRow[] = await m.query(
      `${SELECT_JOB_POST} WHERE j.id = $1${lock ? ' FOR UPDATE OF j' : ''}`,
      [id],
    );
    return rows[0];
  }

  private view(actor: AuthUser | null, r: JobPostRow): JobPostView {
    const manager = mayManage(actor, r);
    return {
      id: r.id,
      employerId: r.employer_id,
      employerName: r.employer_name,
      title: r.title,
      occupation: r.occupation,
      headcount: r.headcount,
      townshipCode: r.township_code,
      outsideProvince: r.outside_province,
      outsideCity: r.outside_city,
      outsideCounty: r.outside_county,
      placeText: r.place_text,
      employmentType: r.employment_type,
      isInternship: r.is_internship,
      wageMinFen: numOrNull(r.wage_min_fen),
      wageMaxFen: numOrNull(r.wage_max_fen),
      education: r.education,
      ageMin: r.age_min,
      ageMax: r.age_max,
      skills: r.skills,
      benefits: r.benefits,
      description: r.description,
      requirements: r.requirements,
      contactName: r.contact_name,
      // Owners and staff see the number they entered; the public sees it masked.
      contactPhone: manager ? r.contact_phone : maskPhone(r.contact_phone),
      deadline: r.deadline,
      status: r.status,
      rejectReason: manager ? r.reject_reason : null,
      reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
      publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
      source: r.source,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  }
}

/** Whether the actor manages the post: whoever manages its enterprise (see EnterpriseService). */
export function mayManage(actor: AuthUser | null | undefined, r: JobPostRow): boolean {
  if (!actor) return false;
  const scope = {
    organisationId: r.employer_id,
    townshipCode: r.ep_township_code,
    commissionerUserId: r.ep_commissioner_user_id,
  };
  return canManage(actor, scope);
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

function numOrNull(v: string | number | null): number | null {
  return v === null ? null : Number(v);
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

function rowLocation(r: JobPostRow): JobLocation {
  if (r.township_code) return { kind: 'county', townshipCode: r.township_code, townshipName: r.place_text };
  return {
    kind: 'outside',
    province: r.outside_province ?? '',
    ...(r.outside_city && { city: r.outside_city }),
    ...(r.outside_county && { county: r.outside_county }),
    text: r.place_text,
  };
}

function rowLocationColumns(r: JobPostRow) {
  return {
    township_code: r.township_code,
    outside_province: r.outside_province,
    outside_city: r.outside_city,
    outside_county: r.outside_county,
    place_text: r.place_text,
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
