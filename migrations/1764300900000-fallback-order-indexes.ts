import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the Postgres paths used while Meilisearch is down: matching's candidate queries
 * (and the degraded post search) take the newest rows that pass a township-or-words filter, LIMIT
 * 200. With an index in that order Postgres walks it and stops after 200 matches instead of
 * reading and sorting every consenting seeker or published post (200,000 seekers: no candidate
 * answer within 20 s at 50 connections without it — bench:matching).
 */
export class FallbackOrderIndexes1764300900000 implements MigrationInterface {
  name = 'FallbackOrderIndexes1764300900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX seeker_profiles_matchable_recent ON seeker_profiles (updated_at DESC, user_id)
        WHERE searchable_by_employers`,
    );
    await q.query(
      `CREATE INDEX job_posts_published_recent ON job_posts (published_at DESC, id) WHERE status = 'published'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX job_posts_published_recent`);
    await q.query(`DROP INDEX seeker_profiles_matchable_recent`);
  }
}
