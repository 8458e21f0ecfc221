import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CountedRecord } from '@app/platform';
import type { PostKind } from '@app/subsidy-engine';
import type { HireSnapshot } from './hire-snapshot';

/**
 * A placement (就业登记) as the applications domain hands it out: camel case, dates YYYY-MM-DD,
 * money in fen. `snapshot` holds the facts of the hire as they were when it was recorded.
 */
export interface PlacementRecord {
  id: string;
  applicationId: string | null;
  jobPostId: string | null;
  employerOrganisationId: string;
  seekerUserId: string;
  startDate: string;
  contractEndDate: string | null;
  jobProvince: string;
  jobCity: string | null;
  jobCounty: string | null;
  townshipCode: string | null;
  postKind: PostKind;
  employerSocialInsuranceMonthlyFen: number | null;
  referringAgencyId: string | null;
  referralFree: boolean;
  organisedExportTripId: string | null;
  source: 'application' | 'staff';
  endedOn: string | null;
  endReason: string | null;
  recordedBy: string;
  snapshot: HireSnapshot | null;
  createdAt: Date;
  updatedAt: Date;
}

interface PlacementRow {
  id: string;
  application_id: string | null;
  job_post_id: string | null;
  employer_organisation_id: string;
  seeker_user_id: string;
  start_date: string;
  contract_end_date: string | null;
  job_province: string;
  job_city: string | null;
  job_county: string | null;
  township_code: string | null;
  post_kind: PostKind;
  employer_social_insurance_monthly_fen: string | null;
  referring_agency_id: string | null;
  referral_free: boolean;
  organised_export_trip_id: string | null;
  source: 'application' | 'staff';
  ended_on: string | null;
  end_reason: string | null;
  recorded_by: string;
  snapshot: HireSnapshot | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `
  SELECT pl.id, pl.application_id, pl.job_post_id, pl.employer_organisation_id, pl.seeker_user_id,
         to_char(pl.start_date, 'YYYY-MM-DD') AS start_date,
         to_char(pl.contract_end_date, 'YYYY-MM-DD') AS contract_end_date,
         pl.job_province, pl.job_city, pl.job_county, pl.township_code, pl.post_kind,
         pl.employer_social_insurance_monthly_fen, pl.referring_agency_id, pl.referral_free,
         pl.organised_export_trip_id, pl.source, to_char(pl.ended_on, 'YYYY-MM-DD') AS ended_on, pl.end_reason,
         pl.recorded_by, pl.snapshot, pl.created_at, pl.updated_at
    FROM placements pl`;

function toRecord(r: PlacementRow): PlacementRecord {
  return {
    id: r.id,
    applicationId: r.application_id,
    jobPostId: r.job_post_id,
    employerOrganisationId: r.employer_organisation_id,
    seekerUserId: r.seeker_user_id,
    startDate: r.start_date,
    contractEndDate: r.contract_end_date,
    jobProvince: r.job_province,
    jobCity: r.job_city,
    jobCounty: r.job_county,
    townshipCode: r.township_code,
    postKind: r.post_kind,
    employerSocialInsuranceMonthlyFen:
      r.employer_social_insurance_monthly_fen === null
        ? null
        : Number(r.employer_social_insurance_monthly_fen),
    referringAgencyId: r.referring_agency_id,
    referralFree: r.referral_free,
    organisedExportTripId: r.organised_export_trip_id,
    source: r.source,
    endedOn: r.ended_on,
    endReason: r.end_reason,
    recordedBy: r.recorded_by,
    snapshot: r.snapshot,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** What a new placement holds (from a hire or a staff record). */
export interface NewPlacement {
  applicationId: string | null;
  jobPostId: string | null;
  employerOrganisationId: string;
  seekerUserId: string;
  startDate: string;
  contractEndDate: string | null;
  province: string;
  city: string | null;
  county: string | null;
  townshipCode: string | null;
  postKind: PostKind;
  employerSocialInsuranceMonthlyFen: number | null;
  referringAgencyId: string | null;
  referralFree: boolean;
  organisedExportTripId: string | null;
  source: 'application' | 'staff';
  recordedBy: string;
  snapshot: HireSnapshot;
}

/** The one-active-placement rule's key: one seeker, one employer, one start date. */
export function hireKey(p: {
  seekerUserId: string;
  employerOrganisationId: string;
  startDate: string;
}): string {
  return `${p.seekerUserId}|${p.employerOrganisationId}|${p.startDate}`;
}

/** Which placements a list shows. */
export type PlacementScope =
  | { kind: 'all' }
  | { kind: 'seeker'; seekerUserId: string }
  | { kind: 'agency'; agencyId: string }
  | { kind: 'employers'; employerIds: readonly string[]; orTownshipCode?: string };

/** The `placements` table (applications'): the only place its SQL is written. */
@Injectable()
export class PlacementRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Inserts; the one-active-per-hire index and the one-per-application constraint surface as 23505. */
  async insert(m: EntityManager, p: NewPlacement): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO placements (
         application_id, job_post_id, employer_organisation_id, seeker_user_id, start_date, contract_end_date,
         job_province, job_city, job_county, township_code, post_kind, employer_social_insurance_monthly_fen,
         referring_agency_id, referral_free, organised_export_trip_id, source, recorded_by, snapshot)
       VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       RETURNING id`,
      [
        p.applicationId,
        p.jobPostId,
        p.employerOrganisationId,
        p.seekerUserId,
        p.startDate,
        p.contractEndDate,
        p.province,
        p.city,
        p.county,
        p.townshipCode,
        p.postKind,
        p.employerSocialInsuranceMonthlyFen === null ? null : String(p.employerSocialInsuranceMonthlyFen),
        p.referringAgencyId,
        p.referralFree,
        p.organisedExportTripId,
        p.source,
        p.recordedBy,
        JSON.stringify(p.snapshot),
      ],
    );
    return rows[0].id;
  }

  /**
   * Inserts a batch in one statement. A row that meets an existing placement (or an earlier row of
   * the batch) under the one-active-per-hire rule is skipped: the result maps the hire key
   * (`hireKey`) of each inserted row to its id, so the caller sees which ones were not inserted.
   */
  async insertMany(m: EntityManager, ps: readonly NewPlacement[]): Promise<Map<string, string>> {
    if (ps.length === 0) return new Map();
    const rows: {
      id: string;
      seeker_user_id: string;
      employer_organisation_id: string;
      start_date: string;
    }[] = await m.query(
      `INSERT INTO placements (
           application_id, job_post_id, employer_organisation_id, seeker_user_id, start_date, contract_end_date,
           job_province, job_city, job_county, township_code, post_kind, employer_social_insurance_monthly_fen,
           referring_agency_id, referral_free, organised_export_trip_id, source, recorded_by, snapshot)
         SELECT application_id, job_post_id, employer_organisation_id, seeker_user_id, start_date, contract_end_date,
                job_province, job_city, job_county, township_code, post_kind, employer_social_insurance_monthly_fen,
                referring_agency_id, referral_free, organised_export_trip_id, source, recorded_by, snapshot
           FROM jsonb_to_recordset($1::jsonb) AS x(
                application_id uuid, job_post_id uuid, employer_organisation_id uuid, seeker_user_id uuid,
                start_date date, contract_end_date date, job_province text, job_city text, job_county text,
                township_code text, post_kind text, employer_social_insurance_monthly_fen bigint,
                referring_agency_id uuid, referral_free boolean, organised_export_trip_id text, source text,
                recorded_by uuid, snapshot jsonb)
         ON CONFLICT DO NOTHING
         RETURNING id, seeker_user_id, employer_organisation_id, to_char(start_date, 'YYYY-MM-DD') AS start_date`,
      [
        JSON.stringify(
          ps.map((p) => ({
            application_id: p.applicationId,
            job_post_id: p.jobPostId,
            employer_organisation_id: p.employerOrganisationId,
            seeker_user_id: p.seekerUserId,
            start_date: p.startDate,
            contract_end_date: p.contractEndDate,
            job_province: p.province,
            job_city: p.city,
            job_county: p.county,
            township_code: p.townshipCode,
            post_kind: p.postKind,
            employer_social_insurance_monthly_fen: p.employerSocialInsuranceMonthlyFen,
            referring_agency_id: p.referringAgencyId,
            referral_free: p.referralFree,
            organised_export_trip_id: p.organisedExportTripId,
            source: p.source,
            recorded_by: p.recordedBy,
            snapshot: p.snapshot,
          })),
        ),
      ],
    );
    return new Map(
      rows.map((r) => [
        hireKey({
          seekerUserId: r.seeker_user_id,
          employerOrganisationId: r.employer_organisation_id,
          startDate: r.start_date,
        }),
        r.id,
      ]),
    );
  }

  async get(id: string, m?: EntityManager, lock = false): Promise<PlacementRecord | null> {
    const rows: PlacementRow[] = await this.m(m).query(
      `${SELECT} WHERE pl.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async getMany(ids: readonly string[], m?: EntityManager): Promise<PlacementRecord[]> {
    if (ids.length === 0) return [];
    const rows: PlacementRow[] = await this.m(m).query(`${SELECT} WHERE pl.id = ANY($1::uuid[])`, [
      [...new Set(ids)],
    ]);
    return rows.map(toRecord);
  }

  /** The placement of each application (for application views). */
  async idsByApplication(applicationIds: readonly string[]): Promise<Map<string, string>> {
    if (applicationIds.length === 0) return new Map();
    const rows: { id: string; application_id: string }[] = await this.dataSource.query(
      `SELECT id, application_id FROM placements WHERE application_id = ANY($1::uuid[])`,
      [[...new Set(applicationIds)]],
    );
    return new Map(rows.map((r) => [r.application_id, r.id]));
  }

  async lockWithoutSnapshot(m: EntityManager, limit: number): Promise<PlacementRecord[]> {
    const rows: PlacementRow[] = await m.query(
      `${SELECT} WHERE pl.snapshot IS NULL ORDER BY pl.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map(toRecord);
  }

  async setSnapshot(m: EntityManager, id: string, snapshot: HireSnapshot): Promise<void> {
    await m.query(`UPDATE placements SET snapshot = $2 WHERE id = $1`, [id, JSON.stringify(snapshot)]);
  }

  /** A post's placements not yet ended (在岗); an end recorded ahead of time already counts as ended. */
  async activeOnPost(m: EntityManager, jobPostId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM placements WHERE job_post_id = $1 AND ended_on IS NULL`,
      [jobPostId],
    );
    return n;
  }

  /** The placements not yet ended on each of these posts (absent: none). */
  async activeOnPosts(m: EntityManager, jobPostIds: readonly string[]): Promise<Map<string, number>> {
    if (jobPostIds.length === 0) return new Map();
    const rows: { job_post_id: string; n: number }[] = await m.query(
      `SELECT job_post_id, count(*)::int AS n FROM placements
        WHERE job_post_id = ANY($1::uuid[]) AND ended_on IS NULL GROUP BY job_post_id`,
      [[...new Set(jobPostIds)]],
    );
    return new Map(rows.map((r) => [r.job_post_id, r.n]));
  }

  async end(m: EntityManager, id: string, endedOn: string, reason: string, by: string): Promise<void> {
    await m.query(
      `UPDATE placements SET ended_on = $2::date, end_reason = $3, ended_by = $4, updated_at = now() WHERE id = $1`,
      [id, endedOn, reason, by],
    );
  }

  /** A page of placements, newest first. */
  async page(
    scope: PlacementScope,
    limit: number,
    offset: number,
    postKinds?: readonly PostKind[],
  ): Promise<{ rows: PlacementRecord[]; total: number }> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    let clause = '';
    if (scope.kind === 'seeker') clause = `WHERE pl.seeker_user_id = ${p(scope.seekerUserId)}`;
    if (scope.kind === 'agency') clause = `WHERE pl.referring_agency_id = ${p(scope.agencyId)}`;
    if (scope.kind === 'employers') {
      const own = `pl.employer_organisation_id = ANY(${p([...scope.employerIds])}::uuid[])`;
      clause = scope.orTownshipCode
        ? `WHERE (${own} OR pl.township_code = ${p(scope.orTownshipCode)})`
        : `WHERE ${own}`;
    }
    if (postKinds?.length) {
      clause += `${clause ? ' AND' : 'WHERE'} pl.post_kind = ANY(${p([...postKinds])}::text[])`;
    }
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM placements pl ${clause}`,
      params,
    );
    const rows: PlacementRow[] = await this.dataSource.query(
      `${SELECT} ${clause} ORDER BY pl.created_at DESC, pl.id LIMIT ${p(limit)} OFFSET ${p(offset)}`,
      params,
    );
    return { rows: rows.map(toRecord), total };
  }

  /** Placements in id order after `after` (reconciliation of what must follow them). */
  async after(after: string | null, limit: number): Promise<PlacementRecord[]> {
    const rows: PlacementRow[] = await this.dataSource.query(
      `${SELECT} WHERE ($1::uuid IS NULL OR pl.id > $1::uuid) ORDER BY pl.id LIMIT $2`,
      [after, limit],
    );
    return rows.map(toRecord);
  }

  /**
   * Placements of the seeker other than `exceptId` (the history that caps need: earlier hires,
   * earlier public-welfare posts), oldest first.
   */
  /** Every placement of the seekers of these placements (those included), oldest first. */
  async ofSeekersOf(placementIds: readonly string[], m?: EntityManager): Promise<PlacementRecord[]> {
    if (placementIds.length === 0) return [];
    const rows: PlacementRow[] = await this.m(m).query(
      `${SELECT} WHERE pl.seeker_user_id IN (SELECT seeker_user_id FROM placements WHERE id = ANY($1::uuid[]))
        ORDER BY pl.start_date, pl.created_at, pl.id`,
      [[...new Set(placementIds)]],
    );
    return rows.map(toRecord);
  }

  async ofSeeker(seekerUserId: string, m?: EntityManager): Promise<PlacementRecord[]> {
    const rows: PlacementRow[] = await this.m(m).query(
      `${SELECT} WHERE pl.seeker_user_id = $1 ORDER BY pl.start_date, pl.created_at, pl.id`,
      [seekerUserId],
    );
    return rows.map(toRecord);
  }

  /** Hires of the year whose person was in `group` when hired (the hire's snapshot), each with its person. */
  async hiresOfGroupIn(year: number, group: string): Promise<(CountedRecord & { employerId: string })[]> {
    const rows: {
      id: string;
      on: string;
      township_code: string | null;
      employer: string;
      seeker_user_id: string;
    }[] = await this.dataSource.query(
      `SELECT pl.id, to_char(pl.start_date, 'YYYY-MM-DD') AS on, pl.township_code, pl.seeker_user_id,
                pl.employer_organisation_id AS employer
           FROM placements pl
          WHERE extract(year FROM pl.start_date) = $1 AND pl.snapshot -> 'person' -> 'groups' ? $2
          ORDER BY pl.start_date, pl.id`,
      [year, group],
    );
    return rows.map((r) => ({
      id: r.id,
      on: r.on,
      townshipCode: r.township_code,
      label: '',
      personId: r.seeker_user_id,
      employerId: r.employer,
    }));
  }

  /** Of these people, those with a placement in force on `day` (started, not ended by then). */
  async employedOn(seekerUserIds: readonly string[], day: string): Promise<Set<string>> {
    if (seekerUserIds.length === 0) return new Set();
    const rows: { seeker_user_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT seeker_user_id FROM placements
        WHERE seeker_user_id = ANY($1::uuid[]) AND start_date <= $2::date AND (ended_on IS NULL OR ended_on > $2::date)`,
      [seekerUserIds, day],
    );
    return new Set(rows.map((r) => r.seeker_user_id));
  }

  /** Placements started on or before `day` (ended ones included: their months before the end count), in id order. */
  async startedBy(day: string, after: string | null, limit: number): Promise<PlacementRecord[]> {
    const rows: PlacementRow[] = await this.dataSource.query(
      `${SELECT} WHERE pl.start_date <= $1::date AND ($2::uuid IS NULL OR pl.id > $2::uuid)
        ORDER BY pl.id LIMIT $3`,
      [day, after, limit],
    );
    return rows.map(toRecord);
  }
}
