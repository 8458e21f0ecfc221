import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CountedRecord } from '@app/platform';
import type { ParticipantStatus, TripCounts } from './labour-export.rules';

export interface TripRecord {
  id: string;
  province: string;
  city: string | null;
  county: string | null;
  employerName: string | null;
  organisingAgencyId: string | null;
  departureDate: string;
  plannedHeadcount: number;
  stationContact: string | null;
  note: string | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdAt: Date;
}

export interface ParticipantRecord {
  tripId: string;
  seekerUserId: string;
  status: ParticipantStatus;
  ruralLabourer: boolean;
  povertyAlleviated: boolean;
  departedOn: string | null;
  placementId: string | null;
  followUpOn: string | null;
  stillEmployed: boolean | null;
  followUpNote: string | null;
  enrolledAt: Date;
}

export interface NewTrip {
  province: string;
  city: string | null;
  county: string | null;
  employerName: string | null;
  organisingAgencyId: string | null;
  departureDate: string;
  plannedHeadcount: number;
  stationContact: string | null;
  note: string | null;
  createdBy: string;
}

type Row = Record<string, unknown>;

const TRIP_COLUMNS = `id, destination_province, destination_city, destination_county, employer_name,
  organising_agency_id, to_char(departure_date, 'YYYY-MM-DD') AS departure_date, planned_headcount,
  station_contact, note, cancelled_at, cancel_reason, created_at`;
const PARTICIPANT_COLUMNS = `trip_id, seeker_user_id, status, rural_labourer, poverty_alleviated,
  to_char(departed_on, 'YYYY-MM-DD') AS departed_on, placement_id, to_char(follow_up_on, 'YYYY-MM-DD') AS follow_up_on,
  still_employed, follow_up_note, enrolled_at`;

const tripOf = (r: Row): TripRecord => ({
  id: r.id as string,
  province: r.destination_province as string,
  city: (r.destination_city as string | null) ?? null,
  county: (r.destination_county as string | null) ?? null,
  employerName: (r.employer_name as string | null) ?? null,
  organisingAgencyId: (r.organising_agency_id as string | null) ?? null,
  departureDate: r.departure_date as string,
  plannedHeadcount: r.planned_headcount as number,
  stationContact: (r.station_contact as string | null) ?? null,
  note: (r.note as string | null) ?? null,
  cancelledAt: (r.cancelled_at as Date | null) ?? null,
  cancelReason: (r.cancel_reason as string | null) ?? null,
  createdAt: r.created_at as Date,
});

const participantOf = (r: Row): ParticipantRecord => ({
  tripId: r.trip_id as string,
  seekerUserId: r.seeker_user_id as string,
  status: r.status as ParticipantStatus,
  ruralLabourer: r.rural_labourer as boolean,
  povertyAlleviated: r.poverty_alleviated as boolean,
  departedOn: (r.departed_on as string | null) ?? null,
  placementId: (r.placement_id as string | null) ?? null,
  followUpOn: (r.follow_up_on as string | null) ?? null,
  stillEmployed: (r.still_employed as boolean | null) ?? null,
  followUpNote: (r.follow_up_note as string | null) ?? null,
  enrolledAt: r.enrolled_at as Date,
});

/** The labour-export tables (labour-export's): trips and participants — the only place their SQL is written. */
@Injectable()
export class LabourExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async insertTrip(m: EntityManager, t: NewTrip): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO export_trips (destination_province, destination_city, destination_county, employer_name,
         organising_agency_id, departure_date, planned_headcount, station_contact, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10) RETURNING id`,
      [
        t.province,
        t.city,
        t.county,
        t.employerName,
        t.organisingAgencyId,
        t.departureDate,
        t.plannedHeadcount,
        t.stationContact,
        t.note,
        t.createdBy,
      ],
    );
    return rows[0].id;
  }

  async trip(id: string, m?: EntityManager, lock = false): Promise<TripRecord | null> {
    const rows: Row[] = await this.m(m).query(
      `SELECT ${TRIP_COLUMNS} FROM export_trips WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? tripOf(rows[0]) : null;
  }

  /** Trips, latest departure first; `fromDate`: departing on or after it and not cancelled. */
  async trips(
    f: { fromDate?: string; ids?: readonly string[] },
    limit: number,
    offset: number,
  ): Promise<{ items: TripRecord[]; total: number }> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${TRIP_COLUMNS}, count(*) OVER () AS total FROM export_trips
        WHERE ($1::date IS NULL OR (departure_date >= $1::date AND cancelled_at IS NULL))
          AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
        ORDER BY ${f.fromDate ? 'departure_date ASC' : 'departure_date DESC'}, id LIMIT $3 OFFSET $4`,
      [f.fromDate ?? null, f.ids ? [...f.ids] : null, limit, offset],
    );
    return { items: rows.map(tripOf), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async cancelTrip(m: EntityManager, id: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE export_trips SET cancelled_at = now(), cancel_reason = $2, updated_at = now() WHERE id = $1`,
      [id, reason],
    );
    await m.query(
      `UPDATE export_trip_participants SET status = 'withdrawn', updated_at = now()
        WHERE trip_id = $1 AND status IN ('enrolled', 'departed')`,
      [id],
    );
  }

  /** A new participant (or one who had withdrawn, enrolled again); false when they are on this trip already. */
  async enrol(
    m: EntityManager,
    p: {
      tripId: string;
      seekerUserId: string;
      ruralLabourer: boolean;
      povertyAlleviated: boolean;
      by: string;
    },
  ): Promise<boolean> {
    const rows: Row[] = await m.query(
      `INSERT INTO export_trip_participants (trip_id, seeker_user_id, rural_labourer, poverty_alleviated, enrolled_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (trip_id, seeker_user_id) DO UPDATE SET status = 'enrolled', departed_on = NULL,
         rural_labourer = EXCLUDED.rural_labourer, poverty_alleviated = EXCLUDED.poverty_alleviated,
         enrolled_by = EXCLUDED.enrolled_by, enrolled_at = now(), updated_at = now()
         WHERE export_trip_participants.status = 'withdrawn'
       RETURNING trip_id`,
      [p.tripId, p.seekerUserId, p.ruralLabourer, p.povertyAlleviated, p.by],
    );
    return rows.length > 0;
  }

  async participant(
    tripId: string,
    seekerUserId: string,
    m?: EntityManager,
    lock = false,
  ): Promise<ParticipantRecord | null> {
    const rows: Row[] = await this.m(m).query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM export_trip_participants WHERE trip_id = $1 AND seeker_user_id = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      [tripId, seekerUserId],
    );
    return rows[0] ? participantOf(rows[0]) : null;
  }

  async participants(tripId: string): Promise<ParticipantRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM export_trip_participants WHERE trip_id = $1
        ORDER BY enrolled_at, seeker_user_id`,
      [tripId],
    );
    return rows.map(participantOf);
  }

  async ofSeeker(seekerUserId: string): Promise<ParticipantRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM export_trip_participants WHERE seeker_user_id = $1
        ORDER BY enrolled_at DESC`,
      [seekerUserId],
    );
    return rows.map(participantOf);
  }

  /** The enrolled participants (or the named ones) set off on `on`; how many did. */
  async depart(
    m: EntityManager,
    tripId: string,
    on: string,
    seekerUserIds?: readonly string[],
  ): Promise<number> {
    const rows: Row[] = await m.query(
      `WITH u AS (
         UPDATE export_trip_participants SET status = 'departed', departed_on = $2::date, updated_at = now()
          WHERE trip_id = $1 AND status = 'enrolled' AND ($3::uuid[] IS NULL OR seeker_user_id = ANY($3::uuid[]))
          RETURNING seeker_user_id)
       SELECT seeker_user_id FROM u`,
      [tripId, on, seekerUserIds ? [...seekerUserIds] : null],
    );
    return rows.length;
  }

  async setStatus(
    m: EntityManager,
    tripId: string,
    seekerUserId: string,
    s: { status: ParticipantStatus; departedOn?: string; placementId?: string },
  ): Promise<void> {
    await m.query(
      `UPDATE export_trip_participants SET status = $3, departed_on = COALESCE($4::date, departed_on),
         placement_id = COALESCE($5::uuid, placement_id), updated_at = now()
        WHERE trip_id = $1 AND seeker_user_id = $2`,
      [tripId, seekerUserId, s.status, s.departedOn ?? null, s.placementId ?? null],
    );
  }

  async followUp(
    m: EntityManager,
    tripId: string,
    seekerUserId: string,
    f: { on: string; stillEmployed: boolean; note: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE export_trip_participants SET follow_up_on = $3::date, still_employed = $4, follow_up_note = $5,
         updated_at = now() WHERE trip_id = $1 AND seeker_user_id = $2`,
      [tripId, seekerUserId, f.on, f.stillEmployed, f.note],
    );
  }

  /** Per trip: enrolled (not withdrawn), departed (departed or placed), placed, still employed at 3 months. */
  async counts(tripIds?: readonly string[], m?: EntityManager): Promise<Map<string, TripCounts>> {
    const rows: Row[] = await this.m(m).query(
      `SELECT trip_id,
              count(*) FILTER (WHERE status <> 'withdrawn')::int AS enrolled,
              count(*) FILTER (WHERE status IN ('departed', 'placed'))::int AS departed,
              count(*) FILTER (WHERE status = 'placed')::int AS placed,
              count(*) FILTER (WHERE status = 'placed' AND still_employed)::int AS still_employed
         FROM export_trip_participants
        WHERE $1::uuid[] IS NULL OR trip_id = ANY($1::uuid[])
        GROUP BY trip_id`,
      [tripIds ? [...tripIds] : null],
    );
    return new Map(
      rows.map((r) => [
        r.trip_id as string,
        {
          tripId: r.trip_id as string,
          enrolled: r.enrolled as number,
          departed: r.departed as number,
          placed: r.placed as number,
          stillEmployed: r.still_employed as number,
        },
      ]),
    );
  }

  /** Trips not cancelled that depart in the year. */
  async tripsInYear(year: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM export_trips WHERE cancelled_at IS NULL AND extract(year FROM departure_date) = $1`,
      [year],
    );
    return rows.map((r) => r.id);
  }

  /** Trips of the year that have left (departure on or before `today`) and were not cancelled. */
  async departedTripsOfYear(year: number, today: string): Promise<CountedRecord[]> {
    const rows: { id: string; on: string; label: string }[] = await this.dataSource.query(
      `SELECT id, to_char(departure_date, 'YYYY-MM-DD') AS on,
              concat_ws(' ', destination_province, destination_city, employer_name) AS label
         FROM export_trips
        WHERE cancelled_at IS NULL AND extract(year FROM departure_date) = $1 AND departure_date <= $2::date
        ORDER BY departure_date, id`,
      [year, today],
    );
    return rows.map((r) => ({ id: r.id, on: r.on, townshipCode: null, label: r.label }));
  }

  /** People who left on a trip in the year (departed or placed since), each departure once. */
  async departuresOfYear(year: number): Promise<CountedRecord[]> {
    const rows: { trip_id: string; seeker_user_id: string; on: string; label: string }[] =
      await this.dataSource.query(
        `SELECT p.trip_id, p.seeker_user_id, to_char(p.departed_on, 'YYYY-MM-DD') AS on,
              concat_ws(' ', t.destination_province, t.destination_city, t.employer_name) AS label
         FROM export_trip_participants p JOIN export_trips t ON t.id = p.trip_id
        WHERE p.status IN ('departed', 'placed') AND t.cancelled_at IS NULL AND extract(year FROM p.departed_on) = $1
        ORDER BY p.departed_on, p.trip_id, p.seeker_user_id`,
        [year],
      );
    return rows.map((r) => ({
      id: `${r.trip_id}:${r.seeker_user_id}`,
      on: r.on,
      townshipCode: null,
      label: r.label,
      personId: r.seeker_user_id,
    }));
  }
}
