import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Coalescer, UUID_PATTERN } from '@app/platform';
import { TOWNSHIPS, distanceMetres, townshipByCode } from '@app/platform/geo';
import type { ScreeningFlag } from '@app/screening';
import type {
  AcceptanceStatus,
  DisputeKind,
  GigStatus,
  PayUnit,
  PosterKind,
  ReportReason,
} from './gig.rules';

export interface GigRecord {
  id: string;
  title: string;
  trade: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  townshipCode: string;
  address: string | null;
  payFen: number;
  payUnit: PayUnit;
  headcount: number;
  accepted: number;
  ageMax: number | null;
  olderWorkersWelcome: boolean;
  certificates: string[];
  contactName: string | null;
  contactPhoneEnc: Buffer | null;
  posterUserId: string;
  posterOrganisationId: string | null;
  posterKind: PosterKind;
  onBehalfOf: string | null;
  status: GigStatus;
  screeningFlags: ScreeningFlag[];
  reviewNote: string | null;
  reviewedAt: Date | null;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewGig = Omit<
  GigRecord,
  'id' | 'accepted' | 'reviewNote' | 'reviewedAt' | 'cancelReason' | 'createdAt' | 'updatedAt'
>;

export interface AcceptanceRecord {
  id: string;
  gigId: string;
  workerUserId: string;
  status: AcceptanceStatus;
  invitedBy: string | null;
  invitedAt: Date | null;
  acceptedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  checkedInAt: Date | null;
  checkInTownship: string | null;
  checkedOutAt: Date | null;
  checkOutTownship: string | null;
  completedAt: Date | null;
  noShow: boolean;
  wagePaidFen: number | null;
  wagePaidAt: Date | null;
  wageReceivedAt: Date | null;
  createdAt: Date;
}

export interface AvailabilityRecord {
  workerUserId: string;
  trades: string[];
  weekdays: number[];
  townshipCodes: string[];
  homeTownship: string;
  expectedPayFen: number | null;
  payUnit: PayUnit | null;
  note: string | null;
  active: boolean;
  updatedAt: Date;
}

export interface DisputeRecord {
  id: string;
  acceptanceId: string;
  gigId: string;
  raisedBy: string;
  raisedSide: 'poster' | 'worker';
  kind: DisputeKind;
  description: string;
  status: 'open' | 'resolved';
  outcome: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
}

export interface DisputeEventRecord {
  at: Date;
  byUserId: string;
  kind: 'raised' | 'note' | 'resolved';
  note: string;
}

export interface ReportRecord {
  id: string;
  gigId: string;
  reporterId: string;
  reason: ReportReason;
  note: string | null;
  status: 'open' | 'upheld' | 'dismissed';
  decidedAt: Date | null;
  createdAt: Date;
}

export interface GigPointRecord {
  id: string;
  name: string;
  townshipCode: string;
  address: string;
  openingHours: string;
  trades: string[];
  active: boolean;
}

/** What the Postgres path of the search is asked (the same filters as the index). */
export interface OpenGigCriteria {
  q?: string;
  /** Words of the asked trades and their synonyms: a gig's trade containing any of them matches. */
  tradeWords?: string[];
  townshipCodes?: string[];
  date?: string;
  fromDate: string;
  townshipCode?: string;
  limit: number;
  offset: number;
}

const GIG_COLUMNS = `
  g.id, g.title, g.trade, g.description, to_char(g.gig_date, 'YYYY-MM-DD') AS date,
  to_char(g.start_time, 'HH24:MI') AS start_time, to_char(g.end_time, 'HH24:MI') AS end_time,
  g.township_code, g.address, g.pay_fen, g.pay_unit, g.headcount, g.accepted_count, g.age_max,
  g.older_workers_welcome, g.certificates, g.contact_name, g.contact_phone_enc, g.poster_user_id,
  g.poster_organisation_id, g.poster_kind, g.on_behalf_of, g.status, g.screening_flags,
  g.review_note, g.reviewed_at, g.cancel_reason, g.created_at, g.updated_at`;

type Row = Record<string, unknown>;

function gigOf(r: Row): GigRecord {
  return {
    id: r.id as string,
    title: r.title as string,
    trade: r.trade as string,
    description: r.description as string,
    date: r.date as string,
    startTime: r.start_time as string,
    endTime: r.end_time as string,
    townshipCode: r.township_code as string,
    address: (r.address as string | null) ?? null,
    payFen: Number(r.pay_fen),
    payUnit: r.pay_unit as PayUnit,
    headcount: Number(r.headcount),
    accepted: Number(r.accepted_count),
    ageMax: r.age_max === null ? null : Number(r.age_max),
    olderWorkersWelcome: r.older_workers_welcome as boolean,
    certificates: (r.certificates as string[]) ?? [],
    contactName: (r.contact_name as string | null) ?? null,
    contactPhoneEnc: (r.contact_phone_enc as Buffer | null) ?? null,
    posterUserId: r.poster_user_id as string,
    posterOrganisationId: (r.poster_organisation_id as string | null) ?? null,
    posterKind: r.poster_kind as PosterKind,
    onBehalfOf: (r.on_behalf_of as string | null) ?? null,
    status: r.status as GigStatus,
    screeningFlags: (r.screening_flags as ScreeningFlag[]) ?? [],
    reviewNote: (r.review_note as string | null) ?? null,
    reviewedAt: (r.reviewed_at as Date | null) ?? null,
    cancelReason: (r.cancel_reason as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

const ACCEPTANCE_COLUMNS = `a.id, a.gig_id, a.worker_user_id, a.status, a.invited_by, a.invited_at, a.accepted_at,
  a.ended_at, a.end_reason, a.checked_in_at, a.check_in_township, a.checked_out_at, a.check_out_township,
  a.completed_at, a.no_show, a.wage_paid_fen, a.wage_paid_at, a.wage_received_at, a.created_at`;

function acceptanceOf(r: Row): AcceptanceRecord {
  return {
    id: r.id as string,
    gigId: r.gig_id as string,
    workerUserId: r.worker_user_id as string,
    status: r.status as AcceptanceStatus,
    invitedBy: (r.invited_by as string | null) ?? null,
    invitedAt: (r.invited_at as Date | null) ?? null,
    acceptedAt: (r.accepted_at as Date | null) ?? null,
    endedAt: (r.ended_at as Date | null) ?? null,
    endReason: (r.end_reason as string | null) ?? null,
    checkedInAt: (r.checked_in_at as Date | null) ?? null,
    checkInTownship: (r.check_in_township as string | null) ?? null,
    checkedOutAt: (r.checked_out_at as Date | null) ?? null,
    checkOutTownship: (r.check_out_township as string | null) ?? null,
    completedAt: (r.completed_at as Date | null) ?? null,
    noShow: r.no_show as boolean,
    wagePaidFen: r.wage_paid_fen === null ? null : Number(r.wage_paid_fen),
    wagePaidAt: (r.wage_paid_at as Date | null) ?? null,
    wageReceivedAt: (r.wage_received_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

function availabilityOf(r: Row): AvailabilityRecord {
  return {
    workerUserId: r.worker_user_id as string,
    trades: r.trades as string[],
    weekdays: (r.weekdays as number[]).map(Number),
    townshipCodes: r.township_codes as string[],
    homeTownship: r.home_township as string,
    expectedPayFen: r.expected_pay_fen === null ? null : Number(r.expected_pay_fen),
    payUnit: (r.pay_unit as PayUnit | null) ?? null,
    note: (r.note as string | null) ?? null,
    active: r.active as boolean,
    updatedAt: r.updated_at as Date,
  };
}

function disputeOf(r: Row): DisputeRecord {
  return {
    id: r.id as string,
    acceptanceId: r.acceptance_id as string,
    gigId: r.gig_id as string,
    raisedBy: r.raised_by as string,
    raisedSide: r.raised_side as 'poster' | 'worker',
    kind: r.kind as DisputeKind,
    description: r.description as string,
    status: r.status as 'open' | 'resolved',
    outcome: (r.outcome as string | null) ?? null,
    resolvedBy: (r.resolved_by as string | null) ?? null,
    resolvedAt: (r.resolved_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

/** `CASE township_code WHEN … THEN metres … END`: the distance from one township, in SQL. */
function distanceCase(fromCode: string): string {
  const from = townshipByCode(fromCode);
  if (!from) return '0';
  return `CASE g.township_code ${TOWNSHIPS.map((t) => `WHEN '${t.code}' THEN ${distanceMetres(from, t)}`).join(' ')} ELSE 1000000 END`;
}

/** The gig market's tables: this file alone holds their SQL. */
@Injectable()
export class GigRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(m?: EntityManager): EntityManager {
    return m ?? this.dataSource.manager;
  }

  // ---- gigs ----

  async insert(m: EntityManager, g: NewGig): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO gigs (title, trade, description, gig_date, start_time, end_time, township_code, address,
         pay_fen, pay_unit, headcount, age_max, older_workers_welcome, certificates, contact_name,
         contact_phone_enc, poster_user_id, poster_organisation_id, poster_kind, on_behalf_of, status,
         screening_flags)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22)
       RETURNING id`,
      [
        g.title,
        g.trade,
        g.description,
        g.date,
        g.startTime,
        g.endTime,
        g.townshipCode,
        g.address,
        g.payFen,
        g.payUnit,
        g.headcount,
        g.ageMax,
        g.olderWorkersWelcome,
        g.certificates,
        g.contactName,
        g.contactPhoneEnc,
        g.posterUserId,
        g.posterOrganisationId,
        g.posterKind,
        g.onBehalfOf,
        g.status,
        JSON.stringify(g.screeningFlags),
      ],
    );
    return rows[0].id;
  }

  async get(id: string, m?: EntityManager, lock = false): Promise<GigRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT ${GIG_COLUMNS} FROM gigs g WHERE g.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? gigOf(rows[0]) : null;
  }

  async many(ids: readonly string[], m?: EntityManager): Promise<GigRecord[]> {
    if (ids.length === 0) return [];
    const rows: Row[] = await this.q(m).query(
      `SELECT ${GIG_COLUMNS} FROM gigs g WHERE g.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(gigOf);
  }

  async setStatus(
    m: EntityManager,
    id: string,
    status: GigStatus,
    extra: { reviewNote?: string | null; reviewedBy?: string; cancelReason?: string } = {},
  ): Promise<void> {
    await m.query(
      `UPDATE gigs SET status = $2, updated_at = now(),
         review_note = COALESCE($3, review_note),
         reviewed_by = COALESCE($4, reviewed_by),
         reviewed_at = CASE WHEN $4::uuid IS NULL THEN reviewed_at ELSE now() END,
         cancel_reason = COALESCE($5, cancel_reason),
         closed_at = CASE WHEN $2 IN ('closed', 'cancelled', 'rejected') THEN now() ELSE closed_at END
       WHERE id = $1`,
      [id, status, extra.reviewNote ?? null, extra.reviewedBy ?? null, extra.cancelReason ?? null],
    );
  }

  /** Moves the taken-places counter by `delta` and the status between open and filled with it. */
  async moveAccepted(
    m: EntityManager,
    id: string,
    delta: 1 | -1,
  ): Promise<{ accepted: number; status: GigStatus }> {
    // A WITH … SELECT: a plain UPDATE … RETURNING answers [rows, count] through TypeORM.
    const rows: { accepted_count: number; status: GigStatus }[] = await m.query(
      `WITH u AS (UPDATE gigs SET accepted_count = accepted_count + $2, updated_at = now(),
         status = CASE
           WHEN status IN ('open', 'filled') AND accepted_count + $2 >= headcount THEN 'filled'
           WHEN status IN ('open', 'filled') THEN 'open'
           ELSE status END
       WHERE id = $1 RETURNING accepted_count, status) SELECT * FROM u`,
      [id, delta],
    );
    return { accepted: Number(rows[0].accepted_count), status: rows[0].status };
  }

  /** An organisation's gigs still to come (open, filled or waiting for review, from `today` on), locked for a take-down. */
  async liveOfOrganisation(m: EntityManager, organisationId: string, today: string): Promise<GigRecord[]> {
    const rows: Row[] = await m.query(
      `SELECT ${GIG_COLUMNS} FROM gigs g
        WHERE g.poster_organisation_id = $1 AND g.status IN ('open', 'filled', 'pending-review')
          AND g.gig_date >= $2::date
        ORDER BY g.id FOR UPDATE`,
      [organisationId, today],
    );
    return rows.map(gigOf);
  }

  /** Organisations that have posted gigs, latest poster first, with their gig counts. */
  async posterOrganisations(
    limit: number,
    offset: number,
    onlyId?: string,
  ): Promise<{
    items: { organisationId: string; gigs: number; liveGigs: number; lastPostedAt: Date }[];
    total: number;
  }> {
    const rows: {
      organisation_id: string;
      gigs: number;
      live_gigs: number;
      last_posted_at: Date;
      total: number;
    }[] = await this.q().query(
      `SELECT poster_organisation_id AS organisation_id, count(*)::int AS gigs,
              count(*) FILTER (WHERE status IN ('open', 'filled', 'pending-review'))::int AS live_gigs,
              max(created_at) AS last_posted_at, count(*) OVER ()::int AS total
         FROM gigs WHERE poster_organisation_id IS NOT NULL AND ($3::uuid IS NULL OR poster_organisation_id = $3)
        GROUP BY poster_organisation_id
        ORDER BY max(created_at) DESC, poster_organisation_id LIMIT $1 OFFSET $2`,
      [limit, offset, onlyId ?? null],
    );
    return {
      items: rows.map((r) => ({
        organisationId: r.organisation_id,
        gigs: r.gigs,
        liveGigs: r.live_gigs,
        lastPostedAt: r.last_posted_at,
      })),
      total: rows[0]?.total ?? 0,
    };
  }

  async ofPoster(
    by: { userId: string; organisationId: string | null },
    limit: number,
    offset: number,
  ): Promise<{ items: GigRecord[]; total: number }> {
    const where = by.organisationId ? `g.poster_organisation_id = $1` : `g.poster_user_id = $1`;
    const key = by.organisationId ?? by.userId;
    const rows: Row[] = await this.q().query(
      `SELECT ${GIG_COLUMNS}, count(*) OVER () AS total FROM gigs g WHERE ${where}
       ORDER BY g.gig_date DESC, g.created_at DESC LIMIT $2 OFFSET $3`,
      [key, limit, offset],
    );
    return { items: rows.map(gigOf), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async list(
    f: { status?: GigStatus; townshipCode?: string; from?: string; to?: string },
    limit: number,
    offset: number,
  ): Promise<{ items: GigRecord[]; total: number }> {
    const rows: Row[] = await this.q().query(
      `SELECT ${GIG_COLUMNS}, count(*) OVER () AS total FROM gigs g
       WHERE ($1::text IS NULL OR g.status = $1) AND ($2::text IS NULL OR g.township_code = $2)
         AND ($3::date IS NULL OR g.gig_date >= $3) AND ($4::date IS NULL OR g.gig_date <= $4)
       ORDER BY CASE WHEN g.status = 'pending-review' THEN 0 ELSE 1 END, g.gig_date DESC, g.created_at DESC
       LIMIT $5 OFFSET $6`,
      [f.status ?? null, f.townshipCode ?? null, f.from ?? null, f.to ?? null, limit, offset],
    );
    return { items: rows.map(gigOf), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  /**
   * The search's Postgres path: open gigs on or after `fromDate` (or on `date`), by words (ILIKE),
   * trades, and ordered by distance from a township, then pay, like the index.
   */
  async searchOpen(c: OpenGigCriteria): Promise<{ items: GigRecord[]; total: number }> {
    const params: unknown[] = [c.fromDate];
    const where = [`g.status = 'open'`, `g.gig_date >= $1`];
    if (c.date) {
      params.push(c.date);
      where.push(`g.gig_date = $${params.length}`);
    }
    if (c.tradeWords?.length) {
      params.push(c.tradeWords.map((w) => `%${w.replace(/[\\%_]/g, (x) => `\\${x}`)}%`));
      where.push(`g.trade ILIKE ANY($${params.length}::text[])`);
    }
    if (c.townshipCodes?.length) {
      params.push(c.townshipCodes);
      where.push(`g.township_code = ANY($${params.length}::text[])`);
    }
    if (c.q) {
      params.push(`%${c.q.replace(/[\\%_]/g, (s) => `\\${s}`)}%`);
      const p = `$${params.length}`;
      where.push(`(g.title ILIKE ${p} OR g.trade ILIKE ${p} OR g.description ILIKE ${p})`);
    }
    const order = c.townshipCode
      ? `${distanceCase(c.townshipCode)}, g.pay_fen DESC, g.id`
      : `g.gig_date, g.pay_fen DESC, g.id`;
    params.push(c.limit, c.offset);
    const rows: Row[] = await this.q().query(
      `SELECT ${GIG_COLUMNS}, count(*) OVER () AS total FROM gigs g WHERE ${where.join(' AND ')}
       ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items: rows.map(gigOf), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  /** Gigs the index must hold (open, not past), in id order, `batchSize` at a time. */
  async *openBatches(fromDate: string, batchSize: number): AsyncGenerator<GigRecord[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Row[] = await this.q().query(
        `SELECT ${GIG_COLUMNS} FROM gigs g WHERE g.status = 'open' AND g.gig_date >= $1 AND g.id > $2
         ORDER BY g.id LIMIT $3`,
        [fromDate, after, batchSize],
      );
      if (rows.length === 0) return;
      yield rows.map(gigOf);
      after = rows[rows.length - 1].id as string;
      if (rows.length < batchSize) return;
    }
  }

  async *idsChangedSince(since: Date, batchSize = 1000): AsyncGenerator<string[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string }[] = await this.q().query(
        `SELECT id FROM gigs WHERE updated_at >= $1 AND id > $2 ORDER BY id LIMIT $3`,
        [since, after, batchSize],
      );
      if (rows.length === 0) return;
      yield rows.map((r) => r.id);
      after = rows[rows.length - 1].id;
      if (rows.length < batchSize) return;
    }
  }

  /** Closes live and waiting gigs whose day is before `today` (SKIP LOCKED: two workers never clash). */
  async closePast(m: EntityManager, today: string, batch: number): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `WITH u AS (UPDATE gigs SET status = 'closed', closed_at = now(), updated_at = now()
       WHERE id IN (SELECT id FROM gigs WHERE status IN ('open', 'filled', 'pending-review') AND gig_date < $1
                    ORDER BY gig_date LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id) SELECT id FROM u`,
      [today, batch],
    );
    return rows.map((r) => r.id);
  }

  // ---- acceptances ----

  async acceptance(gigId: string, workerUserId: string, m?: EntityManager): Promise<AcceptanceRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT ${ACCEPTANCE_COLUMNS} FROM gig_acceptances a WHERE a.gig_id = $1 AND a.worker_user_id = $2`,
      [gigId, workerUserId],
    );
    return rows[0] ? acceptanceOf(rows[0]) : null;
  }

  async acceptanceById(id: string, m?: EntityManager, lock = false): Promise<AcceptanceRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT ${ACCEPTANCE_COLUMNS} FROM gig_acceptances a WHERE a.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? acceptanceOf(rows[0]) : null;
  }

  /** A new acceptance (or invitation), or the worker's earlier one of this gig made current again. */
  async putAcceptance(
    m: EntityManager,
    gigId: string,
    workerUserId: string,
    status: 'accepted' | 'invited',
    invitedBy: string | null,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO gig_acceptances (gig_id, worker_user_id, status, invited_by, invited_at, accepted_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $3 = 'invited' THEN now() END, CASE WHEN $3 = 'accepted' THEN now() END)
       ON CONFLICT (gig_id, worker_user_id) DO UPDATE SET status = EXCLUDED.status,
         invited_by = COALESCE(EXCLUDED.invited_by, gig_acceptances.invited_by),
         invited_at = COALESCE(EXCLUDED.invited_at, gig_acceptances.invited_at),
         accepted_at = EXCLUDED.accepted_at, ended_at = NULL, end_reason = NULL
       RETURNING id`,
      [gigId, workerUserId, status, invitedBy],
    );
    return rows[0].id;
  }

  async endAcceptance(
    m: EntityManager,
    id: string,
    status: 'declined' | 'withdrawn' | 'cancelled',
    reason: string | null,
  ): Promise<void> {
    await m.query(`UPDATE gig_acceptances SET status = $2, ended_at = now(), end_reason = $3 WHERE id = $1`, [
      id,
      status,
      reason,
    ]);
  }

  async acceptInvitation(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE gig_acceptances SET status = 'accepted', accepted_at = now() WHERE id = $1`, [id]);
  }

  /** One step of doing the gig; each column is written once (a repeat changes nothing). */
  async recordStep(
    m: EntityManager,
    id: string,
    step:
      | { kind: 'check-in'; at: Date; townshipCode: string }
      | { kind: 'check-out'; at: Date; townshipCode: string }
      | { kind: 'complete' }
      | { kind: 'no-show' }
      | { kind: 'wage-paid'; fen: number }
      | { kind: 'wage-received' },
  ): Promise<void> {
    switch (step.kind) {
      case 'check-in':
        await m.query(
          `UPDATE gig_acceptances SET checked_in_at = $2, check_in_township = $3 WHERE id = $1 AND checked_in_at IS NULL`,
          [id, step.at, step.townshipCode],
        );
        return;
      case 'check-out':
        await m.query(
          `UPDATE gig_acceptances SET checked_out_at = $2, check_out_township = $3 WHERE id = $1 AND checked_out_at IS NULL`,
          [id, step.at, step.townshipCode],
        );
        return;
      case 'complete':
        await m.query(
          `UPDATE gig_acceptances SET completed_at = now() WHERE id = $1 AND completed_at IS NULL`,
          [id],
        );
        return;
      case 'no-show':
        await m.query(`UPDATE gig_acceptances SET no_show = true WHERE id = $1`, [id]);
        return;
      case 'wage-paid':
        await m.query(
          `UPDATE gig_acceptances SET wage_paid_fen = $2, wage_paid_at = now() WHERE id = $1 AND wage_paid_at IS NULL`,
          [id, step.fen],
        );
        return;
      case 'wage-received':
        await m.query(
          `UPDATE gig_acceptances SET wage_received_at = now() WHERE id = $1 AND wage_received_at IS NULL`,
          [id],
        );
        return;
    }
  }

  async acceptancesOfGig(gigId: string, m?: EntityManager): Promise<AcceptanceRecord[]> {
    const rows: Row[] = await this.q(m).query(
      `SELECT ${ACCEPTANCE_COLUMNS} FROM gig_acceptances a WHERE a.gig_id = $1 ORDER BY a.created_at`,
      [gigId],
    );
    return rows.map(acceptanceOf);
  }

  async acceptancesOfWorker(
    workerUserId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: { acceptance: AcceptanceRecord; gig: GigRecord }[]; total: number }> {
    const rows: Row[] = await this.q().query(
      `SELECT ${ACCEPTANCE_COLUMNS}, count(*) OVER () AS total FROM gig_acceptances a
       JOIN gigs g ON g.id = a.gig_id
       WHERE a.worker_user_id = $1 ORDER BY g.gig_date DESC, a.created_at DESC LIMIT $2 OFFSET $3`,
      [workerUserId, limit, offset],
    );
    const gigs = new Map(
      (await this.many([...new Set(rows.map((r) => r.gig_id as string))])).map((g) => [g.id, g]),
    );
    return {
      items: rows.map((r) => ({
        acceptance: acceptanceOf(r),
        gig: gigs.get(r.gig_id as string) as GigRecord,
      })),
      total: rows[0] ? Number(rows[0].total) : 0,
    };
  }

  // ---- availability ----

  async putAvailability(a: Omit<AvailabilityRecord, 'updatedAt'>, m?: EntityManager): Promise<void> {
    await this.q(m).query(
      `INSERT INTO gig_availability (worker_user_id, trades, weekdays, township_codes, home_township,
         expected_pay_fen, pay_unit, note, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (worker_user_id) DO UPDATE SET trades = EXCLUDED.trades, weekdays = EXCLUDED.weekdays,
         township_codes = EXCLUDED.township_codes, home_township = EXCLUDED.home_township,
         expected_pay_fen = EXCLUDED.expected_pay_fen, pay_unit = EXCLUDED.pay_unit, note = EXCLUDED.note,
         active = EXCLUDED.active, updated_at = now()`,
      [
        a.workerUserId,
        a.trades,
        a.weekdays,
        a.townshipCodes,
        a.homeTownship,
        a.expectedPayFen,
        a.payUnit,
        a.note,
        a.active,
      ],
    );
  }

  /** A worker's availability; the lookups of requests arriving together share one query ("near me" under a crowd). */
  async availability(workerUserId: string): Promise<AvailabilityRecord | null> {
    if (!UUID_PATTERN.test(workerUserId)) return null;
    return (await this.availabilities.run(workerUserId.toLowerCase())) ?? null;
  }

  private readonly availabilities = new Coalescer<string, AvailabilityRecord>(async (ids) => {
    const rows: Row[] = await this.q().query(
      `SELECT * FROM gig_availability WHERE worker_user_id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.worker_user_id as string, availabilityOf(r)]));
  });

  /**
   * Workers free for a gig: active, a trade of the gig's (any of its synonyms), that weekday, and
   * the gig's township among those they reach; nearest home first, those already on it left out.
   */
  async availableFor(
    gig: Pick<GigRecord, 'id' | 'townshipCode'>,
    trades: string[],
    weekday: number,
    limit: number,
  ): Promise<AvailabilityRecord[]> {
    const from = townshipByCode(gig.townshipCode);
    const near = from
      ? `CASE v.home_township ${TOWNSHIPS.map((t) => `WHEN '${t.code}' THEN ${distanceMetres(from, t)}`).join(' ')} ELSE 1000000 END`
      : '0';
    const rows: Row[] = await this.q().query(
      `SELECT v.* FROM gig_availability v
       WHERE v.active AND v.trades && $1::text[] AND $2::smallint = ANY (v.weekdays) AND $3 = ANY (v.township_codes)
         AND NOT EXISTS (SELECT 1 FROM gig_acceptances a WHERE a.gig_id = $4 AND a.worker_user_id = v.worker_user_id
                         AND a.status IN ('accepted', 'invited'))
       ORDER BY ${near}, v.updated_at DESC LIMIT $5`,
      [trades, weekday, gig.townshipCode, gig.id, limit],
    );
    return rows.map(availabilityOf);
  }

  // ---- disputes (劳动权益) ----

  async insertDispute(
    m: EntityManager,
    d: Pick<DisputeRecord, 'acceptanceId' | 'gigId' | 'raisedBy' | 'raisedSide' | 'kind' | 'description'>,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO gig_disputes (acceptance_id, gig_id, raised_by, raised_side, kind, description)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [d.acceptanceId, d.gigId, d.raisedBy, d.raisedSide, d.kind, d.description],
    );
    return rows[0].id;
  }

  async addDisputeEvent(
    m: EntityManager,
    disputeId: string,
    byUserId: string,
    kind: DisputeEventRecord['kind'],
    note: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO gig_dispute_events (dispute_id, by_user_id, kind, note) VALUES ($1, $2, $3, $4)`,
      [disputeId, byUserId, kind, note],
    );
  }

  async dispute(id: string, m?: EntityManager, lock = false): Promise<DisputeRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT * FROM gig_disputes WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? disputeOf(rows[0]) : null;
  }

  async disputeEvents(disputeId: string, m?: EntityManager): Promise<DisputeEventRecord[]> {
    const rows: Row[] = await this.q(m).query(
      `SELECT at, by_user_id, kind, note FROM gig_dispute_events WHERE dispute_id = $1 ORDER BY id`,
      [disputeId],
    );
    return rows.map((r) => ({
      at: r.at as Date,
      byUserId: r.by_user_id as string,
      kind: r.kind as DisputeEventRecord['kind'],
      note: r.note as string,
    }));
  }

  async disputes(
    f: { status?: 'open' | 'resolved'; userId?: string },
    limit: number,
    offset: number,
  ): Promise<{ items: DisputeRecord[]; total: number }> {
    const rows: Row[] = await this.q().query(
      `SELECT d.*, count(*) OVER () AS total FROM gig_disputes d
       JOIN gig_acceptances a ON a.id = d.acceptance_id JOIN gigs g ON g.id = d.gig_id
       WHERE ($1::text IS NULL OR d.status = $1)
         AND ($2::uuid IS NULL OR a.worker_user_id = $2 OR g.poster_user_id = $2)
       ORDER BY CASE WHEN d.status = 'open' THEN 0 ELSE 1 END, d.created_at DESC LIMIT $3 OFFSET $4`,
      [f.status ?? null, f.userId ?? null, limit, offset],
    );
    return { items: rows.map(disputeOf), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async resolveDispute(m: EntityManager, id: string, by: string, outcome: string): Promise<void> {
    await m.query(
      `UPDATE gig_disputes SET status = 'resolved', outcome = $3, resolved_by = $2, resolved_at = now() WHERE id = $1`,
      [id, by, outcome],
    );
  }

  // ---- ratings ----

  /** Inserts the rating; false when this side had rated already (the first one stands). */
  async rate(
    m: EntityManager,
    r: {
      acceptanceId: string;
      side: 'poster' | 'worker';
      raterUserId: string;
      stars: number;
      comment: string | null;
    },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO gig_ratings (acceptance_id, rater_side, rater_user_id, stars, comment) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING acceptance_id`,
      [r.acceptanceId, r.side, r.raterUserId, r.stars, r.comment],
    );
    return rows.length > 0;
  }

  async ratingsOf(
    acceptanceIds: readonly string[],
  ): Promise<{ acceptanceId: string; side: 'poster' | 'worker'; stars: number; comment: string | null }[]> {
    if (acceptanceIds.length === 0) return [];
    const rows: Row[] = await this.q().query(
      `SELECT acceptance_id, rater_side, stars, comment FROM gig_ratings WHERE acceptance_id = ANY($1::uuid[])`,
      [acceptanceIds],
    );
    return rows.map((r) => ({
      acceptanceId: r.acceptance_id as string,
      side: r.rater_side as 'poster' | 'worker',
      stars: Number(r.stars),
      comment: (r.comment as string | null) ?? null,
    }));
  }

  /** A worker's average stars from posters, and how many ratings (their standing). */
  async workerStanding(
    workerUserIds: readonly string[],
  ): Promise<Map<string, { stars: number; ratings: number; completed: number }>> {
    if (workerUserIds.length === 0) return new Map();
    const rows: Row[] = await this.q().query(
      `SELECT a.worker_user_id, avg(r.stars)::float AS stars, count(r.stars) AS ratings,
              count(a.completed_at) AS completed
       FROM gig_acceptances a LEFT JOIN gig_ratings r ON r.acceptance_id = a.id AND r.rater_side = 'poster'
       WHERE a.worker_user_id = ANY($1::uuid[]) GROUP BY a.worker_user_id`,
      [workerUserIds],
    );
    return new Map(
      rows.map((r) => [
        r.worker_user_id as string,
        {
          stars: r.stars === null ? 0 : Math.round(Number(r.stars) * 10) / 10,
          ratings: Number(r.ratings),
          completed: Number(r.completed),
        },
      ]),
    );
  }

  // ---- reports (举报) ----

  /** Inserts the report; the reporter's earlier report of this gig is returned instead when there is one. */
  async report(
    m: EntityManager,
    gigId: string,
    reporterId: string,
    reason: ReportReason,
    note: string | null,
  ): Promise<{ id: string; created: boolean }> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO gig_reports (gig_id, reporter_id, reason, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT (gig_id, reporter_id) DO NOTHING RETURNING id`,
      [gigId, reporterId, reason, note],
    );
    if (rows[0]) return { id: rows[0].id, created: true };
    const old: { id: string }[] = await m.query(
      `SELECT id FROM gig_reports WHERE gig_id = $1 AND reporter_id = $2`,
      [gigId, reporterId],
    );
    return { id: old[0].id, created: false };
  }

  async reportById(id: string, m?: EntityManager, lock = false): Promise<ReportRecord | null> {
    const rows: Row[] = await this.q(m).query(
      `SELECT * FROM gig_reports WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? reportOf(rows[0]) : null;
  }

  async reports(
    status: 'open' | 'upheld' | 'dismissed' | undefined,
    limit: number,
    offset: number,
  ): Promise<{ items: ReportRecord[]; total: number }> {
    const rows: Row[] = await this.q().query(
      `SELECT *, count(*) OVER () AS total FROM gig_reports WHERE ($1::text IS NULL OR status = $1)
       ORDER BY created_at DESC LIMIT $2 OFFSET $3`,
      [status ?? null, limit, offset],
    );
    return { items: rows.map(reportOf), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async decideReport(
    m: EntityManager,
    id: string,
    status: 'upheld' | 'dismissed',
    by: string,
  ): Promise<void> {
    await m.query(`UPDATE gig_reports SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [
      id,
      status,
      by,
    ]);
  }

  /** Upheld reports against a poster's gigs (the organisation's, or the person's when they post as themselves). */
  async upheldReportsAgainst(
    poster: { userId: string; organisationId: string | null },
    m?: EntityManager,
  ): Promise<number> {
    const rows: { n: string }[] = await this.q(m).query(
      `SELECT count(*) AS n FROM gig_reports r JOIN gigs g ON g.id = r.gig_id
       WHERE r.status = 'upheld' AND (CASE WHEN $2::uuid IS NULL THEN g.poster_user_id = $1 ELSE g.poster_organisation_id = $2 END)`,
      [poster.userId, poster.organisationId],
    );
    return Number(rows[0].n);
  }

  // ---- gig points (零工驿站) ----

  async insertPoint(m: EntityManager | undefined, p: Omit<GigPointRecord, 'id' | 'active'>): Promise<string> {
    const rows: { id: string }[] = await this.q(m).query(
      `INSERT INTO gig_points (name, township_code, address, opening_hours, trades) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [p.name, p.townshipCode, p.address, p.openingHours, p.trades],
    );
    return rows[0].id;
  }

  async points(townshipCode?: string): Promise<GigPointRecord[]> {
    const rows: Row[] = await this.q().query(
      `SELECT * FROM gig_points WHERE active AND ($1::text IS NULL OR township_code = $1) ORDER BY township_code, name`,
      [townshipCode ?? null],
    );
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      townshipCode: r.township_code as string,
      address: r.address as string,
      openingHours: r.opening_hours as string,
      trades: r.trades as string[],
      active: r.active as boolean,
    }));
  }

  // ---- statistics ----

  /** Per township and trade, gigs whose day is in [from, to]. */
  async statistics(from: string, to: string): Promise<Row[]> {
    return this.q().query(
      `WITH g AS (SELECT * FROM gigs WHERE gig_date BETWEEN $1 AND $2 AND status NOT IN ('rejected')),
            a AS (SELECT a.*, g.township_code, g.trade FROM gig_acceptances a JOIN g ON g.id = a.gig_id),
            d AS (SELECT d.*, g.township_code, g.trade FROM gig_disputes d JOIN g ON g.id = d.gig_id)
       SELECT k.township_code, k.trade,
         (SELECT count(*) FROM g WHERE g.township_code = k.township_code AND g.trade = k.trade) AS posted,
         (SELECT count(*) FROM g WHERE g.township_code = k.township_code AND g.trade = k.trade
            AND g.accepted_count >= g.headcount) AS filled,
         (SELECT count(DISTINCT a.gig_id) FROM a WHERE a.township_code = k.township_code AND a.trade = k.trade
            AND a.completed_at IS NOT NULL) AS completed,
         (SELECT count(DISTINCT a.worker_user_id) FROM a WHERE a.township_code = k.township_code AND a.trade = k.trade
            AND a.completed_at IS NOT NULL) AS people_served,
         (SELECT coalesce(sum(a.wage_paid_fen), 0) FROM a WHERE a.township_code = k.township_code AND a.trade = k.trade
            AND a.wage_received_at IS NOT NULL) AS wages_confirmed_fen,
         (SELECT count(*) FROM d WHERE d.township_code = k.township_code AND d.trade = k.trade) AS disputes,
         (SELECT count(*) FROM d WHERE d.township_code = k.township_code AND d.trade = k.trade AND d.status = 'resolved') AS disputes_resolved,
         (SELECT extract(epoch FROM avg(d.resolved_at - d.created_at)) / 3600 FROM d
            WHERE d.township_code = k.township_code AND d.trade = k.trade AND d.status = 'resolved') AS resolution_hours
       FROM (SELECT DISTINCT township_code, trade FROM g) k ORDER BY k.township_code, k.trade`,
      [from, to],
    );
  }
}

function reportOf(r: Row): ReportRecord {
  return {
    id: r.id as string,
    gigId: r.gig_id as string,
    reporterId: r.reporter_id as string,
    reason: r.reason as ReportReason,
    note: (r.note as string | null) ?? null,
    status: r.status as ReportRecord['status'],
    decidedAt: (r.decided_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
  };
}
