import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ImportResult, RowError } from './import';
import type { ImportCheckpoint } from './job-post-import.service';

/** A staff upload as stored (job_post_imports), snake case as Postgres answers. */
export interface ImportRow {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  file_name: string;
  publish: boolean;
  created_by: string;
  rows_processed: number;
  imported: number;
  duplicates: number;
  rejected: number;
  bytes_read: string;
  total_bytes: string | null;
  result: ImportResult | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** What a run of an import starts from. */
export interface ClaimedImport {
  id: string;
  file_name: string;
  publish: boolean;
  created_by: string;
  total_bytes: string | null;
  runs: number;
  checkpoint: ImportCheckpoint | null;
  outbox_id: string | null;
}

/**
 * The staff uploads' tables (jobs'): job_post_imports, the stored file in
 * job_post_import_file_chunks, the interim row errors in job_post_import_errors.
 */
@Injectable()
export class JobPostImportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(m: EntityManager, fileName: string, publish: boolean, createdBy: string): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO job_post_imports (file_name, publish, created_by) VALUES ($1, $2, $3) RETURNING id`,
      [fileName, publish, createdBy],
    );
    return rows[0].id;
  }

  async storeChunk(m: EntityManager, importId: string, seq: number, bytes: Buffer): Promise<void> {
    await m.query(`INSERT INTO job_post_import_file_chunks (import_id, seq, bytes) VALUES ($1, $2, $3)`, [
      importId,
      seq,
      bytes,
    ]);
  }

  async chunk(importId: string, seq: number): Promise<Buffer | null> {
    const rows: { bytes: Buffer }[] = await this.dataSource.query(
      `SELECT bytes FROM job_post_import_file_chunks WHERE import_id = $1 AND seq = $2`,
      [importId, seq],
    );
    return rows[0]?.bytes ?? null;
  }

  async setRequest(m: EntityManager, importId: string, outboxId: string, totalBytes?: number): Promise<void> {
    await m.query(
      `UPDATE job_post_imports SET outbox_id = $2, total_bytes = COALESCE($3, total_bytes), heartbeat_at = now()
        WHERE id = $1`,
      [importId, outboxId, totalBytes ?? null],
    );
  }

  async get(id: string): Promise<ImportRow | null> {
    const rows: ImportRow[] = await this.dataSource.query(`SELECT * FROM job_post_imports WHERE id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /**
   * A run takes the import (committed at once, so a run that dies still counts): status running,
   * one more run, totals back at the checkpoint's. Null when it is done or failed already.
   */
  async claimRun(importId: string): Promise<ClaimedImport | null> {
    const rows: ClaimedImport[] = await this.dataSource.query(
      `WITH run AS (
         UPDATE job_post_imports
            SET status = 'running', runs = runs + 1, started_at = COALESCE(started_at, now()),
                heartbeat_at = now(),
                rows_processed = COALESCE((checkpoint->>'rows')::int, 0),
                imported = COALESCE((checkpoint->>'imported')::int, 0),
                duplicates = COALESCE((checkpoint->>'duplicates')::int, 0),
                rejected = COALESCE((checkpoint->>'rejected')::int, 0)
          WHERE id = $1 AND status IN ('queued', 'running')
          RETURNING id, file_name, publish, created_by, total_bytes, runs, checkpoint, outbox_id)
       SELECT * FROM run`,
      [importId],
    );
    return rows[0] ?? null;
  }

  /** A run that stopped for the process's sake (not the sheet's) gives its run back. */
  async giveBackRun(importId: string): Promise<void> {
    await this.dataSource.query(`UPDATE job_post_imports SET runs = runs - 1 WHERE id = $1`, [importId]);
  }

  /** Unfinished imports with no sign of life for `staleAfterMs`, locked for the sweep. */
  async lockStale(
    m: EntityManager,
    staleAfterMs: number,
  ): Promise<{ id: string; outbox_id: string | null }[]> {
    return m.query(
      `SELECT id, outbox_id FROM job_post_imports
        WHERE status IN ('queued', 'running')
          AND heartbeat_at < now() - ($1::int * interval '1 millisecond')
        ORDER BY heartbeat_at LIMIT 100
        FOR UPDATE SKIP LOCKED`,
      [staleAfterMs],
    );
  }

  async checkpoint(
    m: EntityManager,
    importId: string,
    checkpoint: ImportCheckpoint,
    errors: RowError[],
  ): Promise<void> {
    if (errors.length > 0) {
      await m.query(
        `INSERT INTO job_post_import_errors (import_id, row_number, column_name, message)
         SELECT $1, e.row_number, e.column_name, e.message
           FROM unnest($2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS e(row_number, column_name, message, n)
          ORDER BY e.n`,
        [importId, errors.map((e) => e.row), errors.map((e) => e.column), errors.map((e) => e.message)],
      );
    }
    await m.query(`UPDATE job_post_imports SET checkpoint = $2, heartbeat_at = now() WHERE id = $1`, [
      importId,
      JSON.stringify(checkpoint),
    ]);
  }

  async progress(
    importId: string,
    p: { rows: number; imported: number; duplicates: number; rejected: number; bytesRead: number },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE job_post_imports SET rows_processed = $2, imported = $3, duplicates = $4, rejected = $5,
         bytes_read = $6, heartbeat_at = now() WHERE id = $1 AND status = 'running'`,
      [importId, p.rows, p.imported, p.duplicates, p.rejected, p.bytesRead],
    );
  }

  async errors(m: EntityManager, importId: string): Promise<RowError[]> {
    const rows: { row_number: number; column_name: string; message: string }[] = await m.query(
      `SELECT row_number, column_name, message FROM job_post_import_errors WHERE import_id = $1 ORDER BY id`,
      [importId],
    );
    return rows.map((e) => ({ row: e.row_number, column: e.column_name, message: e.message }));
  }

  /** The import is done; the stored bytes and interim errors go, `result` keeps the answer. */
  async finish(
    m: EntityManager,
    importId: string,
    totals: ImportCheckpoint,
    result: ImportResult,
  ): Promise<void> {
    await m.query(
      `UPDATE job_post_imports SET status = 'done', finished_at = now(), heartbeat_at = now(), rows_processed = $2,
         imported = $3, duplicates = $4, rejected = $5, bytes_read = COALESCE(total_bytes, bytes_read), result = $6
       WHERE id = $1`,
      [importId, totals.rows, totals.imported, totals.duplicates, totals.rejected, JSON.stringify(result)],
    );
    await this.discard(m, importId);
  }

  async fail(m: EntityManager, importId: string, message: string): Promise<void> {
    await m.query(
      `UPDATE job_post_imports SET status = 'failed', finished_at = now(), heartbeat_at = now(), error = $2
        WHERE id = $1`,
      [importId, message],
    );
    await this.discard(m, importId);
  }

  private async discard(m: EntityManager, importId: string): Promise<void> {
    await m.query(`DELETE FROM job_post_import_file_chunks WHERE import_id = $1`, [importId]);
    await m.query(`DELETE FROM job_post_import_errors WHERE import_id = $1`, [importId]);
  }
}
