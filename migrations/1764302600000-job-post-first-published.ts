import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a post was first published: `published_at` moves each time a post is approved again after
 * an edit, but a post gathered in March (二(十一)'s internship posts) stays one of March.
 */
export class JobPostFirstPublished1764302600000 implements MigrationInterface {
  name = 'JobPostFirstPublished1764302600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_posts ADD COLUMN first_published_at timestamptz`);
    await q.query(`UPDATE job_posts SET first_published_at = published_at WHERE published_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_posts DROP COLUMN first_published_at`);
  }
}
