import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CountedRecord } from '@app/platform';
import type { StationKind } from './station.rules';

export interface StationRecord {
  id: string;
  name: string;
  kind: StationKind;
  townshipCode: string;
  address: string;
  trainedStaff: number;
  openedOn: string;
  contact: string | null;
  closedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewStation = Omit<StationRecord, 'id' | 'createdAt' | 'updatedAt' | 'closedOn'>;
export type StationChange = Partial<Omit<NewStation, 'kind'>> & { closedOn?: string | null };

interface StationRow {
  id: string;
  name: string;
  kind: StationKind;
  township_code: string;
  address: string;
  trained_staff: number;
  opened_on: string;
  contact: string | null;
  closed_on: string | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT id, name, kind, township_code, address, trained_staff, to_char(opened_on, 'YYYY-MM-DD') AS opened_on,
  contact, to_char(closed_on, 'YYYY-MM-DD') AS closed_on, created_at, updated_at FROM service_stations`;

const toRecord = (r: StationRow): StationRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  townshipCode: r.township_code,
  address: r.address,
  trainedStaff: r.trained_staff,
  openedOn: r.opened_on,
  contact: r.contact,
  closedOn: r.closed_on,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const COLUMNS: Record<keyof StationChange, string> = {
  name: 'name',
  townshipCode: 'township_code',
  address: 'address',
  trainedStaff: 'trained_staff',
  openedOn: 'opened_on',
  contact: 'contact',
  closedOn: 'closed_on',
};

/** The targets' own table: service_stations (就业服务站). */
@Injectable()
export class ServiceStationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(m?: EntityManager): DataSource | EntityManager {
    return m ?? this.dataSource;
  }

  async insert(m: EntityManager, s: NewStation, by: string): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO service_stations (name, kind, township_code, address, trained_staff, opened_on, contact, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8) RETURNING id`,
      [s.name, s.kind, s.townshipCode, s.address, s.trainedStaff, s.openedOn, s.contact, by],
    );
    return id;
  }

  async update(m: EntityManager, id: string, c: StationChange): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of Object.entries(COLUMNS) as [keyof StationChange, string][]) {
      if (c[key] === undefined) continue;
      params.push(c[key]);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length === 0) return;
    await m.query(`UPDATE service_stations SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  }

  async get(id: string, m?: EntityManager, lock = false): Promise<StationRecord | null> {
    const rows: StationRow[] = await this.m(m).query(`${SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(): Promise<StationRecord[]> {
    const rows: StationRow[] = await this.dataSource.query(
      `${SELECT} ORDER BY kind DESC, township_code, name`,
    );
    return rows.map(toRecord);
  }

  /**
   * Stations of a kind open on `day` with at least `minStaff` trained staff, each on its opening
   * day (opened before the year: on 1 January, so it counts from the year's first month).
   */
  async staffedOn(kind: StationKind, minStaff: number, year: number, day: string): Promise<CountedRecord[]> {
    const rows: { id: string; on: string; township_code: string; name: string }[] =
      await this.dataSource.query(
        `SELECT id, to_char(greatest(opened_on, make_date($3, 1, 1)), 'YYYY-MM-DD') AS on, township_code, name
         FROM service_stations
        WHERE kind = $1 AND trained_staff >= $2 AND opened_on <= $4::date AND (closed_on IS NULL OR closed_on > $4::date)
        ORDER BY opened_on, id`,
        [kind, minStaff, year, day],
      );
    return rows.map((r) => ({ id: r.id, on: r.on, townshipCode: r.township_code, label: r.name }));
  }
}
