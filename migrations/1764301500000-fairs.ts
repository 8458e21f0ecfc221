import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recruitment fairs (专场招聘会): the year's plan and its targets, venues, fairs, the enterprises
 * that take part (each approved one on its own booth), the seekers who come (confirmed up to the
 * capacity, then a waiting list in order), and the door: every scan as received, one attendance
 * per person at the earliest time.
 *
 * What holds under simultaneous requests is held by the database itself: a venue is never booked
 * for overlapping times (an exclusion constraint; cancelled fairs do not block, back-to-back is
 * fine), one active registration per seeker and per enterprise a fair, one enterprise a booth,
 * one attendance a registration, one row per (device, nonce) scan.
 */
export class Fairs1764301500000 implements MigrationInterface {
  name = 'Fairs1764301500000';

  async up(q: QueryRunner): Promise<void> {
    // btree_gist gives uuid equality inside a GiST exclusion constraint. Installed once per
    // database, in public (every schema's search_path ends there); two migrations racing to
    // install it are both fine.
    await q.query(`
      DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
      EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL;
      END $$`);

    await q.query(`
      CREATE TABLE fair_plans (
        year          integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        fairs_target  integer NOT NULL CHECK (fairs_target BETWEEN 0 AND 1000),
        hires_target  integer NOT NULL CHECK (hires_target BETWEEN 0 AND 1000000),
        note          text CHECK (length(note) <= 1000),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE fair_venues (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name            text    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        address         text CHECK (length(address) <= 300),
        township_code   text REFERENCES townships (code),
        booth_count     integer NOT NULL CHECK (booth_count BETWEEN 0 AND 2000),
        seeker_capacity integer NOT NULL CHECK (seeker_capacity BETWEEN 0 AND 100000),
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE fairs (
        id                              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title                           text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        theme                           text        NOT NULL CHECK (theme IN ('industry', 'area', 'general')),
        mode                            text        NOT NULL CHECK (mode IN ('onsite', 'online', 'hybrid')),
        description                     text CHECK (length(description) <= 5000),
        industry                        text CHECK (length(industry) <= 100),
        starts_at                       timestamptz NOT NULL,
        ends_at                         timestamptz NOT NULL,
        seeker_capacity                 integer     NOT NULL CHECK (seeker_capacity BETWEEN 0 AND 100000),
        booth_count                     integer     NOT NULL CHECK (booth_count BETWEEN 0 AND 2000),
        seeker_registration_opens_at    timestamptz NOT NULL,
        seeker_registration_closes_at   timestamptz NOT NULL,
        employer_registration_opens_at  timestamptz NOT NULL,
        employer_registration_closes_at timestamptz NOT NULL,
        venue_id                        uuid REFERENCES fair_venues (id),
        township_code                   text REFERENCES townships (code),
        livestream_url                  text CHECK (length(livestream_url) <= 500),
        status                          text        NOT NULL DEFAULT 'draft'
                                        CHECK (status IN ('draft', 'open', 'closed', 'held', 'reported', 'cancelled')),
        -- Counters kept under the fair's row lock: the capacity and the waiting list's order.
        confirmed_count                 integer     NOT NULL DEFAULT 0 CHECK (confirmed_count >= 0),
        waitlist_seq                    integer     NOT NULL DEFAULT 0,
        created_by                      uuid        NOT NULL REFERENCES users (id),
        created_at                      timestamptz NOT NULL DEFAULT now(),
        updated_at                      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fairs_time_order CHECK (ends_at > starts_at),
        CONSTRAINT fairs_seeker_window CHECK (seeker_registration_closes_at > seeker_registration_opens_at),
        CONSTRAINT fairs_employer_window CHECK (employer_registration_closes_at > employer_registration_opens_at),
        CONSTRAINT fairs_venue_free EXCLUDE USING gist (
          venue_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
        ) WHERE (venue_id IS NOT NULL AND status <> 'cancelled')
      )`);
    await q.query(`CREATE INDEX fairs_starts ON fairs (starts_at)`);

    await q.query(`
      CREATE TABLE fair_employer_registrations (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id                  uuid    NOT NULL REFERENCES fairs (id),
        employer_organisation_id uuid    NOT NULL REFERENCES organisations (id),
        job_post_ids             uuid[]  NOT NULL DEFAULT '{}',
        places                   integer NOT NULL DEFAULT 0 CHECK (places >= 0),
        staff_names              text[]  NOT NULL DEFAULT '{}',
        status                   text    NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        booth_no                 integer CHECK (booth_no >= 1),
        attendance               text CHECK (attendance IN ('present', 'no-show')),
        decision_reason          text CHECK (length(decision_reason) <= 500),
        decided_by               uuid REFERENCES users (id),
        decided_at               timestamptz,
        created_by               uuid    NOT NULL REFERENCES users (id),
        created_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fair_employer_booth CHECK ((status = 'approved') = (booth_no IS NOT NULL))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX fair_employer_one_active
          ON fair_employer_registrations (fair_id, employer_organisation_id) WHERE status IN ('pending', 'approved')`);
    await q.query(`
      CREATE UNIQUE INDEX fair_employer_one_per_booth
          ON fair_employer_registrations (fair_id, booth_no) WHERE booth_no IS NOT NULL`);

    await q.query(`
      CREATE TABLE fair_seeker_registrations (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id        uuid    NOT NULL REFERENCES fairs (id),
        seeker_user_id uuid    NOT NULL REFERENCES users (id),
        status         text    NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
        waitlist_seq   integer,
        walk_in        boolean NOT NULL DEFAULT false,
        ticket_code    text    NOT NULL UNIQUE CHECK (length(ticket_code) >= 22),
        created_at     timestamptz NOT NULL DEFAULT now(),
        confirmed_at   timestamptz,
        cancelled_at   timestamptz,
        CONSTRAINT fair_seeker_waitlist CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX fair_seeker_one_active
          ON fair_seeker_registrations (fair_id, seeker_user_id) WHERE status <> 'cancelled'`);
    await q.query(`
      CREATE INDEX fair_seeker_waitlist_order
          ON fair_seeker_registrations (fair_id, waitlist_seq) WHERE status = 'waitlisted'`);
    await q.query(`CREATE INDEX fair_seeker_mine ON fair_seeker_registrations (seeker_user_id, created_at)`);

    // Every scan as a device sent it: (device, nonce) once, so a re-sent scan or batch changes nothing.
    await q.query(`
      CREATE TABLE fair_scans (
        fair_id         uuid        NOT NULL REFERENCES fairs (id),
        device_id       text        NOT NULL CHECK (length(device_id) BETWEEN 1 AND 100),
        nonce           text        NOT NULL CHECK (length(nonce) BETWEEN 1 AND 100),
        ticket_code     text        NOT NULL CHECK (length(ticket_code) <= 200),
        registration_id uuid REFERENCES fair_seeker_registrations (id),
        scanned_at      timestamptz NOT NULL,
        offline         boolean     NOT NULL,
        received_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fair_id, device_id, nonce)
      )`);
    // The attendance: one per registration, at the earliest scan known.
    await q.query(`
      CREATE TABLE fair_check_ins (
        registration_id uuid PRIMARY KEY REFERENCES fair_seeker_registrations (id),
        fair_id         uuid        NOT NULL REFERENCES fairs (id),
        checked_in_at   timestamptz NOT NULL,
        device_id       text        NOT NULL,
        nonce           text        NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX fair_check_ins_fair ON fair_check_ins (fair_id, checked_in_at)`);

    // What came of a meeting at the fair (达成意向 → 面试 → 录用通知 → 录用): one row per step; a
    // hire points at the placement it recorded, so the subsidies follow and the fair counts it.
    await q.query(`
      CREATE TABLE fair_outcomes (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id                  uuid NOT NULL REFERENCES fairs (id),
        employer_organisation_id uuid NOT NULL REFERENCES organisations (id),
        seeker_user_id           uuid NOT NULL REFERENCES users (id),
        kind                     text NOT NULL CHECK (kind IN ('intention', 'interview', 'offer', 'hired')),
        placement_id             uuid REFERENCES placements (id),
        recorded_by              uuid NOT NULL REFERENCES users (id),
        created_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fair_outcomes_once UNIQUE (fair_id, employer_organisation_id, seeker_user_id, kind),
        CONSTRAINT fair_outcomes_hire CHECK ((kind = 'hired') = (placement_id IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fair_outcomes`);
    await q.query(`DROP TABLE fair_check_ins`);
    await q.query(`DROP TABLE fair_scans`);
    await q.query(`DROP TABLE fair_seeker_registrations`);
    await q.query(`DROP TABLE fair_employer_registrations`);
    await q.query(`DROP TABLE fairs`);
    await q.query(`DROP TABLE fair_venues`);
    await q.query(`DROP TABLE fair_plans`);
  }
}
