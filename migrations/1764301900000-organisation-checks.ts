import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff check of an organisation (单位核验): beyond its credit code's check character, staff
 * confirm (or refute) that an enterprise or HR service organisation is real before trusting its
 * gigs. Failed: it may not post gigs, and its live gigs were taken down with the check.
 */
export class OrganisationChecks1764301900000 implements MigrationInterface {
  name = 'OrganisationChecks1764301900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organisations
        ADD COLUMN check_status text NOT NULL DEFAULT 'unchecked'
          CHECK (check_status IN ('unchecked', 'verified', 'failed')),
        ADD COLUMN checked_by uuid REFERENCES users (id),
        ADD COLUMN checked_at timestamptz,
        ADD COLUMN check_note text CHECK (length(check_note) <= 500),
        ADD CONSTRAINT organisations_checked_when CHECK ((check_status = 'unchecked') = (checked_at IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organisations DROP CONSTRAINT organisations_checked_when,
        DROP COLUMN check_note, DROP COLUMN checked_at, DROP COLUMN checked_by, DROP COLUMN check_status`);
  }
}
