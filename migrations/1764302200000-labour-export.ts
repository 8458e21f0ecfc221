import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 有组织劳务输出 (一(六)): trips out of the county with their destination, employers, organising
 * agency, departure and the out-of-province service station; participants from enrolment through
 * departure to their placement (a Placement of the trip, so the referral fee and the transport
 * subsidies follow) and the follow-up 3 months on.
 */
export class LabourExport1764302200000 implements MigrationInterface {
  name = 'LabourExport1764302200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE export_trips (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        destination_province text        NOT NULL CHECK (length(destination_province) BETWEEN 2 AND 20),
        destination_city     text        CHECK (length(destination_city) BETWEEN 1 AND 50),
        destination_county   text        CHECK (length(destination_county) BETWEEN 1 AND 50),
        employer_name        text        CHECK (length(employer_name) BETWEEN 1 AND 200),
        organising_agency_id uuid        REFERENCES organisations (id),
        departure_date       date        NOT NULL,
        planned_headcount    integer     NOT NULL CHECK (planned_headcount BETWEEN 1 AND 5000),
        station_contact      text        CHECK (length(station_contact) BETWEEN 1 AND 200),
        note                 text        CHECK (length(note) <= 500),
        cancelled_at         timestamptz,
        cancel_reason        text,
        created_by           uuid        NOT NULL REFERENCES users (id),
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT export_trips_cancel CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX export_trips_departure ON export_trips (departure_date DESC, id)`);
    await q.query(`
      CREATE TABLE export_trip_participants (
        trip_id              uuid        NOT NULL REFERENCES export_trips (id),
        seeker_user_id       uuid        NOT NULL REFERENCES users (id),
        status               text        NOT NULL DEFAULT 'enrolled'
                                         CHECK (status IN ('enrolled', 'departed', 'placed', 'withdrawn')),
        rural_labourer       boolean     NOT NULL,
        poverty_alleviated   boolean     NOT NULL,
        departed_on          date,
        placement_id         uuid        UNIQUE REFERENCES placements (id),
        follow_up_on         date,
        still_employed       boolean,
        follow_up_note       text        CHECK (length(follow_up_note) <= 500),
        enrolled_by          uuid        NOT NULL REFERENCES users (id),
        enrolled_at          timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trip_id, seeker_user_id),
        CONSTRAINT export_participant_departed CHECK (status NOT IN ('departed', 'placed') OR departed_on IS NOT NULL),
        CONSTRAINT export_participant_placed CHECK ((status = 'placed') = (placement_id IS NOT NULL)),
        CONSTRAINT export_participant_follow_up CHECK ((follow_up_on IS NULL) = (still_employed IS NULL))
      )`);
    // One trip at a time: a person enrolled or on the way is not enrolled on another trip.
    await q.query(
      `CREATE UNIQUE INDEX export_participant_one_trip ON export_trip_participants (seeker_user_id)
        WHERE status IN ('enrolled', 'departed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE export_trip_participants`);
    await q.query(`DROP TABLE export_trips`);
  }
}
