import { EntityManager } from 'typeorm';
import type { JobLocation } from './import';
import { JobPostStatus } from './job-post.entity';

/** A job post row as the queries below return it (snake case, dates as ISO text). */
export interface JobPostRow {
  id: string;
  employer_id: string;
  employer_name: string;
  employer_credit_code: string;
  employer_size: string | null;
  employer_industry: string | null;
  ep_township_code: string | null;
  ep_commissioner_user_id: string | null;
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
  published_at: Date | null;
  source: string;
  created_at: Date;
  updated_at: Date;
}

/** Every column of a post plus the employer facts that access checks and the index need. */
export const SELECT_JOB_POST = `
  SELECT j.id, j.employer_id, o.name AS employer_name, o.credit_code AS employer_credit_code,
         ep.size AS employer_size, ep.industry AS employer_industry,
         ep.township_code AS ep_township_code, ep.commissioner_user_id AS ep_commissioner_user_id,
         j.title, j.occupation, j.headcount, j.township_code, j.outside_province, j.outside_city,
         j.outside_county, j.place_text, j.employment_type, j.is_internship, j.wage_min_fen, j.wage_max_fen,
         j.education, j.age_min, j.age_max, j.skills, j.benefits, j.description, j.requirements,
         j.contact_name, j.contact_phone, to_char(j.deadline, 'YYYY-MM-DD') AS deadline, j.status,
         j.reviewed_by, j.reviewed_at, j.reject_reason, j.published_at, j.source, j.created_at, j.updated_at
    FROM job_posts j
    JOIN organisations o ON o.id = j.employer_id
    LEFT JOIN enterprise_profiles ep ON ep.organisation_id = j.employer_id`;

/** What a new post holds; shared by the API's create and the sheet import. */
export interface NewJobPost {
  employerId: string;
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
  /** For posts published at once (imports with --publish): the staff user who did it, if any. */
  reviewedBy?: string | null;
  dedupeKey: string;
  source: 'manual' | 'import';
  importId?: string | null;
  createdBy?: string | null;
}

export function locationColumns(l: JobLocation): {
  township_code: string | null;
  outside_province: string | null;
  outside_city: string | null;
  outside_county: string | null;
  place_text: string;
} {
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

/**
 * Inserts a post unless an open post with the same de-duplication key exists (the partial unique
 * index decides, so two concurrent inserts of the same post end with one). Returns the new id, or
 * null for a duplicate.
 */
export async function insertJobPost(m: EntityManager, p: NewJobPost): Promise<string | null> {
  const loc = locationColumns(p.location);
  const rows: { id: string }[] = await m.query(
    `INSERT INTO job_posts (
       employer_id, title, occupation, headcount, township_code, outside_province, outside_city, outside_county,
       place_text, employment_type, is_internship, wage_min_fen, wage_max_fen, education, age_min, age_max, skills,
       benefits, description, requirements, contact_name, contact_phone, deadline, status, reviewed_by, reviewed_at,
       published_at, dedupe_key, source, import_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
       $23::date, $24, $25,
       CASE WHEN $24 = 'published' THEN now() END, CASE WHEN $24 = 'published' THEN now() END,
       $26, $27, $28, $29)
     ON CONFLICT (dedupe_key) WHERE status IN ('draft', 'pending-review', 'published') DO NOTHING
     RETURNING id`,
    [
      p.employerId,
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
    ],
  );
  return rows[0]?.id ?? null;
}
