import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { CountedRecord } from '@app/platform';
import type { FairMode, FairStatus, FairTheme } from './fair.rules';

/** A fair as the fairs domain hands it out (times as Date). */
export interface FairRecord {
  id: string;
  title: string;
  theme: FairTheme;
  mode: FairMode;
  description: string | null;
  industry: string | null;
  startsAt: Date;
  endsAt: Date;
  seekerCapacity: number;
  boothCount: number;
  seekerRegistrationOpensAt: Date;
  seekerRegistrationClosesAt: Date;
  employerRegistrationOpensAt: Date;
  employerRegistrationClosesAt: Date;
  venueId: string | null;
  venueName: string | null;
  townshipCode: string | null;
  livestreamUrl: string | null;
  status: FairStatus;
  confirmedCount: number;
  waitlistSeq: number;
  createdBy: string;
  createdAt: Date;
}

export type NewFair = Omit<
  FairRecord,
  'id' | 'venueName' | 'status' | 'confirmedCount' | 'waitlistSeq' | 'createdAt'
>;

export interface VenueRecord {
  id: string;
  name: string;
  address: string | null;
  townshipCode: string | null;
  boothCount: number;
  seekerCapacity: number;
}

export interface FairPlanRecord {
  year: number;
  fairsTarget: number;
  hiresTarget: number;
  note: string | null;
}

const SELECT = `
  SELECT f.id, f.title, f.theme, f.mode, f.description, f.industry, f.starts_at, f.ends_at, f.seeker_capacity,
         f.booth_count, f.seeker_registration_opens_at, f.seeker_registration_closes_at,
         f.employer_registration_opens_at, f.employer_registration_closes_at, f.venue_id, v.name AS venue_name,
         f.township_code, f.livestream_url, f.status, f.confirmed_count, f.waitlist_seq, f.created_by, f.created_at
    FROM fairs f LEFT JOIN fair_venues v ON v.id = f.venue_id`;

interface FairRow {
  id: string;
  title: string;
  theme: FairTheme;
  mode: FairMode;
  description: string | null;
  industry: string | null;
  starts_at: Date;
  ends_at: Date;
  seeker_capacity: number;
  booth_count: number;
  seeker_registration_opens_at: Date;
  seeker_registration_closes_at: Date;
  employer_registration_opens_at: Date;
  employer_registration_closes_at: Date;
  venue_id: string | null;
  venue_name: string | null;
  township_code: string | null;
  livestream_url: string | null;
  status: FairStatus;
  confirmed_count: number;
  waitlist_seq: number;
  created_by: string;
  created_at: Date;
}

function toRecord(r: FairRow): FairRecord {
  return {
    id: r.id,
    title: r.title,
    theme: r.theme,
    mode: r.mode,
    description: r.description,
    industry: r.industry,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    seekerCapacity: r.seeker_capacity,
    boothCount: r.booth_count,
    seekerRegistrationOpensAt: r.seeker_registration_opens_at,
    seekerRegistrationClosesAt: r.seeker_registration_closes_at,
    employerRegistrationOpensAt: r.employer_registration_opens_at,
    employerRegistrationClosesAt: r.employer_registration_closes_at,
    venueId: r.venue_id,
    venueName: r.venue_name,
    townshipCode: r.township_code,
    livestreamUrl: r.livestream_url,
    status: r.status,
    confirmedCount: r.confirmed_count,
    waitlistSeq: r.waitlist_seq,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** The venue is taken at those times (the exclusion constraint `fairs_venue_free`). */
export class VenueTakenError extends Error {}

/** `fairs`, `fair_venues` and `fair_plans` (fairs'): the only place their SQL is written. */
@Injectable()
export class FairRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async insert(m: EntityManager, f: NewFair): Promise<string> {
    try {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO fairs (title, theme, mode, description, industry, starts_at, ends_at, seeker_capacity, booth_count,
           seeker_registration_opens_at, seeker_registration_closes_at, employer_registration_opens_at,
           employer_registration_closes_at, venue_id, township_code, livestream_url, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
        [
          f.title,
          f.theme,
          f.mode,
          f.description,
          f.industry,
          f.startsAt,
          f.endsAt,
          f.seekerCapacity,
          f.boothCount,
          f.seekerRegistrationOpensAt,
          f.seekerRegistrationClosesAt,
          f.employerRegistrationOpensAt,
          f.employerRegistrationClosesAt,
          f.venueId,
          f.townshipCode,
          f.livestreamUrl,
          f.createdBy,
        ],
      );
      return rows[0].id;
    } catch (err) {
      throw venueTaken(err) ?? err;
    }
  }

  async get(id: string, m?: EntityManager, lock = false): Promise<FairRecord | null> {
    const rows: FairRow[] = await this.m(m).query(
      `${SELECT} WHERE f.id = $1${lock ? ' FOR UPDATE OF f' : ''}`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async setStatus(m: EntityManager, id: string, status: FairStatus): Promise<void> {
    try {
      await m.query(`UPDATE fairs SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
    } catch (err) {
      throw venueTaken(err) ?? err;
    }
  }

  /** The counters kept under the fair's lock (capacity, waiting-list order). */
  async setCounters(
    m: EntityManager,
    id: string,
    confirmedCount: number,
    waitlistSeq: number,
  ): Promise<void> {
    await m.query(`UPDATE fairs SET confirmed_count = $2, waitlist_seq = $3 WHERE id = $1`, [
      id,
      confirmedCount,
      waitlistSeq,
    ]);
  }

  /** Fairs by start, filtered by status and time (the public calendar, staff lists). */
  async page(
    f: { statuses?: readonly FairStatus[]; from?: Date; to?: Date },
    limit: number,
    offset: number,
  ): Promise<{ rows: FairRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.statuses) where.push(`f.status = ANY(${p([...f.statuses])}::text[])`);
    if (f.from) where.push(`f.ends_at >= ${p(f.from)}`);
    if (f.to) where.push(`f.starts_at < ${p(f.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM fairs f ${clause}`,
      params,
    );
    const rows: FairRow[] = await this.dataSource.query(
      `${SELECT} ${clause} ORDER BY f.starts_at, f.id LIMIT ${p(limit)} OFFSET ${p(offset)}`,
      params,
    );
    return { rows: rows.map(toRecord), total };
  }

  /** Fairs of a year (by start, China time), any status. */
  async ofYear(year: number): Promise<FairRecord[]> {
    const rows: FairRow[] = await this.dataSource.query(
      `${SELECT} WHERE EXTRACT(YEAR FROM f.starts_at AT TIME ZONE 'Asia/Shanghai') = $1 ORDER BY f.starts_at, f.id`,
      [year],
    );
    return rows.map(toRecord);
  }

  /** Fairs of the year that took place (held or reported), by their start day in China. */
  async heldOfYear(year: number): Promise<CountedRecord[]> {
    const rows: { id: string; on: string; township_code: string | null; title: string }[] =
      await this.dataSource.query(
        `SELECT f.id, to_char(f.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS on, f.township_code, f.title
           FROM fairs f
          WHERE f.status IN ('held', 'reported') AND EXTRACT(YEAR FROM f.starts_at AT TIME ZONE 'Asia/Shanghai') = $1
          ORDER BY f.starts_at, f.id`,
        [year],
      );
    return rows.map((r) => ({ id: r.id, on: r.on, townshipCode: r.township_code, label: r.title }));
  }

  // ---- venues ----

  async insertVenue(v: Omit<VenueRecord, 'id'>, m?: EntityManager): Promise<string | null> {
    const rows: { id: string }[] = await this.m(m).query(
      `INSERT INTO fair_venues (name, address, township_code, booth_count, seeker_capacity)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [v.name, v.address, v.townshipCode, v.boothCount, v.seekerCapacity],
    );
    return rows[0]?.id ?? null;
  }

  async venue(id: string, m?: EntityManager): Promise<VenueRecord | null> {
    return (await this.venues(m, id))[0] ?? null;
  }

  async venues(m?: EntityManager, id?: string): Promise<VenueRecord[]> {
    const rows: {
      id: string;
      name: string;
      address: string | null;
      township_code: string | null;
      booth_count: number;
      seeker_capacity: number;
    }[] = await this.m(m).query(
      `SELECT id, name, address, township_code, booth_count, seeker_capacity FROM fair_venues
        WHERE ($1::uuid IS NULL OR id = $1::uuid) ORDER BY name`,
      [id ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      address: r.address,
      townshipCode: r.township_code,
      boothCount: r.booth_count,
      seekerCapacity: r.seeker_capacity,
    }));
  }

  // ---- the year's plan ----

  async plan(year: number): Promise<FairPlanRecord | null> {
    const rows: { year: number; fairs_target: number; hires_target: number; note: string | null }[] =
      await this.dataSource.query(
        `SELECT year, fairs_target, hires_target, note FROM fair_plans WHERE year = $1`,
        [year],
      );
    const r = rows[0];
    return r
      ? { year: r.year, fairsTarget: r.fairs_target, hiresTarget: r.hires_target, note: r.note }
      : null;
  }

  async savePlan(p: FairPlanRecord, m?: EntityManager): Promise<void> {
    await this.m(m).query(
      `INSERT INTO fair_plans (year, fairs_target, hires_target, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT (year) DO UPDATE SET fairs_target = EXCLUDED.fairs_target, hires_target = EXCLUDED.hires_target,
                                        note = EXCLUDED.note, updated_at = now()`,
      [p.year, p.fairsTarget, p.hiresTarget, p.note],
    );
  }
}

function venueTaken(err: unknown): VenueTakenError | null {
  const e = err as { code?: string; constraint?: string };
  return err instanceof QueryFailedError && e.code === '23P01' && e.constraint === 'fairs_venue_free'
    ? new VenueTakenError('venue taken')
    : null;
}
