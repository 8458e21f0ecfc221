import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StallApplicationStatus, HoldingStatus, ZoneKind } from './stall.rules';

export interface ZoneRecord {
  id: string;
  name: string;
  townshipCode: string;
  address: string;
  kind: ZoneKind;
  openingHours: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type NewZone = Pick<ZoneRecord, 'name' | 'townshipCode' | 'address' | 'kind' | 'openingHours'> & {
  active: boolean;
};

export interface StallRecord {
  id: string;
  zoneId: string;
  code: string;
  note: string | null;
  /** Someone holds it now (使用中). */
  held: boolean;
}

/** The counts of a zone (摊区占用): public, no person in it. */
export interface Occupancy {
  zoneId: string;
  stalls: number;
  held: number;
  free: number;
  waiting: number;
}

export interface StallApplicationRecord {
  id: string;
  seq: number;
  zoneId: string;
  seekerUserId: string;
  goods: string;
  preferredStallId: string | null;
  preferredStallCode: string | null;
  status: StallApplicationStatus;
  priority: boolean | null;
  roundId: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface HoldingRecord {
  id: string;
  stallId: string;
  stallCode: string;
  zoneId: string;
  seekerUserId: string;
  applicationId: string;
  roundId: string;
  goods: string;
  status: HoldingStatus;
  startedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
}

export interface RoundRecord {
  id: string;
  zoneId: string;
  runBy: string;
  allocated: number;
  waitingLeft: number;
  freeLeft: number;
  createdAt: Date;
}

type Row = Record<string, unknown>;

const ZONE_COLUMNS = `z.id, z.name, z.township_code, z.address, z.kind, z.opening_hours, z.active, z.created_at, z.updated_at`;

function zoneOf(r: Row): ZoneRecord {
  return {
    id: r.id as string,
    name: r.name as string,
    townshipCode: r.township_code as string,
    address: r.address as string,
    kind: r.kind as ZoneKind,
    openingHours: r.opening_hours as string,
    active: r.active as boolean,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

const APPLICATION_COLUMNS = `a.id, a.seq, a.zone_id, a.seeker_user_id, a.goods, a.preferred_stall_id,
  ps.code AS preferred_stall_code, a.status, a.priority, a.round_id, a.decided_at, a.created_at`;

function applicationOf(r: Row): StallApplicationRecord {
  return {
    id: r.id as string,
    seq: Number(r.seq),
    zoneId: r.zone_id as string,
    seekerUserId: r.seeker_user_id as string,
    goods: r.goods as string,
    preferredStallId: (r.preferred_stall_id as string | null) ?? null,
    preferredStallCode: (r.preferred_stall_code as string | null) ?? null,
    status: r.status as StallApplicationStatus,
    priority: (r.priority as boolean | null) ?? null,
    roundId: (r.round_id as string | null) ?? null,
    decidedAt: (r.decided_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

const HOLDING_COLUMNS = `h.id, h.stall_id, s.code AS stall_code, h.zone_id, h.seeker_user_id, h.application_id,
  h.round_id, h.goods, h.status, h.started_at, h.ended_at, h.end_reason`;

function holdingOf(r: Row): HoldingRecord {
  return {
    id: r.id as string,
    stallId: r.stall_id as string,
    stallCode: r.stall_code as string,
    zoneId: r.zone_id as string,
    seekerUserId: r.seeker_user_id as string,
    applicationId: r.application_id as string,
    roundId: r.round_id as string,
    goods: r.goods as string,
    status: r.status as HoldingStatus,
    startedAt: r.started_at as Date,
    endedAt: (r.ended_at as Date | null) ?? null,
    endReason: (r.end_reason as string | null) ?? null,
  };
}

function roundOf(r: Row): RoundRecord {
  return {
    id: r.id as string,
    zoneId: r.zone_id as string,
    runBy: r.run_by as string,
    allocated: Number(r.allocated),
    waitingLeft: Number(r.waiting_left),
    freeLeft: Number(r.free_left),
    createdAt: r.created_at as Date,
  };
}

/** The street-stall tables (stall_zones, stalls, stall_applications, stall_rounds, stall_holdings): this file alone holds their SQL. */
@Injectable()
export class StallRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager): EntityManager {
    return m ?? this.dataSource.manager;
  }

  // ---- zones ----

  async insertZone(m: EntityManager, z: NewZone, by: string): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO stall_zones (name, township_code, address, kind, opening_hours, active, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [z.name, z.townshipCode, z.address, z.kind, z.openingHours, z.active, by],
    );
    return rows[0].id;
  }

  async updateZone(m: EntityManager, id: string, p: Partial<NewZone>): Promise<void> {
    await m.query(
      `UPDATE stall_zones SET name = COALESCE($2, name), address = COALESCE($3, address),
         kind = COALESCE($4, kind), opening_hours = COALESCE($5, opening_hours), active = COALESCE($6, active),
         updated_at = now()
       WHERE id = $1`,
      [id, p.name ?? null, p.address ?? null, p.kind ?? null, p.openingHours ?? null, p.active ?? null],
    );
  }

  /** A zone; `lock` 'update' serialises rounds of the zone, 'share' lets applications in side by side. */
  async zone(id: string, m?: EntityManager, lock?: 'update' | 'share'): Promise<ZoneRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT ${ZONE_COLUMNS} FROM stall_zones z WHERE z.id = $1${lock === 'update' ? ' FOR UPDATE' : lock === 'share' ? ' FOR SHARE' : ''}`,
      [id],
    );
    return rows[0] ? zoneOf(rows[0]) : null;
  }

  async zoneByName(townshipCode: string, name: string, m?: EntityManager): Promise<ZoneRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT ${ZONE_COLUMNS} FROM stall_zones z WHERE z.township_code = $1 AND z.name = $2`,
      [townshipCode, name],
    );
    return rows[0] ? zoneOf(rows[0]) : null;
  }

  async zones(f: { activeOnly: boolean; townshipCode?: string }): Promise<ZoneRecord[]> {
    const rows: Row[] = await this.q().query(
      `SELECT ${ZONE_COLUMNS} FROM stall_zones z
       WHERE ($1::boolean IS FALSE OR z.active) AND ($2::text IS NULL OR z.township_code = $2)
       ORDER BY z.active DESC, z.township_code, z.name`,
      [f.activeOnly, f.townshipCode ?? null],
    );
    return rows.map(zoneOf);
  }

  async occupancy(zoneIds: readonly string[], m?: EntityManager): Promise<Map<string, Occupancy>> {
    if (zoneIds.length === 0) return new Map();
    const rows: Row[] = await this.q(m).query(
      `SELECT z.id AS zone_id,
              (SELECT count(*) FROM stalls s WHERE s.zone_id = z.id) AS stalls,
              (SELECT count(*) FROM stall_holdings h WHERE h.zone_id = z.id AND h.status = 'active') AS held,
              (SELECT count(*) FROM stall_applications a WHERE a.zone_id = z.id AND a.status = 'waiting') AS waiting
       FROM stall_zones z WHERE z.id = ANY ($1::uuid[])`,
      [zoneIds],
    );
    return new Map(
      rows.map((r) => {
        const stalls = Number(r.stalls);
        const held = Number(r.held);
        return [
          r.zone_id as string,
          { zoneId: r.zone_id as string, stalls, held, free: stalls - held, waiting: Number(r.waiting) },
        ];
      }),
    );
  }

  // ---- stalls ----

  async stallsOfZone(zoneId: string, m?: EntityManager): Promise<StallRecord[]> {
    const rows: Row[] = await this.q(m).query(
      `SELECT s.id, s.zone_id, s.code, s.note,
              EXISTS (SELECT 1 FROM stall_holdings h WHERE h.stall_id = s.id AND h.status = 'active') AS held
       FROM stalls s WHERE s.zone_id = $1`,
      [zoneId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      zoneId: r.zone_id as string,
      code: r.code as string,
      note: (r.note as string | null) ?? null,
      held: r.held as boolean,
    }));
  }

  async insertStalls(m: EntityManager, zoneId: string, stalls: { code: string; note: string | null }[]) {
    await m.query(
      `INSERT INTO stalls (zone_id, code, note)
       SELECT $1, x.code, x.note FROM jsonb_to_recordset($2::jsonb) AS x(code text, note text)`,
      [zoneId, JSON.stringify(stalls)],
    );
  }

  // ---- applications ----

  async insertApplication(
    m: EntityManager,
    a: { zoneId: string; seekerUserId: string; goods: string; preferredStallId: string | null },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO stall_applications (zone_id, seeker_user_id, goods, preferred_stall_id, status)
       VALUES ($1, $2, $3, $4, 'waiting') RETURNING id`,
      [a.zoneId, a.seekerUserId, a.goods, a.preferredStallId],
    );
    return rows[0].id;
  }

  async application(id: string, m?: EntityManager, lock = false): Promise<StallApplicationRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT ${APPLICATION_COLUMNS} FROM stall_applications a LEFT JOIN stalls ps ON ps.id = a.preferred_stall_id
       WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`,
      [id],
    );
    return rows[0] ? applicationOf(rows[0]) : null;
  }

  async waitingOf(
    zoneId: string,
    seekerUserId: string,
    m?: EntityManager,
  ): Promise<StallApplicationRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT ${APPLICATION_COLUMNS} FROM stall_applications a LEFT JOIN stalls ps ON ps.id = a.preferred_stall_id
       WHERE a.zone_id = $1 AND a.seeker_user_id = $2 AND a.status = 'waiting'`,
      [zoneId, seekerUserId],
    );
    return rows[0] ? applicationOf(rows[0]) : null;
  }

  /** The zone's queue in application order, locked: a withdrawal in flight waits for the round. */
  async waitingQueue(m: EntityManager, zoneId: string): Promise<StallApplicationRecord[]> {
    const rows: Row[] = await m.query(
      `SELECT ${APPLICATION_COLUMNS} FROM stall_applications a LEFT JOIN stalls ps ON ps.id = a.preferred_stall_id
       WHERE a.zone_id = $1 AND a.status = 'waiting' ORDER BY a.seq FOR UPDATE OF a`,
      [zoneId],
    );
    return rows.map(applicationOf);
  }

  async applicationsOfZone(
    zoneId: string,
    status: StallApplicationStatus | undefined,
    limit: number,
    offset: number,
  ): Promise<{ items: StallApplicationRecord[]; total: number }> {
    const rows: Row[] = await this.q().query(
      `SELECT ${APPLICATION_COLUMNS}, count(*) OVER () AS total
       FROM stall_applications a LEFT JOIN stalls ps ON ps.id = a.preferred_stall_id
       WHERE a.zone_id = $1 AND ($2::text IS NULL OR a.status = $2)
       ORDER BY (a.status = 'waiting') DESC, a.seq LIMIT $3 OFFSET $4`,
      [zoneId, status ?? null, limit, offset],
    );
    return { items: rows.map(applicationOf), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async applicationsOfSeeker(seekerUserId: string): Promise<StallApplicationRecord[]> {
    const rows: Row[] = await this.q().query(
      `SELECT ${APPLICATION_COLUMNS} FROM stall_applications a LEFT JOIN stalls ps ON ps.id = a.preferred_stall_id
       WHERE a.seeker_user_id = $1 ORDER BY a.seq DESC LIMIT 100`,
      [seekerUserId],
    );
    return rows.map(applicationOf);
  }

  async decideApplication(
    m: EntityManager,
    id: string,
    status: Exclude<StallApplicationStatus, 'waiting'>,
    o: { priority?: boolean | null; roundId?: string | null } = {},
  ): Promise<void> {
    await m.query(
      `UPDATE stall_applications SET status = $2, priority = COALESCE($3, priority), round_id = COALESCE($4, round_id),
         decided_at = now()
       WHERE id = $1 AND status = 'waiting'`,
      [id, status, o.priority ?? null, o.roundId ?? null],
    );
  }

  // ---- rounds and holdings ----

  async insertRound(
    m: EntityManager,
    r: { zoneId: string; runBy: string; allocated: number; waitingLeft: number; freeLeft: number },
  ): Promise<RoundRecord> {
    const rows: Row[] = await m.query(
      `INSERT INTO stall_rounds (zone_id, run_by, allocated, waiting_left, free_left)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [r.zoneId, r.runBy, r.allocated, r.waitingLeft, r.freeLeft],
    );
    return roundOf(rows[0]);
  }

  async rounds(zoneId: string, limit = 20): Promise<RoundRecord[]> {
    const rows: Row[] = await this.q().query(
      `SELECT * FROM stall_rounds WHERE zone_id = $1 ORDER BY created_at DESC LIMIT $2`,
      [zoneId, limit],
    );
    return rows.map(roundOf);
  }

  async insertHolding(
    m: EntityManager,
    h: {
      stallId: string;
      zoneId: string;
      seekerUserId: string;
      applicationId: string;
      roundId: string;
      goods: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO stall_holdings (stall_id, zone_id, seeker_user_id, application_id, round_id, goods, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'active') RETURNING id`,
      [h.stallId, h.zoneId, h.seekerUserId, h.applicationId, h.roundId, h.goods],
    );
    return rows[0].id;
  }

  async holding(id: string, m?: EntityManager, lock = false): Promise<HoldingRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT ${HOLDING_COLUMNS} FROM stall_holdings h JOIN stalls s ON s.id = h.stall_id
       WHERE h.id = $1${lock ? ' FOR UPDATE OF h' : ''}`,
      [id],
    );
    return rows[0] ? holdingOf(rows[0]) : null;
  }

  async activeHoldersOfZone(m: EntityManager, zoneId: string): Promise<Set<string>> {
    const rows: { seeker_user_id: string }[] = await m.query(
      `SELECT seeker_user_id FROM stall_holdings WHERE zone_id = $1 AND status = 'active'`,
      [zoneId],
    );
    return new Set(rows.map((r) => r.seeker_user_id));
  }

  async activeHolding(
    zoneId: string,
    seekerUserId: string,
    m?: EntityManager,
  ): Promise<HoldingRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT ${HOLDING_COLUMNS} FROM stall_holdings h JOIN stalls s ON s.id = h.stall_id
       WHERE h.zone_id = $1 AND h.seeker_user_id = $2 AND h.status = 'active'`,
      [zoneId, seekerUserId],
    );
    return rows[0] ? holdingOf(rows[0]) : null;
  }

  async holdingsByIds(ids: readonly string[], m?: EntityManager): Promise<HoldingRecord[]> {
    if (ids.length === 0) return [];
    const rows: Row[] = await this.q(m).query(
      `SELECT ${HOLDING_COLUMNS} FROM stall_holdings h JOIN stalls s ON s.id = h.stall_id
       WHERE h.id = ANY ($1::uuid[])`,
      [ids],
    );
    return rows.map(holdingOf);
  }

  async holdingsOfZone(zoneId: string, activeOnly: boolean): Promise<HoldingRecord[]> {
    const rows: Row[] = await this.q().query(
      `SELECT ${HOLDING_COLUMNS} FROM stall_holdings h JOIN stalls s ON s.id = h.stall_id
       WHERE h.zone_id = $1 AND ($2::boolean IS FALSE OR h.status = 'active')
       ORDER BY h.status = 'active' DESC, s.code, h.started_at DESC LIMIT 500`,
      [zoneId, activeOnly],
    );
    return rows.map(holdingOf);
  }

  async holdingsOfSeeker(seekerUserId: string): Promise<HoldingRecord[]> {
    const rows: Row[] = await this.q().query(
      `SELECT ${HOLDING_COLUMNS} FROM stall_holdings h JOIN stalls s ON s.id = h.stall_id
       WHERE h.seeker_user_id = $1 ORDER BY h.status = 'active' DESC, h.started_at DESC LIMIT 100`,
      [seekerUserId],
    );
    return rows.map(holdingOf);
  }

  async endHolding(
    m: EntityManager,
    id: string,
    status: Exclude<HoldingStatus, 'active'>,
    by: string,
    reason: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE stall_holdings SET status = $2, ended_at = now(), ended_by = $3, end_reason = $4
       WHERE id = $1 AND status = 'active'`,
      [id, status, by, reason],
    );
  }

  /** For the seeker's views: zones by id. */
  async zonesByIds(ids: readonly string[]): Promise<Map<string, ZoneRecord>> {
    if (ids.length === 0) return new Map();
    const rows: Row[] = await this.q().query(
      `SELECT ${ZONE_COLUMNS} FROM stall_zones z WHERE z.id = ANY ($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id as string, zoneOf(r)]));
  }
}
