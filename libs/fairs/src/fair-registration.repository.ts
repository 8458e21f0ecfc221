import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CountedRecord } from '@app/platform';
import type { EmployerRegistrationStatus, FairOutcomeKind, SeekerRegistrationStatus } from './fair.rules';

export interface FairOutcomeRecord {
  id: string;
  fairId: string;
  employerOrganisationId: string;
  seekerUserId: string;
  kind: FairOutcomeKind;
  placementId: string | null;
  createdAt: Date;
}

interface OutcomeRow {
  id: string;
  fair_id: string;
  employer_organisation_id: string;
  seeker_user_id: string;
  kind: FairOutcomeKind;
  placement_id: string | null;
  created_at: Date;
}

const outcome = (r: OutcomeRow): FairOutcomeRecord => ({
  id: r.id,
  fairId: r.fair_id,
  employerOrganisationId: r.employer_organisation_id,
  seekerUserId: r.seeker_user_id,
  kind: r.kind,
  placementId: r.placement_id,
  createdAt: r.created_at,
});

export interface SeekerRegistrationRecord {
  id: string;
  fairId: string;
  seekerUserId: string;
  status: SeekerRegistrationStatus;
  waitlistSeq: number | null;
  /** 1 for the first on the waiting list; null unless waitlisted. */
  waitlistPosition: number | null;
  walkIn: boolean;
  ticketCode: string;
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  checkedInAt: Date | null;
}

export interface EmployerRegistrationRecord {
  id: string;
  fairId: string;
  employerOrganisationId: string;
  jobPostIds: string[];
  places: number;
  staffNames: string[];
  status: EmployerRegistrationStatus;
  boothNo: number | null;
  attendance: 'present' | 'no-show' | null;
  decisionReason: string | null;
  createdAt: Date;
}

const SEEKER_SELECT = `
  SELECT r.id, r.fair_id, r.seeker_user_id, r.status, r.waitlist_seq, r.walk_in, r.ticket_code, r.created_at,
         r.confirmed_at, r.cancelled_at, c.checked_in_at,
         CASE WHEN r.status = 'waitlisted' THEN (
           SELECT count(*)::int FROM fair_seeker_registrations w
            WHERE w.fair_id = r.fair_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq)
         END AS waitlist_position
    FROM fair_seeker_registrations r LEFT JOIN fair_check_ins c ON c.registration_id = r.id`;

interface SeekerRow {
  id: string;
  fair_id: string;
  seeker_user_id: string;
  status: SeekerRegistrationStatus;
  waitlist_seq: number | null;
  waitlist_position: number | null;
  walk_in: boolean;
  ticket_code: string;
  created_at: Date;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  checked_in_at: Date | null;
}

const seeker = (r: SeekerRow): SeekerRegistrationRecord => ({
  id: r.id,
  fairId: r.fair_id,
  seekerUserId: r.seeker_user_id,
  status: r.status,
  waitlistSeq: r.waitlist_seq,
  waitlistPosition: r.waitlist_position,
  walkIn: r.walk_in,
  ticketCode: r.ticket_code,
  createdAt: r.created_at,
  confirmedAt: r.confirmed_at,
  cancelledAt: r.cancelled_at,
  checkedInAt: r.checked_in_at,
});

export interface InterviewSlotRecord {
  id: string;
  fairId: string;
  employerRegistrationId: string;
  employerOrganisationId: string;
  boothNo: number | null;
  startsAt: Date;
  endsAt: Date;
  seekerUserId: string | null;
}

const SLOT_SELECT = `
  SELECT s.id, s.fair_id, s.employer_registration_id, e.employer_organisation_id, e.booth_no, s.starts_at, s.ends_at,
         s.seeker_user_id
    FROM fair_interview_slots s JOIN fair_employer_registrations e ON e.id = s.employer_registration_id`;

interface SlotRow {
  id: string;
  fair_id: string;
  employer_registration_id: string;
  employer_organisation_id: string;
  booth_no: number | null;
  starts_at: Date;
  ends_at: Date;
  seeker_user_id: string | null;
}

const slot = (r: SlotRow): InterviewSlotRecord => ({
  id: r.id,
  fairId: r.fair_id,
  employerRegistrationId: r.employer_registration_id,
  employerOrganisationId: r.employer_organisation_id,
  boothNo: r.booth_no,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  seekerUserId: r.seeker_user_id,
});

const EMPLOYER_SELECT = `
  SELECT id, fair_id, employer_organisation_id, job_post_ids, places, staff_names, status, booth_no, attendance,
         decision_reason, created_at
    FROM fair_employer_registrations`;

interface EmployerRow {
  id: string;
  fair_id: string;
  employer_organisation_id: string;
  job_post_ids: string[];
  places: number;
  staff_names: string[];
  status: EmployerRegistrationStatus;
  booth_no: number | null;
  attendance: 'present' | 'no-show' | null;
  decision_reason: string | null;
  created_at: Date;
}

const employer = (r: EmployerRow): EmployerRegistrationRecord => ({
  id: r.id,
  fairId: r.fair_id,
  employerOrganisationId: r.employer_organisation_id,
  jobPostIds: r.job_post_ids,
  places: r.places,
  staffNames: r.staff_names,
  status: r.status,
  boothNo: r.booth_no,
  attendance: r.attendance,
  decisionReason: r.decision_reason,
  createdAt: r.created_at,
});

/** What a fair's report counts of its registrations and door. */
export interface FairCounts {
  seekers: { confirmed: number; waitlisted: number; cancelled: number; walkIns: number; present: number };
  employers: { registered: number; approved: number; rejected: number; present: number; noShow: number };
  posts: number;
  places: number;
  scans: { total: number; duplicates: number; unknown: number; offline: number };
  outcomes: { intention: number; interview: number; offer: number; hired: number };
  booth: { visits: number; resumes: number; slots: number; interviewsBooked: number };
  presentSeekerIds: string[];
}

/**
 * `fair_seeker_registrations`, `fair_employer_registrations`, `fair_scans` and `fair_check_ins`
 * (fairs'): the only place their SQL is written.
 */
@Injectable()
export class FairRegistrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // ---- seekers ----

  async activeOfSeeker(
    m: EntityManager,
    fairId: string,
    seekerUserId: string,
  ): Promise<SeekerRegistrationRecord | null> {
    const rows: SeekerRow[] = await m.query(
      `${SEEKER_SELECT} WHERE r.fair_id = $1 AND r.seeker_user_id = $2 AND r.status <> 'cancelled'`,
      [fairId, seekerUserId],
    );
    return rows[0] ? seeker(rows[0]) : null;
  }

  async seekerRegistration(id: string, m?: EntityManager): Promise<SeekerRegistrationRecord | null> {
    const rows: SeekerRow[] = await this.m(m).query(`${SEEKER_SELECT} WHERE r.id = $1`, [id]);
    return rows[0] ? seeker(rows[0]) : null;
  }

  async insertSeeker(
    m: EntityManager,
    r: {
      fairId: string;
      seekerUserId: string;
      status: 'confirmed' | 'waitlisted';
      waitlistSeq: number | null;
      walkIn: boolean;
      ticketCode: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO fair_seeker_registrations (fair_id, seeker_user_id, status, waitlist_seq, walk_in, ticket_code, confirmed_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $3 = 'confirmed' THEN now() END) RETURNING id`,
      [r.fairId, r.seekerUserId, r.status, r.waitlistSeq, r.walkIn, r.ticketCode],
    );
    return rows[0].id;
  }

  async cancelSeeker(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE fair_seeker_registrations SET status = 'cancelled', waitlist_seq = NULL, cancelled_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** Confirms the first on the waiting list; answers it, or null when the list is empty. */
  async promoteFirst(m: EntityManager, fairId: string): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      // In a CTE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with the rows.
      `WITH promoted AS (
         UPDATE fair_seeker_registrations SET status = 'confirmed', waitlist_seq = NULL, confirmed_at = now()
          WHERE id = (SELECT id FROM fair_seeker_registrations WHERE fair_id = $1 AND status = 'waitlisted'
                       ORDER BY waitlist_seq LIMIT 1)
          RETURNING id)
       SELECT id FROM promoted`,
      [fairId],
    );
    return rows[0]?.id ?? null;
  }

  async seekersOfFair(
    fairId: string,
    f: { status?: SeekerRegistrationStatus },
    limit: number,
    offset: number,
  ): Promise<{ rows: SeekerRegistrationRecord[]; total: number }> {
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM fair_seeker_registrations r WHERE r.fair_id = $1 AND ($2::text IS NULL OR r.status = $2)`,
      [fairId, f.status ?? null],
    );
    const rows: SeekerRow[] = await this.dataSource.query(
      `${SEEKER_SELECT} WHERE r.fair_id = $1 AND ($2::text IS NULL OR r.status = $2)
        ORDER BY r.status, r.waitlist_seq NULLS FIRST, r.created_at, r.id LIMIT $3 OFFSET $4`,
      [fairId, f.status ?? null, limit, offset],
    );
    return { rows: rows.map(seeker), total };
  }

  async ofSeeker(seekerUserId: string): Promise<SeekerRegistrationRecord[]> {
    const rows: SeekerRow[] = await this.dataSource.query(
      `${SEEKER_SELECT} WHERE r.seeker_user_id = $1 ORDER BY r.created_at DESC`,
      [seekerUserId],
    );
    return rows.map(seeker);
  }

  // ---- employers ----

  async insertEmployer(
    m: EntityManager,
    r: {
      fairId: string;
      employerOrganisationId: string;
      jobPostIds: string[];
      places: number;
      staffNames: string[];
      createdBy: string;
    },
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO fair_employer_registrations (fair_id, employer_organisation_id, job_post_ids, places, staff_names, created_by)
       VALUES ($1, $2, $3::uuid[], $4, $5::text[], $6)
       ON CONFLICT (fair_id, employer_organisation_id) WHERE status IN ('pending', 'approved') DO NOTHING
       RETURNING id`,
      [r.fairId, r.employerOrganisationId, r.jobPostIds, r.places, r.staffNames, r.createdBy],
    );
    return rows[0]?.id ?? null;
  }

  async employerRegistration(
    id: string,
    m?: EntityManager,
    lock = false,
  ): Promise<EmployerRegistrationRecord | null> {
    const rows: EmployerRow[] = await this.m(m).query(
      `${EMPLOYER_SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? employer(rows[0]) : null;
  }

  async activeOfEmployer(
    fairId: string,
    employerId: string,
    m?: EntityManager,
  ): Promise<EmployerRegistrationRecord | null> {
    const rows: EmployerRow[] = await this.m(m).query(
      `${EMPLOYER_SELECT} WHERE fair_id = $1 AND employer_organisation_id = $2 AND status IN ('pending', 'approved')`,
      [fairId, employerId],
    );
    return rows[0] ? employer(rows[0]) : null;
  }

  async employersOfFair(
    fairId: string,
    only?: { employerIds: readonly string[] },
  ): Promise<EmployerRegistrationRecord[]> {
    const rows: EmployerRow[] = await this.dataSource.query(
      `${EMPLOYER_SELECT} WHERE fair_id = $1 AND ($2::uuid[] IS NULL OR employer_organisation_id = ANY($2::uuid[]))
        ORDER BY booth_no NULLS LAST, created_at, id`,
      [fairId, only ? [...only.employerIds] : null],
    );
    return rows.map(employer);
  }

  async ofEmployer(employerId: string): Promise<EmployerRegistrationRecord[]> {
    const rows: EmployerRow[] = await this.dataSource.query(
      `${EMPLOYER_SELECT} WHERE employer_organisation_id = $1 ORDER BY created_at DESC`,
      [employerId],
    );
    return rows.map(employer);
  }

  /** The lowest booth number of the fair nobody holds (the caller holds the fair's lock). */
  async freeBooth(m: EntityManager, fairId: string, boothCount: number): Promise<number | null> {
    const rows: { n: number }[] = await m.query(
      `SELECT n FROM generate_series(1, $2::int) AS n
        WHERE NOT EXISTS (SELECT 1 FROM fair_employer_registrations WHERE fair_id = $1 AND booth_no = n)
        ORDER BY n LIMIT 1`,
      [fairId, boothCount],
    );
    return rows[0]?.n ?? null;
  }

  async decideEmployer(
    m: EntityManager,
    id: string,
    d: { status: 'approved' | 'rejected'; boothNo: number | null; reason: string | null; by: string },
  ): Promise<void> {
    await m.query(
      `UPDATE fair_employer_registrations
          SET status = $2, booth_no = $3, decision_reason = $4, decided_by = $5, decided_at = now()
        WHERE id = $1`,
      [id, d.status, d.boothNo, d.reason, d.by],
    );
  }

  async setEmployerAttendance(
    m: EntityManager,
    id: string,
    attendance: 'present' | 'no-show',
  ): Promise<void> {
    await m.query(`UPDATE fair_employer_registrations SET attendance = $2 WHERE id = $1`, [id, attendance]);
  }

  // ---- the door ----

  /**
   * One online scan in one statement: the scan kept once by (device, nonce), and the attendance
   * inserted unless the person has one. Answers the registration, this scan's attendance time when
   * it made one, and the attendance that was there before (`null` both: unknown ticket).
   */
  async checkIn(
    fairId: string,
    s: { ticketCode: string; nonce: string; deviceId: string; scannedAt: Date | null },
  ): Promise<{
    registrationId: string | null;
    insertedAt: Date | null;
    existing: { checkedInAt: Date; deviceId: string; nonce: string } | null;
  }> {
    const rows: {
      registration_id: string | null;
      inserted_at: Date | null;
      existing_at: Date | null;
      existing_device: string | null;
      existing_nonce: string | null;
    }[] = await this.prepared(
      'fairs.check-in',
      `WITH reg AS (
         SELECT id FROM fair_seeker_registrations
          WHERE ticket_code = $2 AND fair_id = $1 AND status = 'confirmed'),
       scan AS (
         INSERT INTO fair_scans (fair_id, device_id, nonce, ticket_code, registration_id, scanned_at, offline)
         VALUES ($1, $4, $3, $2, (SELECT id FROM reg), COALESCE($5::timestamptz, now()), false)
         ON CONFLICT DO NOTHING),
       ins AS (
         INSERT INTO fair_check_ins (registration_id, fair_id, checked_in_at, device_id, nonce)
         SELECT id, $1, COALESCE($5::timestamptz, now()), $4, $3 FROM reg
         ON CONFLICT (registration_id) DO NOTHING
         RETURNING registration_id, checked_in_at)
       SELECT reg.id AS registration_id, ins.checked_in_at AS inserted_at, c.checked_in_at AS existing_at,
              c.device_id AS existing_device, c.nonce AS existing_nonce
         FROM (SELECT 1) one
         LEFT JOIN reg ON true
         LEFT JOIN ins ON true
         LEFT JOIN fair_check_ins c ON c.registration_id = reg.id`,
      [fairId, s.ticketCode, s.nonce, s.deviceId, s.scannedAt],
    );
    const r = rows[0];
    return {
      registrationId: r?.registration_id ?? null,
      insertedAt: r?.inserted_at ?? null,
      existing:
        r?.existing_at && r.existing_device !== null && r.existing_nonce !== null
          ? { checkedInAt: r.existing_at, deviceId: r.existing_device, nonce: r.existing_nonce }
          : null,
    };
  }

  /**
   * A named (prepared) statement on pg's pool: the door's one statement is parsed and planned once
   * per connection instead of once per scan — the scan path's largest cost in Postgres.
   */
  private async prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const pool = (
      this.dataSource.driver as unknown as { master: { query(q: object): Promise<{ rows: T[] }> } }
    ).master;
    return (await pool.query({ name, text, values })).rows;
  }

  async checkInOf(
    registrationId: string,
  ): Promise<{ checkedInAt: Date; deviceId: string; nonce: string } | null> {
    const rows: { checked_in_at: Date; device_id: string; nonce: string }[] = await this.dataSource.query(
      `SELECT checked_in_at, device_id, nonce FROM fair_check_ins WHERE registration_id = $1`,
      [registrationId],
    );
    return rows[0]
      ? { checkedInAt: rows[0].checked_in_at, deviceId: rows[0].device_id, nonce: rows[0].nonce }
      : null;
  }

  /**
   * An offline device's scans, in the caller's transaction: each (device, nonce) kept once; the
   * attendance of each person at the earliest scan known (an earlier scan arriving late moves it).
   * Answers how many scans of the upload now hold their person's attendance, and how many are of
   * no confirmed ticket of this fair.
   */
  async checkInBatch(
    m: EntityManager,
    fairId: string,
    deviceId: string,
    scans: readonly { ticketCode: string; nonce: string; scannedAt: Date }[],
  ): Promise<{ unknown: number; attendances: number }> {
    const rows: { unknown: number; attendances: number }[] = await m.query(
      `WITH input AS (
         SELECT x.ticket_code, x.nonce, x.scanned_at FROM jsonb_to_recordset($3::jsonb)
             AS x(ticket_code text, nonce text, scanned_at timestamptz)),
       resolved AS (
         SELECT i.*, r.id AS registration_id FROM input i
           LEFT JOIN fair_seeker_registrations r
             ON r.ticket_code = i.ticket_code AND r.fair_id = $1 AND r.status = 'confirmed'),
       fresh AS (
         INSERT INTO fair_scans (fair_id, device_id, nonce, ticket_code, registration_id, scanned_at, offline)
         SELECT $1, $2, nonce, ticket_code, registration_id, scanned_at, true FROM resolved
         ON CONFLICT DO NOTHING
         RETURNING nonce, registration_id, scanned_at),
       earliest AS (
         SELECT DISTINCT ON (registration_id) registration_id, scanned_at, nonce FROM fresh
          WHERE registration_id IS NOT NULL ORDER BY registration_id, scanned_at, nonce),
       attended AS (
         INSERT INTO fair_check_ins (registration_id, fair_id, checked_in_at, device_id, nonce)
         SELECT registration_id, $1, scanned_at, $2, nonce FROM earliest
         ON CONFLICT (registration_id) DO UPDATE
            SET checked_in_at = EXCLUDED.checked_in_at, device_id = EXCLUDED.device_id, nonce = EXCLUDED.nonce,
                recorded_at = now()
          WHERE EXCLUDED.checked_in_at < fair_check_ins.checked_in_at
         RETURNING registration_id)
       SELECT (SELECT count(*)::int FROM resolved WHERE registration_id IS NULL) AS unknown,
              (SELECT count(*)::int FROM attended) AS attendances`,
      [
        fairId,
        deviceId,
        JSON.stringify(
          scans.map((s) => ({ ticket_code: s.ticketCode, nonce: s.nonce, scanned_at: s.scannedAt })),
        ),
      ],
    );
    return rows[0];
  }

  // ---- outcomes ----

  /** Records a step once (a repeat answers the first); answers the row's id and whether it is new. */
  async insertOutcome(
    m: EntityManager,
    o: {
      fairId: string;
      employerOrganisationId: string;
      seekerUserId: string;
      kind: FairOutcomeKind;
      placementId: string | null;
      recordedBy: string;
    },
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO fair_outcomes (fair_id, employer_organisation_id, seeker_user_id, kind, placement_id, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ON CONSTRAINT fair_outcomes_once DO NOTHING RETURNING id`,
      [o.fairId, o.employerOrganisationId, o.seekerUserId, o.kind, o.placementId, o.recordedBy],
    );
    return rows[0]?.id ?? null;
  }

  async outcome(
    fairId: string,
    employerId: string,
    seekerUserId: string,
    kind: FairOutcomeKind,
    m?: EntityManager,
  ): Promise<FairOutcomeRecord | null> {
    const rows: OutcomeRow[] = await this.m(m).query(
      `SELECT id, fair_id, employer_organisation_id, seeker_user_id, kind, placement_id, created_at FROM fair_outcomes
        WHERE fair_id = $1 AND employer_organisation_id = $2 AND seeker_user_id = $3 AND kind = $4`,
      [fairId, employerId, seekerUserId, kind],
    );
    return rows[0] ? outcome(rows[0]) : null;
  }

  async outcomesOfFair(fairId: string, employerId?: string): Promise<FairOutcomeRecord[]> {
    const rows: OutcomeRow[] = await this.dataSource.query(
      `SELECT id, fair_id, employer_organisation_id, seeker_user_id, kind, placement_id, created_at FROM fair_outcomes
        WHERE fair_id = $1 AND ($2::uuid IS NULL OR employer_organisation_id = $2::uuid) ORDER BY created_at, id`,
      [fairId, employerId ?? null],
    );
    return rows.map(outcome);
  }

  /** Hires through fairs: per fair, or for every fair starting in a year (China time). */
  async hiresOfYear(year: number): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM fair_outcomes o JOIN fairs f ON f.id = o.fair_id
        WHERE o.kind = 'hired' AND EXTRACT(YEAR FROM f.starts_at AT TIME ZONE 'Asia/Shanghai') = $1`,
      [year],
    );
    return n;
  }

  /** The hires made at the year's fairs that took place (held or reported), each on its fair's day. */
  async hireRecordsOfYear(year: number): Promise<CountedRecord[]> {
    const rows: {
      id: string;
      on: string;
      township_code: string | null;
      title: string;
      seeker_user_id: string;
    }[] = await this.dataSource.query(
      `SELECT o.id, to_char(f.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS on, f.township_code, f.title,
                o.seeker_user_id
           FROM fair_outcomes o JOIN fairs f ON f.id = o.fair_id
          WHERE o.kind = 'hired' AND f.status IN ('held', 'reported')
            AND EXTRACT(YEAR FROM f.starts_at AT TIME ZONE 'Asia/Shanghai') = $1
          ORDER BY f.starts_at, o.created_at, o.id`,
      [year],
    );
    return rows.map((r) => ({
      id: r.id,
      on: r.on,
      townshipCode: r.township_code,
      label: r.title,
      personId: r.seeker_user_id,
    }));
  }

  // ---- at the booth ----

  /** Adds slots to an enterprise's booth; a slot it offers already (same start) is skipped. */
  async insertSlots(
    m: EntityManager,
    fairId: string,
    registrationId: string,
    slots: readonly { startsAt: Date; endsAt: Date }[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO fair_interview_slots (fair_id, employer_registration_id, starts_at, ends_at)
       SELECT $1, $2, s.starts_at, s.ends_at FROM jsonb_to_recordset($3::jsonb) AS s(starts_at timestamptz, ends_at timestamptz)
       ON CONFLICT ON CONSTRAINT fair_slot_once DO NOTHING`,
      [
        fairId,
        registrationId,
        JSON.stringify(slots.map((x) => ({ starts_at: x.startsAt, ends_at: x.endsAt }))),
      ],
    );
  }

  async slotsOfFair(fairId: string, registrationId?: string): Promise<InterviewSlotRecord[]> {
    const rows: SlotRow[] = await this.dataSource.query(
      `${SLOT_SELECT} WHERE s.fair_id = $1 AND ($2::uuid IS NULL OR s.employer_registration_id = $2::uuid)
        ORDER BY s.starts_at, e.booth_no, s.id`,
      [fairId, registrationId ?? null],
    );
    return rows.map(slot);
  }

  async slot(id: string, m?: EntityManager): Promise<InterviewSlotRecord | null> {
    const rows: SlotRow[] = await this.m(m).query(`${SLOT_SELECT} WHERE s.id = $1`, [id]);
    return rows[0] ? slot(rows[0]) : null;
  }

  /**
   * Books a free slot for the seeker in one statement: of two seekers for the last slot, one gets
   * it. Answers false when the slot was taken; a seeker's overlapping slot surfaces as 23P01.
   */
  async book(id: string, seekerUserId: string): Promise<boolean> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH booked AS (
         UPDATE fair_interview_slots SET seeker_user_id = $2, booked_at = now()
          WHERE id = $1 AND seeker_user_id IS NULL RETURNING id)
       SELECT id FROM booked`,
      [id, seekerUserId],
    );
    return rows.length === 1;
  }

  async unbook(id: string, seekerUserId: string): Promise<boolean> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH freed AS (
         UPDATE fair_interview_slots SET seeker_user_id = NULL, booked_at = NULL
          WHERE id = $1 AND seeker_user_id = $2 RETURNING id)
       SELECT id FROM freed`,
      [id, seekerUserId],
    );
    return rows.length === 1;
  }

  /** A seeker's confirmed registration for the fair, by ticket (the booth scanner). */
  async confirmedByTicket(fairId: string, ticketCode: string): Promise<SeekerRegistrationRecord | null> {
    const rows: SeekerRow[] = await this.dataSource.query(
      `${SEEKER_SELECT} WHERE r.fair_id = $1 AND r.ticket_code = $2 AND r.status = 'confirmed'`,
      [fairId, ticketCode],
    );
    return rows[0] ? seeker(rows[0]) : null;
  }

  /** Records a visit once; a second scan may only add that the résumé was received. */
  async recordVisit(
    fairId: string,
    registrationId: string,
    seekerUserId: string,
    resumeReceived: boolean,
    by: string,
  ): Promise<{ visitedAt: Date; resumeReceived: boolean; created: boolean }> {
    const rows: { visited_at: Date; resume_received: boolean; created: boolean }[] =
      await this.dataSource.query(
        `INSERT INTO fair_booth_visits (fair_id, employer_registration_id, seeker_user_id, resume_received, recorded_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT fair_visit_once DO UPDATE
          SET resume_received = fair_booth_visits.resume_received OR EXCLUDED.resume_received
       RETURNING visited_at, resume_received, (xmax = 0) AS created`,
        [fairId, registrationId, seekerUserId, resumeReceived, by],
      );
    return {
      visitedAt: rows[0].visited_at,
      resumeReceived: rows[0].resume_received,
      created: rows[0].created,
    };
  }

  async visitsOf(
    registrationId: string,
  ): Promise<{ seekerUserId: string; visitedAt: Date; resumeReceived: boolean }[]> {
    const rows: { seeker_user_id: string; visited_at: Date; resume_received: boolean }[] =
      await this.dataSource.query(
        `SELECT seeker_user_id, visited_at, resume_received FROM fair_booth_visits WHERE employer_registration_id = $1
        ORDER BY visited_at DESC`,
        [registrationId],
      );
    return rows.map((r) => ({
      seekerUserId: r.seeker_user_id,
      visitedAt: r.visited_at,
      resumeReceived: r.resume_received,
    }));
  }

  // ---- counting ----

  async counts(fairId: string): Promise<FairCounts> {
    const [row]: {
      confirmed: number;
      waitlisted: number;
      cancelled: number;
      walk_ins: number;
      present: number;
      registered: number;
      approved: number;
      rejected: number;
      employers_present: number;
      no_show: number;
      posts: number;
      places: number;
      scans: number;
      known_scans: number;
      offline_scans: number;
      intention: number;
      interview: number;
      offer: number;
      hired: number;
      visits: number;
      resumes: number;
      slots: number;
      booked: number;
      present_ids: string[];
    }[] = await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM fair_seeker_registrations WHERE fair_id = $1 AND status = 'confirmed') AS confirmed,
         (SELECT count(*)::int FROM fair_seeker_registrations WHERE fair_id = $1 AND status = 'waitlisted') AS waitlisted,
         (SELECT count(*)::int FROM fair_seeker_registrations WHERE fair_id = $1 AND status = 'cancelled') AS cancelled,
         (SELECT count(*)::int FROM fair_seeker_registrations WHERE fair_id = $1 AND walk_in) AS walk_ins,
         (SELECT count(*)::int FROM fair_check_ins WHERE fair_id = $1) AS present,
         (SELECT count(*)::int FROM fair_employer_registrations WHERE fair_id = $1 AND status <> 'withdrawn') AS registered,
         (SELECT count(*)::int FROM fair_employer_registrations WHERE fair_id = $1 AND status = 'approved') AS approved,
         (SELECT count(*)::int FROM fair_employer_registrations WHERE fair_id = $1 AND status = 'rejected') AS rejected,
         (SELECT count(*)::int FROM fair_employer_registrations WHERE fair_id = $1 AND attendance = 'present') AS employers_present,
         (SELECT count(*)::int FROM fair_employer_registrations WHERE fair_id = $1 AND attendance = 'no-show') AS no_show,
         (SELECT COALESCE(sum(cardinality(job_post_ids)), 0)::int FROM fair_employer_registrations
           WHERE fair_id = $1 AND status = 'approved') AS posts,
         (SELECT COALESCE(sum(places), 0)::int FROM fair_employer_registrations WHERE fair_id = $1 AND status = 'approved') AS places,
         (SELECT count(*)::int FROM fair_scans WHERE fair_id = $1) AS scans,
         (SELECT count(*)::int FROM fair_scans WHERE fair_id = $1 AND registration_id IS NOT NULL) AS known_scans,
         (SELECT count(*)::int FROM fair_scans WHERE fair_id = $1 AND offline) AS offline_scans,
         (SELECT count(*)::int FROM fair_outcomes WHERE fair_id = $1 AND kind = 'intention') AS intention,
         (SELECT count(*)::int FROM fair_outcomes WHERE fair_id = $1 AND kind = 'interview') AS interview,
         (SELECT count(*)::int FROM fair_outcomes WHERE fair_id = $1 AND kind = 'offer') AS offer,
         (SELECT count(*)::int FROM fair_outcomes WHERE fair_id = $1 AND kind = 'hired') AS hired,
         (SELECT count(*)::int FROM fair_booth_visits WHERE fair_id = $1) AS visits,
         (SELECT count(*)::int FROM fair_booth_visits WHERE fair_id = $1 AND resume_received) AS resumes,
         (SELECT count(*)::int FROM fair_interview_slots WHERE fair_id = $1) AS slots,
         (SELECT count(*)::int FROM fair_interview_slots WHERE fair_id = $1 AND seeker_user_id IS NOT NULL) AS booked,
         (SELECT COALESCE(array_agg(r.seeker_user_id), '{}') FROM fair_check_ins c
            JOIN fair_seeker_registrations r ON r.id = c.registration_id WHERE c.fair_id = $1) AS present_ids`,
      [fairId],
    );
    return {
      seekers: {
        confirmed: row.confirmed,
        waitlisted: row.waitlisted,
        cancelled: row.cancelled,
        walkIns: row.walk_ins,
        present: row.present,
      },
      employers: {
        registered: row.registered,
        approved: row.approved,
        rejected: row.rejected,
        present: row.employers_present,
        noShow: row.no_show,
      },
      posts: row.posts,
      places: row.places,
      scans: {
        total: row.scans,
        duplicates: row.known_scans - row.present,
        unknown: row.scans - row.known_scans,
        offline: row.offline_scans,
      },
      outcomes: { intention: row.intention, interview: row.interview, offer: row.offer, hired: row.hired },
      booth: { visits: row.visits, resumes: row.resumes, slots: row.slots, interviewsBooked: row.booked },
      presentSeekerIds: row.present_ids,
    };
  }
}
