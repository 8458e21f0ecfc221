import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { containsPattern, wordMatchSql } from '@app/platform';
import type { CountedRecord } from '@app/platform';
import type { ScreeningFlag } from '@app/screening';
import type { EmployerSize } from '@app/subsidy-engine';
import type { JobLocation } from './import';
import { JobPostStatus } from './job-post.entity';

/**
 * A job post as the jobs domain hands it out (camel case; money in fen as numbers; dates as
 * YYYY-MM-DD). The employer's name, size and industry are carried on the post — as the post shows
 * them and as search filters on them — and kept in step by the `enterprise-changed` event.
 */
export interface JobPostRecord {
  id: string;
  employerId: string;
  employerName: string;
  employerSize: EmployerSize | null;
  employerIndustry: string | null;
  title: string;
  occupation: string | null;
  headcount: number;
  townshipCode: string | null;
  outsideProvince: string | null;
  outsideCity: string | null;
  outsideCounty: string | null;
  placeText: string;
  employmentType: string;
  isInternship: boolean;
  wageMinFen: number | null;
  wageMaxFen: number | null;
  education: string | null;
  ageMin: number | null;
  ageMax: number | null;
  skills: string[];
  benefits: string[];
  description: string | null;
  requirements: string | null;
  contactName: string | null;
  contactPhone: string | null;
  deadline: string | null;
  status: JobPostStatus;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  rejectReason: string | null;
  /** What the listing screen found at the last write (筛查提示); empty when clean. */
  screeningFlags: ScreeningFlag[];
  publishedAt: Date | null;
  source: string;
  createdAt: Date;
  updatedAt: Date;
}

interface JobPostRow {
  id: string;
  employer_id: string;
  employer_name: string;
  employer_size: EmployerSize | null;
  employer_industry: string | null;
  title: string;
  occupation: string | null;
  headcount: number;
  township_code: string | null;
  outside_province: string | null;
  outside_city: string | null;
  outside_county: string | null;
  place_text: string;
  employment_type: string;
  is_internship: boolean;
  wage_min_fen: string | null;
  wage_max_fen: string | null;
  education: string | null;
  age_min: number | null;
  age_max: number | null;
  skills: string[];
  benefits: string[];
  description: string | null;
  requirements: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  deadline: string | null;
  status: JobPostStatus;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  reject_reason: string | null;
  screening_flags: ScreeningFlag[];
  published_at: Date | null;
  source: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `
  j.id, j.employer_id, j.employer_name, j.employer_size, j.employer_industry,
  j.title, j.occupation, j.headcount, j.township_code, j.outside_province, j.outside_city,
  j.outside_county, j.place_text, j.employment_type, j.is_internship, j.wage_min_fen, j.wage_max_fen,
  j.education, j.age_min, j.age_max, j.skills, j.benefits, j.description, j.requirements,
  j.contact_name, j.contact_phone, to_char(j.deadline, 'YYYY-MM-DD') AS deadline, j.status,
  j.reviewed_by, j.reviewed_at, j.reject_reason, j.screening_flags, j.published_at, j.source, j.created_at, j.updated_at`;
const SELECT = `SELECT ${COLUMNS} FROM job_posts j`;

const numOrNull = (v: string | null): number | null => (v === null ? null : Number(v));

function toRecord(r: JobPostRow): JobPostRecord {
  return {
    id: r.id,
    employerId: r.employer_id,
    employerName: r.employer_name,
    employerSize: r.employer_size,
    employerIndustry: r.employer_industry,
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
    skills: r.skills ?? [],
    benefits: r.benefits ?? [],
    description: r.description,
    requirements: r.requirements,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    deadline: r.deadline,
    status: r.status,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    rejectReason: r.reject_reason,
    screeningFlags: r.screening_flags ?? [],
    publishedAt: r.published_at,
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** What a new post holds; shared by the API's create and the sheet import. */
export interface NewJobPost {
  employer: { id: string; name: string; size: EmployerSize | null; industry: string | null };
  title: string;
  occupation?: string | null;
  headcount: number;
  location: JobLocation;
  employmentType: string;
  wageMinFen?: number | null;
  wageMaxFen?: number | null;
  education?: string | null;
  ageMin?: number | null;
  ageMax?: number | null;
  skills: string[];
  benefits?: string[];
  description?: string | null;
  requirements?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  deadline?: string | null;
  status: 'draft' | 'pending-review' | 'published';
  screeningFlags: ScreeningFlag[];
  /** For posts published at once (imports with --publish): the staff user who did it, if any. */
  reviewedBy?: string | null;
  dedupeKey: string;
  source: 'manual' | 'import';
  importId?: string | null;
  createdBy?: string | null;
}

/** The editable fields of a post as they are after an edit (see JobPostService.update). */
export interface JobPostEdit {
  title: string;
  occupation: string | null;
  headcount: number;
  location: LocationColumns;
  employmentType: string;
  wageMinFen: number | null;
  wageMaxFen: number | null;
  education: string | null;
  ageMin: number | null;
  ageMax: number | null;
  skills: string[];
  benefits: string[];
  description: string | null;
  requirements: string | null;
  contactName: string | null;
  contactPhone: string | null;
  deadline: string | null;
  status: JobPostStatus;
  screeningFlags: ScreeningFlag[];
  dedupeKey: string;
}

export interface LocationColumns {
  township_code: string | null;
  outside_province: string | null;
  outside_city: string | null;
  outside_county: string | null;
  place_text: string;
}

export function locationColumns(l: JobLocation): LocationColumns {
  return l.kind === 'county'
    ? {
        township_code: l.townshipCode,
        outside_province: null,
        outside_city: null,
        outside_county: null,
        place_text: l.townshipName,
      }
    : {
        township_code: null,
        outside_province: l.province,
        outside_city: l.city ?? null,
        outside_county: l.county ?? null,
        place_text: l.text,
      };
}

/** The published posts' attributes the public search counts (its facets), by the name search uses. */
export const JOB_POST_FACET_SQL = {
  township: 'j.township_code',
  industry: 'j.employer_industry',
  occupation: 'j.occupation',
  employmentType: 'j.employment_type',
  education: 'j.education',
  employerSize: 'j.employer_size',
  isInternship: 'j.is_internship',
  acceptsOlderWorkers: '(j.age_max IS NULL OR j.age_max >= 50)',
} as const;
export type JobPostFacet = keyof typeof JOB_POST_FACET_SQL;

/**
 * A search of published posts by Postgres (the public search while Meilisearch is down): words
 * (each with its alternatives — synonyms are search's knowledge, handed in) and filters.
 */
export interface PublishedPostCriteria {
  /** AND across words; within one word, any of its alternatives. */
  words: string[][];
  townshipCodes: string[];
  industries: string[];
  employmentTypes: string[];
  educations: string[];
  employerSizes: string[];
  /** Posts whose wage can reach this much. */
  wageMinFen: number | null;
  internship: boolean | null;
  olderWorkers: boolean | null;
  /** Only posts outside the county (no township) when true; only the county's when false. */
  outsideCounty: boolean | null;
  publishedSince: Date | null;
  /** The Beijing calendar day: posts with a deadline before it are not shown. */
  today: string;
  sort: 'date' | 'wage';
  limit: number;
  offset: number;
  facets: readonly JobPostFacet[];
}

/**
 * The matches a Postgres search reads at most (Meilisearch's default maxTotalHits is the same): its
 * total and facet counts are over these, and pages stop there.
 */
export const PUBLISHED_SEARCH_CAP = 1000;

/** A post's trade words contain the LIKE pattern (matching: title, occupation, a skill). */
const postTradeLike = (pattern: string) =>
  `j.title ILIKE ${pattern} ESCAPE '\\' OR j.occupation ILIKE ${pattern} ESCAPE '\\' OR ` +
  `EXISTS (SELECT 1 FROM unnest(j.skills) AS skill WHERE skill ILIKE ${pattern} ESCAPE '\\')`;

/** A post's searchable text contains the LIKE pattern (search: the trade words, the employer's name, the place). */
const postTextLike = (pattern: string) =>
  `j.title ILIKE ${pattern} ESCAPE '\\' OR j.occupation ILIKE ${pattern} ESCAPE '\\' OR ` +
  `j.employer_name ILIKE ${pattern} ESCAPE '\\' OR j.place_text ILIKE ${pattern} ESCAPE '\\' OR ` +
  `EXISTS (SELECT 1 FROM unnest(j.skills) AS skill WHERE skill ILIKE ${pattern} ESCAPE '\\')`;

/** The `job_posts` table (jobs'): the only place its SQL is written. */
@Injectable()
export class JobPostRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * Inserts a post unless an open post with the same de-duplication key exists (the partial unique
   * index decides, so two concurrent inserts of the same post end with one). Returns the new id,
   * or null for a duplicate.
   */
  async insert(m: EntityManager, p: NewJobPost): Promise<string | null> {
    const loc = locationColumns(p.location);
    const rows: { id: string }[] = await m.query(
      `INSERT INTO job_posts (
         employer_id, employer_name, employer_size, employer_industry, title, occupation, headcount, township_code,
         outside_province, outside_city, outside_county, place_text, employment_type, is_internship, wage_min_fen,
         wage_max_fen, education, age_min, age_max, skills, benefits, description, requirements, contact_name,
         contact_phone, deadline, status, reviewed_by, reviewed_at, published_at, first_published_at, dedupe_key,
         source, import_id, created_by, screening_flags)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
         $23, $24, $25, $26::date, $27, $28,
         CASE WHEN $27 = 'published' THEN now() END, CASE WHEN $27 = 'published' THEN now() END,
         CASE WHEN $27 = 'published' THEN now() END,
         $29, $30, $31, $32, $33::jsonb)
       ON CONFLICT (dedupe_key) WHERE status IN ('draft', 'pending-review', 'published') DO NOTHING
       RETURNING id`,
      [
        p.employer.id,
        p.employer.name,
        p.employer.size,
        p.employer.industry,
        p.title,
        p.occupation ?? null,
        p.headcount,
        loc.township_code,
        loc.outside_province,
        loc.outside_city,
        loc.outside_county,
        loc.place_text,
        p.employmentType,
        p.employmentType === 'internship',
        p.wageMinFen ?? null,
        p.wageMaxFen ?? null,
        p.education ?? null,
        p.ageMin ?? null,
        p.ageMax ?? null,
        p.skills,
        p.benefits ?? [],
        p.description ?? null,
        p.requirements ?? null,
        p.contactName ?? null,
        p.contactPhone ?? null,
        p.deadline ?? null,
        p.status,
        p.status === 'published' ? (p.reviewedBy ?? null) : null,
        p.dedupeKey,
        p.source,
        p.importId ?? null,
        p.createdBy ?? null,
        JSON.stringify(p.screeningFlags),
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Internship posts first published in the year (China calendar), whatever they are now. */
  async internshipsPublishedIn(year: number): Promise<CountedRecord[]> {
    const rows: { id: string; on: string; township_code: string | null; label: string }[] =
      await this.dataSource.query(
        `SELECT j.id, to_char(j.first_published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS on, j.township_code,
              j.employer_name || ' · ' || j.title AS label
         FROM job_posts j
        WHERE j.is_internship AND j.first_published_at IS NOT NULL
          AND EXTRACT(YEAR FROM j.first_published_at AT TIME ZONE 'Asia/Shanghai') = $1
        ORDER BY j.first_published_at, j.id`,
        [year],
      );
    return rows.map((r) => ({ id: r.id, on: r.on, townshipCode: r.township_code, label: r.label }));
  }

  /** Published internship posts (见习岗位) still taking applications, for the gathering target. */
  async publishedInternships(today: string): Promise<JobPostRecord[]> {
    const rows: JobPostRow[] = await this.dataSource.query(
      `${SELECT} WHERE j.is_internship AND j.status = 'published' AND (j.deadline IS NULL OR j.deadline >= $1::date)
        ORDER BY j.employer_name, j.title, j.id`,
      [today],
    );
    return rows.map(toRecord);
  }

  /** One post; `lock` takes it FOR UPDATE (a change of state, a hire). */
  async get(id: string, m?: EntityManager, lock = false): Promise<JobPostRecord | null> {
    const rows: JobPostRow[] = await this.m(m).query(
      `${SELECT} WHERE j.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Posts locked FOR UPDATE in id order (so two batches that share posts queue instead of deadlocking). */
  async lockMany(m: EntityManager, ids: readonly string[]): Promise<JobPostRecord[]> {
    if (ids.length === 0) return [];
    const rows: JobPostRow[] = await m.query(
      `${SELECT} WHERE j.id = ANY($1::uuid[]) ORDER BY j.id FOR UPDATE`,
      [[...new Set(ids)]],
    );
    return rows.map(toRecord);
  }

  /** One post locked FOR SHARE: it may not change state (close, fill) while an application is written. */
  async getShared(m: EntityManager, id: string): Promise<JobPostRecord | null> {
    const rows: JobPostRow[] = await m.query(`${SELECT} WHERE j.id = $1 FOR SHARE`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async getMany(ids: readonly string[], opts: { publishedOnly?: boolean } = {}, m?: EntityManager) {
    if (ids.length === 0) return [];
    const rows: JobPostRow[] = await this.m(m).query(
      `${SELECT} WHERE j.id = ANY($1::uuid[])${opts.publishedOnly ? ` AND j.status = 'published'` : ''}`,
      [[...new Set(ids)]],
    );
    return rows.map(toRecord);
  }

  /** Staff and employer lists, newest first. `employerIds` 'all' means no restriction. */
  async list(f: {
    employerIds: 'all' | readonly string[];
    status?: JobPostStatus;
    employerId?: string;
    townshipCode?: string;
    q?: string;
    /** Only posts the listing screen flagged. */
    flagged?: boolean;
    limit: number;
    offset: number;
  }): Promise<{ rows: JobPostRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.employerIds !== 'all') where.push(`j.employer_id = ANY(${p([...f.employerIds])}::uuid[])`);
    if (f.status) where.push(`j.status = ${p(f.status)}`);
    if (f.employerId) where.push(`j.employer_id = ${p(f.employerId)}`);
    if (f.townshipCode) where.push(`j.township_code = ${p(f.townshipCode)}`);
    if (f.q) where.push(`j.title ILIKE ${p(containsPattern(f.q))} ESCAPE '\\'`);
    if (f.flagged) where.push(`j.screening_flags <> '[]'::jsonb`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM job_posts j ${clause}`,
      params,
    );
    const rows: JobPostRow[] = await this.dataSource.query(
      `${SELECT} ${clause} ORDER BY j.created_at DESC, j.id LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
      params,
    );
    return { rows: rows.map(toRecord), total };
  }

  /** Writes an edit; a clash with another open post's de-duplication key surfaces as the unique violation. */
  async update(m: EntityManager, id: string, e: JobPostEdit): Promise<void> {
    await m.query(
      `UPDATE job_posts SET title = $2, occupation = $3, headcount = $4, township_code = $5, outside_province = $6,
         outside_city = $7, outside_county = $8, place_text = $9, employment_type = $10, is_internship = $11,
         wage_min_fen = $12, wage_max_fen = $13, education = $14, age_min = $15, age_max = $16, skills = $17,
         benefits = $18, description = $19, requirements = $20, contact_name = $21, contact_phone = $22,
         deadline = $23::date, status = $24, dedupe_key = $25, screening_flags = $26::jsonb, updated_at = now()
       WHERE id = $1`,
      [
        id,
        e.title,
        e.occupation,
        e.headcount,
        e.location.township_code,
        e.location.outside_province,
        e.location.outside_city,
        e.location.outside_county,
        e.location.place_text,
        e.employmentType,
        e.employmentType === 'internship',
        e.wageMinFen,
        e.wageMaxFen,
        e.education,
        e.ageMin,
        e.ageMax,
        e.skills,
        e.benefits,
        e.description,
        e.requirements,
        e.contactName,
        e.contactPhone,
        e.deadline,
        e.status,
        e.dedupeKey,
        JSON.stringify(e.screeningFlags),
      ],
    );
  }

  /** A change of state, with the review facts when it is a review. */
  async writeStatus(
    m: EntityManager,
    id: string,
    to: JobPostStatus,
    review: { by: string | null; rejectReason: string | null } | null,
  ): Promise<void> {
    await m.query(
      `UPDATE job_posts SET status = $2, updated_at = now(),
         published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END,
         first_published_at = CASE WHEN $2 = 'published' THEN coalesce(first_published_at, now()) ELSE first_published_at END,
         ended_at = CASE WHEN $2 IN ('closed', 'filled', 'expired') THEN now() ELSE ended_at END,
         reviewed_by = CASE WHEN $3::boolean THEN $4::uuid ELSE reviewed_by END,
         reviewed_at = CASE WHEN $3::boolean THEN now() ELSE reviewed_at END,
         reject_reason = CASE WHEN $3::boolean THEN $5 WHEN $2 = 'pending-review' THEN NULL ELSE reject_reason END
       WHERE id = $1`,
      [id, to, review !== null, review?.by ?? null, review?.rejectReason ?? null],
    );
  }

  /** Expires up to `batch` open posts whose deadline is before `today`; what each was before. */
  async expireDue(
    m: EntityManager,
    today: string,
    batch: number,
  ): Promise<{ id: string; was: JobPostStatus }[]> {
    // A plain UPDATE … RETURNING answers [rows, count] through TypeORM; a WITH … SELECT answers rows.
    return m.query(
      `WITH due AS (
         SELECT id, status FROM job_posts
          WHERE status IN ('draft', 'pending-review', 'published') AND deadline < $1::date
          ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED)
       , expired AS (
         UPDATE job_posts j SET status = 'expired', ended_at = now(), updated_at = now()
           FROM due WHERE j.id = due.id
         RETURNING j.id, due.status AS was)
       SELECT id, was FROM expired`,
      [today, batch],
    );
  }

  /** The employer facts the posts carry, brought in step; ids of the published posts whose documents change. */
  async refreshEmployerFacts(
    m: EntityManager,
    employerId: string,
    facts: { name: string; size: EmployerSize | null; industry: string | null },
  ): Promise<string[]> {
    const rows: { id: string; status: string }[] = await m.query(
      `WITH changed AS (
         UPDATE job_posts SET employer_name = $2, employer_size = $3, employer_industry = $4, updated_at = now()
          WHERE employer_id = $1
            AND (employer_name, employer_size, employer_industry) IS DISTINCT FROM ($2, $3, $4)
         RETURNING id, status)
       SELECT id, status FROM changed`,
      [employerId, facts.name, facts.size, facts.industry],
    );
    return rows.filter((r) => r.status === 'published').map((r) => r.id);
  }

  /** Published posts in id order after `after` (keyset pagination; reindex and reconciliation). */
  async publishedAfter(after: string | null, limit: number): Promise<JobPostRecord[]> {
    const rows: JobPostRow[] = await this.dataSource.query(
      `${SELECT} WHERE j.status = 'published' AND ($1::uuid IS NULL OR j.id > $1::uuid) ORDER BY j.id LIMIT $2`,
      [after, limit],
    );
    return rows.map(toRecord);
  }

  async publishedIdsAfter(after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM job_posts WHERE status = 'published' AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Fresh planner statistics for job_posts. After a bulk load the planner still believes the table
   * is as small as autovacuum last saw it (it may not come by for a minute or more), and the
   * matching fallback then reads every published post instead of walking the newest-first index.
   */
  async refreshStatistics(): Promise<void> {
    await this.dataSource.query(`ANALYZE job_posts`);
  }

  /** Ids of posts changed at or after `since`, in id order after `after`. */
  async idsChangedSince(since: Date, after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM job_posts WHERE updated_at >= $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [since, after, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Published posts for a seeker by Postgres (matching while Meilisearch is down): in the
   * seeker's township, or whose title, occupation or skills contain one of the words; newest first.
   */
  async matchCandidates(townshipCode: string | null, words: string[], today: string, limit: number) {
    const values: unknown[] = [today, townshipCode, limit];
    const p = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    const byWord = words.map((w) => wordMatchSql(w, 'j.search_grams', postTradeLike, p));
    const rows: JobPostRow[] = await this.dataSource.query(
      `${SELECT}
        WHERE j.status = 'published' AND (j.deadline IS NULL OR j.deadline >= $1::date)
          AND (j.township_code = $2${byWord.map((w) => ` OR ${w}`).join('')})
        ORDER BY j.published_at DESC, j.id LIMIT $3`,
      values,
    );
    return rows.map(toRecord);
  }

  /**
   * The public search by Postgres: each word must match (AND) title, occupation, employer name or a
   * skill by ILIKE, through any of its alternatives (OR) — found through the bigram index
   * (`search_grams`, migration 1764302700000), then confirmed by ILIKE; filters as the index has
   * them. Newest first (or by wage). Like Meilisearch's `maxTotalHits`, the answer covers the first
   * PUBLISHED_SEARCH_CAP matches in that order: `total` and the facet counts are over those, pages
   * end there. So a common word costs a bounded read, never a count of the whole table.
   */
  async searchPublished(
    c: PublishedPostCriteria,
  ): Promise<{ rows: JobPostRecord[]; total: number; facets: Record<string, Record<string, number>> }> {
    const values: unknown[] = [];
    const p = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    const where: string[] = [
      `j.status = 'published'`,
      `(j.deadline IS NULL OR j.deadline >= ${p(c.today)}::date)`,
    ];
    for (const alternatives of c.words) {
      const ors = alternatives.map((w) => wordMatchSql(w, 'j.search_grams', postTextLike, p));
      where.push(`(${ors.join(' OR ')})`);
    }
    if (c.townshipCodes.length) where.push(`j.township_code = ANY(${p(c.townshipCodes)}::text[])`);
    if (c.industries.length) where.push(`j.employer_industry = ANY(${p(c.industries)}::text[])`);
    if (c.employmentTypes.length) where.push(`j.employment_type = ANY(${p(c.employmentTypes)}::text[])`);
    if (c.educations.length) where.push(`j.education = ANY(${p(c.educations)}::text[])`);
    if (c.employerSizes.length) where.push(`j.employer_size = ANY(${p(c.employerSizes)}::text[])`);
    if (c.wageMinFen !== null) {
      const w = p(c.wageMinFen);
      where.push(`(j.wage_max_fen >= ${w} OR (j.wage_max_fen IS NULL AND j.wage_min_fen >= ${w}))`);
    }
    if (c.internship !== null) where.push(`j.is_internship = ${p(c.internship)}`);
    if (c.olderWorkers !== null) {
      where.push(c.olderWorkers ? `(j.age_max IS NULL OR j.age_max >= 50)` : `j.age_max < 50`);
    }
    if (c.outsideCounty !== null)
      where.push(c.outsideCounty ? `j.township_code IS NULL` : `j.township_code IS NOT NULL`);
    if (c.publishedSince !== null) where.push(`j.published_at >= ${p(c.publishedSince)}`);
    const orderBy =
      c.sort === 'wage'
        ? `j.wage_max_fen DESC NULLS LAST, j.wage_min_fen DESC NULLS LAST, j.published_at DESC, j.id`
        : `j.published_at DESC, j.id`;
    const facetCols = c.facets.map((f, i) => `${JOB_POST_FACET_SQL[f]}::text AS f${i}`);
    const facetSets = c.facets.map((_f, i) => `(f${i})`).join(', ');
    const facetSelect = c.facets.map((_f, i) => `f${i}, GROUPING(f${i}) AS g${i}`).join(', ');
    const from = p(c.offset);
    const to = p(c.offset + c.limit);
    const [head]: { total: number; page: string[]; facets: Record<string, string | number | null>[] }[] =
      await this.dataSource.query(
        `WITH m AS MATERIALIZED (
           SELECT j.id, row_number() OVER (ORDER BY ${orderBy}) AS rn${facetCols.length ? `, ${facetCols.join(', ')}` : ''}
             FROM job_posts j WHERE ${where.join(' AND ')}
            ORDER BY ${orderBy} LIMIT ${PUBLISHED_SEARCH_CAP})
         SELECT (SELECT count(*)::int FROM m) AS total,
                (SELECT coalesce(array_agg(id ORDER BY rn), '{}') FROM m WHERE rn > ${from} AND rn <= ${to}) AS page,
                ${
                  facetCols.length
                    ? `(SELECT coalesce(json_agg(x), '[]') FROM (
                         SELECT ${facetSelect}, count(*)::int AS n FROM m GROUP BY GROUPING SETS (${facetSets})) x)`
                    : `'[]'::json`
                } AS facets`,
        values,
      );
    const facets: Record<string, Record<string, number>> = Object.fromEntries(c.facets.map((f) => [f, {}]));
    for (const r of head.facets) {
      const i = c.facets.findIndex((_f, k) => Number(r[`g${k}`]) === 0);
      const raw = i >= 0 ? r[`f${i}`] : null;
      if (i < 0 || raw === null || raw === undefined) continue;
      facets[c.facets[i]][String(raw)] = Number(r.n);
    }
    const byId = new Map<string, JobPostRow>();
    if (head.page.length > 0) {
      const rows: JobPostRow[] = await this.dataSource.query(`${SELECT} WHERE j.id = ANY($1::uuid[])`, [
        head.page,
      ]);
      for (const row of rows) byId.set(row.id, row);
    }
    const rows = head.page.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toRecord(row)] : [];
    });
    return { rows, total: head.total, facets };
  }
}
