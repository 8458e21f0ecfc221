import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationStatus } from './application.rules';

/** An application (求职申请) as the applications domain hands it out. */
export interface ApplicationRecord {
  id: string;
  jobPostId: string;
  seekerUserId: string;
  status: ApplicationStatus;
  referredByAgencyId: string | null;
  referralFree: boolean;
  coverNote: string | null;
  createdAt: Date;
  statusChangedAt: Date;
  updatedAt: Date;
}

export interface ApplicationEventRecord {
  applicationId: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  note: string | null;
  at: Date;
}

interface ApplicationRow {
  id: string;
  job_post_id: string;
  seeker_user_id: string;
  status: ApplicationStatus;
  referred_by_agency_id: string | null;
  referral_free: boolean;
  cover_note: string | null;
  created_at: Date;
  status_changed_at: Date;
  updated_at: Date;
}

const SELECT = `
  SELECT a.id, a.job_post_id, a.seeker_user_id, a.status, a.referred_by_agency_id, a.referral_free, a.cover_note,
         a.created_at, a.status_changed_at, a.updated_at
    FROM applications a`;

const toRecord = (r: ApplicationRow): ApplicationRecord => ({
  id: r.id,
  jobPostId: r.job_post_id,
  seekerUserId: r.seeker_user_id,
  status: r.status,
  referredByAgencyId: r.referred_by_agency_id,
  referralFree: r.referral_free,
  coverNote: r.cover_note,
  createdAt: r.created_at,
  statusChangedAt: r.status_changed_at,
  updatedAt: r.updated_at,
});

/** The applications' tables: applications, application_events, agency_referrals. */
@Injectable()
export class ApplicationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async get(id: string, m?: EntityManager, lock = false): Promise<ApplicationRecord | null> {
    const rows: ApplicationRow[] = await this.m(m).query(
      `${SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Inserts an application and its first step, unless the seeker has an active one for the post
   * (the partial unique index decides, also for simultaneous requests): null then.
   */
  async insert(
    m: EntityManager,
    a: {
      jobPostId: string;
      seekerUserId: string;
      agencyId: string | null;
      free: boolean;
      note: string | null;
      actorId: string;
    },
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO applications (job_post_id, seeker_user_id, referred_by_agency_id, referral_free, cover_note,
         created_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (job_post_id, seeker_user_id) WHERE status NOT IN ('rejected', 'withdrawn') DO NOTHING
       RETURNING id`,
      [a.jobPostId, a.seekerUserId, a.agencyId, a.free, a.note, a.actorId],
    );
    if (rows.length === 0) return null;
    await m.query(
      `INSERT INTO application_events (application_id, from_status, to_status, actor_user_id, note)
       VALUES ($1, NULL, 'applied', $2, $3)`,
      [rows[0].id, a.actorId, a.note],
    );
    return rows[0].id;
  }

  async insertReferral(
    m: EntityManager,
    r: {
      agencyId: string;
      seekerUserId: string;
      jobPostId: string;
      applicationId: string;
      free: boolean;
      note: string | null;
      createdBy: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO agency_referrals (agency_organisation_id, seeker_user_id, job_post_id, application_id, free,
         note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [r.agencyId, r.seekerUserId, r.jobPostId, r.applicationId, r.free, r.note, r.createdBy],
    );
    return rows[0].id;
  }

  /** A step: the new status and its timestamped event. */
  async step(
    m: EntityManager,
    a: ApplicationRecord,
    to: ApplicationStatus,
    actorId: string,
    note: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE applications SET status = $2, status_changed_at = now(), updated_at = now() WHERE id = $1`,
      [a.id, to],
    );
    await m.query(
      `INSERT INTO application_events (application_id, from_status, to_status, actor_user_id, note)
       VALUES ($1, $2, $3, $4, $5)`,
      [a.id, a.status, to, actorId, note],
    );
  }

  async page(
    f: { seekerUserId?: string; jobPostId?: string; status?: ApplicationStatus },
    limit: number,
    offset: number,
  ): Promise<{ rows: ApplicationRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.seekerUserId) where.push(`a.seeker_user_id = ${p(f.seekerUserId)}`);
    if (f.jobPostId) where.push(`a.job_post_id = ${p(f.jobPostId)}`);
    if (f.status) where.push(`a.status = ${p(f.status)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM applications a ${clause}`,
      params,
    );
    const rows: ApplicationRow[] = await this.dataSource.query(
      `${SELECT} ${clause} ORDER BY a.created_at DESC, a.id LIMIT ${p(limit)} OFFSET ${p(offset)}`,
      params,
    );
    return { rows: rows.map(toRecord), total };
  }

  async events(applicationIds: readonly string[]): Promise<ApplicationEventRecord[]> {
    if (applicationIds.length === 0) return [];
    const rows: {
      application_id: string;
      from_status: ApplicationStatus | null;
      to_status: ApplicationStatus;
      note: string | null;
      at: Date;
    }[] = await this.dataSource.query(
      `SELECT application_id, from_status, to_status, note, at FROM application_events
          WHERE application_id = ANY($1::uuid[]) ORDER BY id`,
      [[...applicationIds]],
    );
    return rows.map((e) => ({
      applicationId: e.application_id,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      at: e.at,
    }));
  }
}
