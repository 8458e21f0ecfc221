import { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform kernel: outbox, idempotency records, the shared-services marker, townships. */
export class PlatformFoundation1764300000000 implements MigrationInterface {
  name = 'PlatformFoundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // Written in the same transaction as the business rows; the relay turns rows into BullMQ jobs.
    await q.query(`
      CREATE TABLE outbox (
        id            bigserial PRIMARY KEY,
        job_name      text        NOT NULL,
        payload       jsonb       NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz,
        publish_count integer     NOT NULL DEFAULT 0,
        processed_at  timestamptz,
        last_error    text
      )`);
    await q.query(`CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL`);
    await q.query(
      `CREATE INDEX outbox_unprocessed ON outbox (published_at) WHERE published_at IS NOT NULL AND processed_at IS NULL`,
    );
    // Idempotency-Key records: the first answer to a creating POST, replayed for the same key and body.
    await q.query(`
      CREATE TABLE idempotency_records (
        scope         text        NOT NULL,
        key           text        NOT NULL,
        request_hash  text        NOT NULL,
        status_code   integer,
        response_body jsonb,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    // Results of end-to-end pipeline checks (outbox → relay → queue → worker). The primary key on
    // outbox_id makes a second processing of the same row an error, never a silent duplicate.
    await q.query(`
      CREATE TABLE pipeline_checks (
        outbox_id    bigint PRIMARY KEY REFERENCES outbox (id),
        note         text        NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row: the identity of this installation. API and worker compare it with the copy in Redis
    // at start-up, which proves they share one database and one Redis.
    await q.query(`
      CREATE TABLE platform_marker (
        singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        marker     uuid        NOT NULL DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO platform_marker DEFAULT VALUES`);
    // The county's townships (乡镇) and the development zone: reference data, not demo data.
    await q.query(`
      CREATE TABLE townships (
        code text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('town', 'township', 'zone')),
        lat  double precision NOT NULL,
        lng  double precision NOT NULL
      )`);
    await q.query(`
      INSERT INTO townships (code, name, kind, lat, lng) VALUES
        ('jifeng', '稷峰镇', 'town', 35.6004, 110.9839),
        ('xishe', '西社镇', 'town', 35.6519, 110.8755),
        ('huayu', '化峪镇', 'town', 35.6342, 111.0533),
        ('zhaidian', '翟店镇', 'town', 35.5611, 110.8921),
        ('qinghe', '清河镇', 'town', 35.5459, 110.9656),
        ('caicun', '蔡村乡', 'township', 35.5782, 111.0471),
        ('taiyang', '太阳乡', 'township', 35.6698, 110.9412),
        ('devzone', '稷山经开区', 'zone', 35.5876, 111.0027)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE townships`);
    await q.query(`DROP TABLE platform_marker`);
    await q.query(`DROP TABLE pipeline_checks`);
    await q.query(`DROP TABLE idempotency_records`);
    await q.query(`DROP TABLE outbox`);
  }
}
