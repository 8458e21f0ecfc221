import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A post carries its employer's name, size and industry, as it shows them and as search filters
 * on them. The jobs domain owns job_posts and reads no other domain's table; an enterprise's
 * change of size or industry reaches its posts through the `jobs.enterprise-changed` event.
 */
export class JobPostEmployerFacts1764301100000 implements MigrationInterface {
  name = 'JobPostEmployerFacts1764301100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE job_posts
        ADD COLUMN employer_name     text,
        ADD COLUMN employer_size     text CHECK (employer_size IN ('large', 'medium', 'small', 'micro')),
        ADD COLUMN employer_industry text`);
    await q.query(`
      UPDATE job_posts j SET employer_name = o.name, employer_size = ep.size, employer_industry = ep.industry
        FROM organisations o LEFT JOIN enterprise_profiles ep ON ep.organisation_id = o.id
       WHERE o.id = j.employer_id`);
    await q.query(`ALTER TABLE job_posts ALTER COLUMN employer_name SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE job_posts DROP COLUMN employer_name, DROP COLUMN employer_size, DROP COLUMN employer_industry`,
    );
  }
}
