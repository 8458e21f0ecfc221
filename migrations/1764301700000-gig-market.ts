import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public gig market (公益性零工市场): gigs and who takes them (exactly the headcount: a
 * counter under the gig's row lock, checked here too), workers' availability, the doing of a gig
 * (check in/out, completion, wage paid and received), disputes with their history, ratings both
 * ways, one-tap reports of fake or fee-taking gigs, and the gig points (零工驿站).
 */
export class GigMarket1764301700000 implements MigrationInterface {
  name = 'GigMarket1764301700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gigs (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title                  text        NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        trade                  text        NOT NULL CHECK (length(trade) BETWEEN 1 AND 30),
        description            text        NOT NULL DEFAULT '',
        gig_date               date        NOT NULL,
        start_time             time        NOT NULL,
        end_time               time        NOT NULL,
        township_code          text        NOT NULL REFERENCES townships (code),
        address                text,
        pay_fen                integer     NOT NULL CHECK (pay_fen >= 0),
        pay_unit               text        NOT NULL CHECK (pay_unit IN ('day', 'hour', 'piece')),
        headcount              integer     NOT NULL CHECK (headcount BETWEEN 1 AND 500),
        accepted_count         integer     NOT NULL DEFAULT 0,
        age_max                integer     CHECK (age_max BETWEEN 16 AND 80),
        older_workers_welcome  boolean     NOT NULL DEFAULT false,
        certificates           text[]      NOT NULL DEFAULT '{}',
        contact_name           text,
        contact_phone_enc      bytea,
        poster_user_id         uuid        NOT NULL REFERENCES users (id),
        poster_organisation_id uuid REFERENCES organisations (id),
        poster_kind            text        NOT NULL CHECK (poster_kind IN ('employer', 'agency', 'staff', 'resident')),
        on_behalf_of           text,
        status                 text        NOT NULL CHECK (status IN
                                 ('pending-review', 'open', 'filled', 'closed', 'cancelled', 'rejected')),
        screening_flags        jsonb       NOT NULL DEFAULT '[]',
        review_note            text,
        reviewed_by            uuid REFERENCES users (id),
        reviewed_at            timestamptz,
        cancel_reason          text,
        closed_at              timestamptz,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT gig_time_order CHECK (end_time > start_time),
        CONSTRAINT gig_headcount_kept CHECK (accepted_count BETWEEN 0 AND headcount),
        CONSTRAINT gig_cancel_reason CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX gigs_live ON gigs (gig_date, township_code) WHERE status IN ('open', 'filled')`,
    );
    await q.query(`CREATE INDEX gigs_review ON gigs (created_at) WHERE status = 'pending-review'`);
    await q.query(`CREATE INDEX gigs_poster ON gigs (poster_user_id, gig_date DESC)`);
    await q.query(
      `CREATE INDEX gigs_poster_org ON gigs (poster_organisation_id) WHERE poster_organisation_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX gigs_updated ON gigs (updated_at)`);

    await q.query(`
      CREATE TABLE gig_acceptances (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        gig_id             uuid        NOT NULL REFERENCES gigs (id),
        worker_user_id     uuid        NOT NULL REFERENCES users (id),
        status             text        NOT NULL CHECK (status IN ('invited', 'accepted', 'declined', 'withdrawn', 'cancelled')),
        invited_by         uuid REFERENCES users (id),
        invited_at         timestamptz,
        accepted_at        timestamptz,
        ended_at           timestamptz,
        end_reason         text,
        checked_in_at      timestamptz,
        check_in_township  text REFERENCES townships (code),
        checked_out_at     timestamptz,
        check_out_township text REFERENCES townships (code),
        completed_at       timestamptz,
        no_show            boolean     NOT NULL DEFAULT false,
        wage_paid_fen      integer     CHECK (wage_paid_fen >= 0),
        wage_paid_at       timestamptz,
        wage_received_at   timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT gig_acceptance_once UNIQUE (gig_id, worker_user_id),
        CONSTRAINT gig_check_out_after_in CHECK (checked_out_at IS NULL OR (checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at)),
        CONSTRAINT gig_wage_paid_pair CHECK ((wage_paid_fen IS NULL) = (wage_paid_at IS NULL))
      )`);
    await q.query(`CREATE INDEX gig_acceptances_worker ON gig_acceptances (worker_user_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE gig_availability (
        worker_user_id   uuid PRIMARY KEY REFERENCES users (id),
        trades           text[]      NOT NULL CHECK (cardinality(trades) BETWEEN 1 AND 10),
        weekdays         smallint[]  NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ '{1,2,3,4,5,6,7}'),
        township_codes   text[]      NOT NULL CHECK (cardinality(township_codes) BETWEEN 1 AND 9),
        home_township    text        NOT NULL REFERENCES townships (code),
        expected_pay_fen integer     CHECK (expected_pay_fen >= 0),
        pay_unit         text        CHECK (pay_unit IN ('day', 'hour', 'piece')),
        note             text,
        active           boolean     NOT NULL DEFAULT true,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX gig_availability_trades ON gig_availability USING gin (trades) WHERE active`);

    await q.query(`
      CREATE TABLE gig_disputes (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        acceptance_id  uuid        NOT NULL REFERENCES gig_acceptances (id),
        gig_id         uuid        NOT NULL REFERENCES gigs (id),
        raised_by      uuid        NOT NULL REFERENCES users (id),
        raised_side    text        NOT NULL CHECK (raised_side IN ('poster', 'worker')),
        kind           text        NOT NULL CHECK (kind IN ('wage-unpaid', 'no-show', 'other')),
        description    text        NOT NULL,
        status         text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        outcome        text,
        resolved_by    uuid REFERENCES users (id),
        resolved_at    timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT gig_dispute_resolution CHECK ((status = 'resolved') = (resolved_at IS NOT NULL AND outcome IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX gig_dispute_one_open ON gig_disputes (acceptance_id, kind) WHERE status = 'open'`,
    );
    await q.query(`
      CREATE TABLE gig_dispute_events (
        id          bigserial PRIMARY KEY,
        dispute_id  uuid        NOT NULL REFERENCES gig_disputes (id),
        at          timestamptz NOT NULL DEFAULT now(),
        by_user_id  uuid        NOT NULL REFERENCES users (id),
        kind        text        NOT NULL CHECK (kind IN ('raised', 'note', 'resolved')),
        note        text        NOT NULL
      )`);
    await q.query(`CREATE INDEX gig_dispute_events_of ON gig_dispute_events (dispute_id, id)`);

    await q.query(`
      CREATE TABLE gig_ratings (
        acceptance_id uuid        NOT NULL REFERENCES gig_acceptances (id),
        rater_side    text        NOT NULL CHECK (rater_side IN ('poster', 'worker')),
        rater_user_id uuid        NOT NULL REFERENCES users (id),
        stars         smallint    NOT NULL CHECK (stars BETWEEN 1 AND 5),
        comment       text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (acceptance_id, rater_side)
      )`);

    await q.query(`
      CREATE TABLE gig_reports (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        gig_id        uuid        NOT NULL REFERENCES gigs (id),
        reporter_id   uuid        NOT NULL REFERENCES users (id),
        reason        text        NOT NULL CHECK (reason IN ('fake', 'fee', 'pyramid', 'unpaid', 'other')),
        note          text,
        status        text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
        decided_by    uuid REFERENCES users (id),
        decided_at    timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT gig_report_once UNIQUE (gig_id, reporter_id)
      )`);
    await q.query(`CREATE INDEX gig_reports_open ON gig_reports (created_at) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE gig_points (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        township_code  text        NOT NULL REFERENCES townships (code),
        address        text        NOT NULL,
        opening_hours  text        NOT NULL,
        trades         text[]      NOT NULL DEFAULT '{}',
        active         boolean     NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'gig_points',
      'gig_reports',
      'gig_ratings',
      'gig_dispute_events',
      'gig_disputes',
      'gig_availability',
      'gig_acceptances',
      'gigs',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
