import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A NOTIFY on the `outbox` channel when rows are added, so the relay publishes at once instead of
 * at its next poll. Once per statement (a 5,000-row import batch is one notification), carrying the
 * table's schema: several deployments or test suites can share a database, one schema each.
 * Delivered at commit, so the relay never wakes for rows it cannot see yet.
 */
export class OutboxNotify1764300800000 implements MigrationInterface {
  name = 'OutboxNotify1764300800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', TG_TABLE_SCHEMA);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
  }
}
