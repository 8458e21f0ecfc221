import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 就业见习 (二(十一)): host units (见习单位) and demonstration units (见习示范单位) designated by staff,
 * the internship details of a job post of the internship kind (duration, stipend, places, mentor),
 * and interns from acceptance to their outcome.
 */
export class Internships1764302000000 implements MigrationInterface {
  name = 'Internships1764302000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE internship_host_units (
        organisation_id    uuid PRIMARY KEY REFERENCES organisations (id),
        kind               text        NOT NULL CHECK (kind IN ('hospital', 'school', 'enterprise', 'community', 'project')),
        affiliation        text        CHECK (affiliation IN ('county-medical-group', 'education-bureau')),
        demonstration      boolean     NOT NULL DEFAULT false,
        designated_on      date,
        designation_reason text        CHECK (length(designation_reason) BETWEEN 1 AND 500),
        designated_by      uuid        REFERENCES users (id),
        created_by         uuid        NOT NULL REFERENCES users (id),
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT internship_demonstration_designated
          CHECK (demonstration = (designated_on IS NOT NULL AND designation_reason IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE internship_post_details (
        job_post_id     uuid PRIMARY KEY REFERENCES job_posts (id),
        duration_months integer     NOT NULL CHECK (duration_months BETWEEN 3 AND 12),
        stipend_fen     integer     NOT NULL CHECK (stipend_fen >= 0),
        places          integer     NOT NULL CHECK (places BETWEEN 1 AND 500),
        mentor          text        CHECK (length(mentor) <= 100),
        updated_by      uuid        NOT NULL REFERENCES users (id),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE interns (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id       uuid        NOT NULL UNIQUE REFERENCES applications (id),
        job_post_id          uuid        NOT NULL REFERENCES job_posts (id),
        host_organisation_id uuid        NOT NULL REFERENCES organisations (id),
        seeker_user_id       uuid        NOT NULL REFERENCES users (id),
        status               text        NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'started', 'ended')),
        start_date           date,
        end_date             date,
        outcome              text        CHECK (outcome IN ('kept-on', 'hired-elsewhere', 'left')),
        outcome_note         text        CHECK (length(outcome_note) <= 500),
        accepted_by          uuid        NOT NULL REFERENCES users (id),
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT interns_dates CHECK (end_date IS NULL OR (start_date IS NOT NULL AND end_date >= start_date)),
        CONSTRAINT interns_outcome CHECK ((status = 'ended') = (outcome IS NOT NULL AND end_date IS NOT NULL)),
        CONSTRAINT interns_started CHECK (status = 'accepted' OR start_date IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX interns_host ON interns (host_organisation_id, created_at DESC)`);
    await q.query(`CREATE INDEX interns_seeker ON interns (seeker_user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE interns`);
    await q.query(`DROP TABLE internship_post_details`);
    await q.query(`DROP TABLE internship_host_units`);
  }
}
