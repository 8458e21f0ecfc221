import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At the booth: interview slots an enterprise offers (each booked once; a seeker never in two
 * overlapping slots — an exclusion constraint, so simultaneous bookings cannot break it), and the
 * visits an enterprise records by scanning a seeker's ticket (a résumé received or not), once per
 * enterprise and seeker a fair.
 */
export class FairInterviewsAndVisits1764301600000 implements MigrationInterface {
  name = 'FairInterviewsAndVisits1764301600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fair_interview_slots (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id                  uuid        NOT NULL REFERENCES fairs (id),
        employer_registration_id uuid        NOT NULL REFERENCES fair_employer_registrations (id),
        starts_at                timestamptz NOT NULL,
        ends_at                  timestamptz NOT NULL,
        seeker_user_id           uuid REFERENCES users (id),
        booked_at                timestamptz,
        created_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fair_slot_time_order CHECK (ends_at > starts_at),
        CONSTRAINT fair_slot_booking CHECK ((seeker_user_id IS NULL) = (booked_at IS NULL)),
        CONSTRAINT fair_slot_once UNIQUE (employer_registration_id, starts_at),
        CONSTRAINT fair_slot_seeker_free EXCLUDE USING gist (
          seeker_user_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
        ) WHERE (seeker_user_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX fair_slots_fair ON fair_interview_slots (fair_id, starts_at)`);
    await q.query(`
      CREATE TABLE fair_booth_visits (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id                  uuid        NOT NULL REFERENCES fairs (id),
        employer_registration_id uuid        NOT NULL REFERENCES fair_employer_registrations (id),
        seeker_user_id           uuid        NOT NULL REFERENCES users (id),
        resume_received          boolean     NOT NULL DEFAULT false,
        visited_at               timestamptz NOT NULL DEFAULT now(),
        recorded_by              uuid        NOT NULL REFERENCES users (id),
        CONSTRAINT fair_visit_once UNIQUE (employer_registration_id, seeker_user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fair_booth_visits`);
    await q.query(`DROP TABLE fair_interview_slots`);
  }
}
