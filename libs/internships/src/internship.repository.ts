import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { HostAffiliation, HostUnitKind, InternOutcome, InternStatus } from './internship.rules';

export interface HostUnitRecord {
  organisationId: string;
  kind: HostUnitKind;
  affiliation: HostAffiliation | null;
  demonstration: boolean;
  designatedOn: string | null;
  designationReason: string | null;
  createdAt: Date;
}

export interface PostDetailsRecord {
  jobPostId: string;
  durationMonths: number;
  stipendFen: number;
  places: number;
  mentor: string | null;
}

export interface InternRecord {
  id: string;
  applicationId: string;
  jobPostId: string;
  hostOrganisationId: string;
  seekerUserId: string;
  status: InternStatus;
  startDate: string | null;
  endDate: string | null;
  outcome: InternOutcome | null;
  outcomeNote: string | null;
  createdAt: Date;
}

type Row = Record<string, unknown>;

const hostOf = (r: Row): HostUnitRecord => ({
  organisationId: r.organisation_id as string,
  kind: r.kind as HostUnitKind,
  affiliation: (r.affiliation as HostAffiliation | null) ?? null,
  demonstration: r.demonstration as boolean,
  designatedOn: (r.designated_on as string | null) ?? null,
  designationReason: (r.designation_reason as string | null) ?? null,
  createdAt: r.created_at as Date,
});

const detailsOf = (r: Row): PostDetailsRecord => ({
  jobPostId: r.job_post_id as string,
  durationMonths: r.duration_months as number,
  stipendFen: r.stipend_fen as number,
  places: r.places as number,
  mentor: (r.mentor as string | null) ?? null,
});

const internOf = (r: Row): InternRecord => ({
  id: r.id as string,
  applicationId: r.application_id as string,
  jobPostId: r.job_post_id as string,
  hostOrganisationId: r.host_organisation_id as string,
  seekerUserId: r.seeker_user_id as string,
  status: r.status as InternStatus,
  startDate: (r.start_date as string | null) ?? null,
  endDate: (r.end_date as string | null) ?? null,
  outcome: (r.outcome as InternOutcome | null) ?? null,
  outcomeNote: (r.outcome_note as string | null) ?? null,
  createdAt: r.created_at as Date,
});

const HOST_COLUMNS = `organisation_id, kind, affiliation, demonstration,
  to_char(designated_on, 'YYYY-MM-DD') AS designated_on, designation_reason, created_at`;
const INTERN_COLUMNS = `id, application_id, job_post_id, host_organisation_id, seeker_user_id, status,
  to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date, outcome,
  outcome_note, created_at`;

/** The internship tables (internships'): host units, post details, interns — the only place their SQL is written. */
@Injectable()
export class InternshipRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Designates (or re-describes) a host unit; its demonstration status stays as it was. */
  async putHostUnit(
    m: EntityManager,
    h: { organisationId: string; kind: HostUnitKind; affiliation: HostAffiliation | null; by: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO internship_host_units (organisation_id, kind, affiliation, created_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id) DO UPDATE SET kind = EXCLUDED.kind, affiliation = EXCLUDED.affiliation,
         updated_at = now()`,
      [h.organisationId, h.kind, h.affiliation, h.by],
    );
  }

  /** 见习示范单位: designated (with the date and reason) or withdrawn; false when the unit is not a host unit. */
  async setDemonstration(
    m: EntityManager,
    organisationId: string,
    d: { on: string; reason: string; by: string } | null,
  ): Promise<boolean> {
    const rows: Row[] = await m.query(
      `WITH u AS (
         UPDATE internship_host_units SET demonstration = $2, designated_on = $3::date, designation_reason = $4,
           designated_by = $5, updated_at = now()
          WHERE organisation_id = $1 RETURNING organisation_id)
       SELECT organisation_id FROM u`,
      [organisationId, d !== null, d?.on ?? null, d?.reason ?? null, d?.by ?? null],
    );
    return rows.length > 0;
  }

  async hostUnits(ids?: readonly string[]): Promise<HostUnitRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${HOST_COLUMNS} FROM internship_host_units
        WHERE $1::uuid[] IS NULL OR organisation_id = ANY($1::uuid[])
        ORDER BY demonstration DESC, created_at, organisation_id`,
      [ids ? [...ids] : null],
    );
    return rows.map(hostOf);
  }

  async putDetails(m: EntityManager, d: PostDetailsRecord & { by: string }): Promise<void> {
    await m.query(
      `INSERT INTO internship_post_details (job_post_id, duration_months, stipend_fen, places, mentor, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (job_post_id) DO UPDATE SET duration_months = EXCLUDED.duration_months,
         stipend_fen = EXCLUDED.stipend_fen, places = EXCLUDED.places, mentor = EXCLUDED.mentor,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [d.jobPostId, d.durationMonths, d.stipendFen, d.places, d.mentor, d.by],
    );
  }

  async details(jobPostIds: readonly string[]): Promise<Map<string, PostDetailsRecord>> {
    if (jobPostIds.length === 0) return new Map();
    const rows: Row[] = await this.dataSource.query(
      `SELECT job_post_id, duration_months, stipend_fen, places, mentor FROM internship_post_details
        WHERE job_post_id = ANY($1::uuid[])`,
      [[...new Set(jobPostIds)]],
    );
    return new Map(rows.map((r) => [r.job_post_id as string, detailsOf(r)]));
  }

  /** A new intern; null when the application already has one (its unique key). */
  async insertIntern(
    m: EntityManager,
    i: {
      applicationId: string;
      jobPostId: string;
      hostOrganisationId: string;
      seekerUserId: string;
      by: string;
    },
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO interns (application_id, job_post_id, host_organisation_id, seeker_user_id, accepted_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (application_id) DO NOTHING RETURNING id`,
      [i.applicationId, i.jobPostId, i.hostOrganisationId, i.seekerUserId, i.by],
    );
    return rows[0]?.id ?? null;
  }

  /** Interns of a post holding a place (accepted or started). */
  async activeInterns(m: EntityManager, jobPostId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM interns WHERE job_post_id = $1 AND status IN ('accepted', 'started')`,
      [jobPostId],
    );
    return n;
  }

  async intern(id: string, m?: EntityManager, lock = false): Promise<InternRecord | null> {
    const rows: Row[] = await this.m(m).query(
      `SELECT ${INTERN_COLUMNS} FROM interns WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? internOf(rows[0]) : null;
  }

  async internOfApplication(applicationId: string): Promise<InternRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${INTERN_COLUMNS} FROM interns WHERE application_id = $1`,
      [applicationId],
    );
    return rows[0] ? internOf(rows[0]) : null;
  }

  async start(m: EntityManager, id: string, startDate: string): Promise<void> {
    await m.query(
      `UPDATE interns SET status = 'started', start_date = $2::date, updated_at = now() WHERE id = $1`,
      [id, startDate],
    );
  }

  async end(
    m: EntityManager,
    id: string,
    e: { endDate: string; outcome: InternOutcome; note: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE interns SET status = 'ended', end_date = $2::date, outcome = $3, outcome_note = $4, updated_at = now()
        WHERE id = $1`,
      [id, e.endDate, e.outcome, e.note],
    );
  }

  /** Interns of some hosts ('all': every host) or of one seeker, newest first. */
  async interns(
    f: { hostIds?: 'all' | readonly string[]; seekerUserId?: string; jobPostId?: string },
    limit: number,
    offset: number,
  ): Promise<{ items: InternRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.hostIds && f.hostIds !== 'all')
      where.push(`host_organisation_id = ANY(${p([...f.hostIds])}::uuid[])`);
    if (f.seekerUserId) where.push(`seeker_user_id = ${p(f.seekerUserId)}`);
    if (f.jobPostId) where.push(`job_post_id = ${p(f.jobPostId)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${INTERN_COLUMNS}, count(*) OVER () AS total FROM interns ${clause}
        ORDER BY created_at DESC, id LIMIT ${p(limit)} OFFSET ${p(offset)}`,
      params,
    );
    return { items: rows.map(internOf), total: rows[0] ? Number(rows[0].total) : 0 };
  }
}
