import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the security review found in the schema:
 * - A seeker's hire by one employer from one date is one placement: five staff clicks at once
 *   recorded five (and the subsidies would have followed each). Earlier duplicates are ended as
 *   duplicates of the first, then a partial unique index keeps it so.
 * - The audit log says which townships an entry concerns, so a township station's staff read
 *   their own township's entries, not the county's. Entries written before are given the
 *   townships of their target where it can be found (the append-only trigger is lifted for
 *   this one backfill only).
 */
export class Hardening1764301000000 implements MigrationInterface {
  name = 'Hardening1764301000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH ranked AS (
        SELECT id, first_value(id) OVER w AS first_id, row_number() OVER w AS n
          FROM placements
         WHERE ended_on IS NULL
        WINDOW w AS (PARTITION BY seeker_user_id, employer_organisation_id, start_date ORDER BY created_at, id)
      )
      UPDATE placements p
         SET ended_on = p.start_date, end_reason = '重复登记（与 ' || r.first_id || ' 相同）', updated_at = now()
        FROM ranked r
       WHERE r.id = p.id AND r.n > 1`);
    await q.query(`
      CREATE UNIQUE INDEX placements_one_active_per_hire
          ON placements (seeker_user_id, employer_organisation_id, start_date) WHERE ended_on IS NULL`);

    await q.query(`ALTER TABLE audit_log ADD COLUMN township_codes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await q.query(`
      UPDATE audit_log a SET township_codes = ARRAY[u.township_code]
        FROM users u
       WHERE a.target_type = 'user' AND u.id::text = a.target_id AND u.township_code IS NOT NULL`);
    await q.query(`
      UPDATE audit_log a SET township_codes = ARRAY[ep.township_code]
        FROM enterprise_profiles ep
       WHERE a.target_type = 'enterprise' AND ep.organisation_id::text = a.target_id AND ep.township_code IS NOT NULL`);
    await q.query(`
      UPDATE audit_log a
         SET township_codes = ARRAY(SELECT DISTINCT t FROM unnest(ARRAY[j.township_code, ep.township_code]) t WHERE t IS NOT NULL)
        FROM job_posts j LEFT JOIN enterprise_profiles ep ON ep.organisation_id = j.employer_id
       WHERE a.target_type = 'job-post' AND j.id::text = a.target_id`);
    await q.query(`
      UPDATE audit_log a
         SET township_codes = ARRAY(SELECT DISTINCT t FROM unnest(ARRAY[p.township_code, ep.township_code]) t WHERE t IS NOT NULL)
        FROM placements p LEFT JOIN enterprise_profiles ep ON ep.organisation_id = p.employer_organisation_id
       WHERE a.target_type = 'placement' AND p.id::text = a.target_id`);
    await q.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    await q.query(`CREATE INDEX audit_log_townships ON audit_log USING gin (township_codes)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_townships`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN township_codes`);
    await q.query(`DROP INDEX placements_one_active_per_hire`);
  }
}
