import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Job posts pass the listing screen (虚假招聘与收费筛查) as gigs do: the flags of the last screen
 * are kept on the post, shown to the reviewer, and a flagged imported post waits for review
 * instead of being published at once.
 */
export class JobPostScreening1764301800000 implements MigrationInterface {
  name = 'JobPostScreening1764301800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_posts ADD COLUMN screening_flags jsonb NOT NULL DEFAULT '[]'::jsonb
      CHECK (jsonb_typeof(screening_flags) = 'array')`);
    // The review queue asks for flagged posts first.
    await q.query(`CREATE INDEX job_posts_flagged_idx ON job_posts (created_at)
      WHERE status = 'pending-review' AND screening_flags <> '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX job_posts_flagged_idx`);
    await q.query(`ALTER TABLE job_posts DROP COLUMN screening_flags`);
  }
}
