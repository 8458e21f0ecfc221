import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hires fill posts (招满): every hire on a post counts the post's placements not yet ended, under the
 * post's row lock. This index keeps that count (and the lock's hold time) small however many
 * placements the county records.
 */
export class PlacementsFillPosts1764300700000 implements MigrationInterface {
  name = 'PlacementsFillPosts1764300700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX placements_post_active ON placements (job_post_id)
        WHERE job_post_id IS NOT NULL AND ended_on IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX placements_post_active`);
  }
}
