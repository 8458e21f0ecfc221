import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sheet uploads run in the worker, durably: the uploaded bytes live in Postgres until the import
 * ends, and each batch commits a checkpoint (the last sheet row whose outcome is committed, the
 * counts so far, and the row errors) with the rows it wrote — so a run that dies resumes after the
 * last checkpoint and counts every row exactly once.
 */
export class ImportUploadsInWorker1764300600000 implements MigrationInterface {
  name = 'ImportUploadsInWorker1764300600000';

  async up(q: QueryRunner): Promise<void> {
    // Imports started by the old in-API runner have no stored file: nothing can resume them.
    await q.query(
      `UPDATE job_post_imports SET status = 'failed', finished_at = now(),
              error = '导入在升级时中断，请重新上传该表（已导入的岗位会计为重复） / The import was interrupted by an upgrade; upload the sheet again (posts already imported count as duplicates)'
        WHERE status IN ('queued', 'running')`,
    );
    // outbox_id: the latest request (outbox row) for the import; runs: how many runs started;
    // heartbeat_at: the last sign of life of a run (progress, checkpoint) or of a request;
    // checkpoint: {lastRow, rows, imported, duplicates, rejected}, committed with the batch it covers.
    await q.query(`
      ALTER TABLE job_post_imports
        ADD COLUMN outbox_id    bigint,
        ADD COLUMN runs         integer     NOT NULL DEFAULT 0,
        ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN checkpoint   jsonb`);
    await q.query(
      `CREATE INDEX job_post_imports_unfinished ON job_post_imports (heartbeat_at)
        WHERE status IN ('queued', 'running')`,
    );
    // The uploaded sheet, in 1 MiB pieces (neither side ever holds a whole 50 MB file in memory);
    // deleted when the import ends.
    await q.query(`
      CREATE TABLE job_post_import_file_chunks (
        import_id uuid    NOT NULL REFERENCES job_post_imports (id) ON DELETE CASCADE,
        seq       integer NOT NULL CHECK (seq >= 0),
        bytes     bytea   NOT NULL,
        PRIMARY KEY (import_id, seq)
      )`);
    // Row errors committed so far by a running import, in sheet order (id); folded into
    // job_post_imports.result and deleted when the import ends.
    await q.query(`
      CREATE TABLE job_post_import_errors (
        id          bigserial PRIMARY KEY,
        import_id   uuid    NOT NULL REFERENCES job_post_imports (id) ON DELETE CASCADE,
        row_number  integer NOT NULL,
        column_name text    NOT NULL,
        message     text    NOT NULL
      )`);
    await q.query(`CREATE INDEX job_post_import_errors_import ON job_post_import_errors (import_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_post_import_errors`);
    await q.query(`DROP TABLE job_post_import_file_chunks`);
    await q.query(`DROP INDEX job_post_imports_unfinished`);
    await q.query(`
      ALTER TABLE job_post_imports
        DROP COLUMN checkpoint, DROP COLUMN heartbeat_at, DROP COLUMN runs, DROP COLUMN outbox_id`);
  }
}
