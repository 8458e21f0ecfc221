import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A NOTIFY on the `outbox` channel when rows are added, so the relay publishes at once instead of
 * at its next poll. Once per statement (a 5,000-row import batch is one notification), carrying the
 * table's schema: several deployments or test suites can share a database, one schema each.
 * Delivered at commit, so the relay never wakes for rows it cannot see yet.
 *
 * Once per transaction, too: a transaction-local flag skips pg_notify after the first. Notifies
 * queued inside savepoints are merged into the parent at each release, and the sheet import's
 * one-savepoint-per-row made that cost as much as the import itself (20,000 rows: 15 s → 28 s).
 * The flag is rolled back with a savepoint that rolls back, together with its notification.
 */
export class OutboxNotify1764300800000 implements MigrationInterface {
  name = 'OutboxNotify1764300800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('jishan.outbox_notified', true) IS DISTINCT FROM 'on' THEN
          PERFORM pg_notify('outbox', TG_TABLE_SCHEMA);
          PERFORM set_config('jishan.outbox_notified', 'on', true);
        END IF;
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
