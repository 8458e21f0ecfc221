import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Online fairs (线上招聘会, 直播带岗): visits to an enterprise's virtual booth, counted apart from
 * attendance at the door — one per visitor, booth and day — and the applications sent from a booth,
 * each tied to the fair it came through.
 */
export class FairOnlineBooths1764302500000 implements MigrationInterface {
  name = 'FairOnlineBooths1764302500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fair_online_visits (
        fair_id          uuid        NOT NULL REFERENCES fairs (id),
        registration_id  uuid        NOT NULL REFERENCES fair_employer_registrations (id),
        -- The signed-in seeker, or the browser's own random key for a visitor not signed in.
        visitor_key      text        NOT NULL CHECK (length(visitor_key) BETWEEN 8 AND 80),
        seeker_user_id   uuid        REFERENCES users (id),
        visited_on       date        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fair_id, registration_id, visitor_key, visited_on)
      )`);
    await q.query(`
      CREATE TABLE fair_online_applications (
        application_id   uuid PRIMARY KEY REFERENCES applications (id),
        fair_id          uuid        NOT NULL REFERENCES fairs (id),
        registration_id  uuid        NOT NULL REFERENCES fair_employer_registrations (id),
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX fair_online_applications_fair ON fair_online_applications (fair_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fair_online_applications`);
    await q.query(`DROP TABLE fair_online_visits`);
  }
}
