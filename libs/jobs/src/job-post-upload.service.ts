import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/platform';
import { AuthUser } from '@app/identity';
import { ImportResult, SheetUnreadableError } from './import';
import { JobPostImportService } from './job-post-import.service';
import { JobPostImportView } from './job-post-upload.dto';

interface ImportRow {
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

const PROGRESS_EVERY_MS = 300;

/**
 * Sheet uploads through the API. The upload is streamed to a temp file, a `job_post_imports` row
 * records it, and the import runs in the background IN THIS API PROCESS (not a queue job: the file is
 * on this machine's disk). Progress is written to the row at most every 300 ms. If the API stops
 * mid-import, the rows already imported stay (each is its own transaction), the import row stays
 * `running`, and re-uploading the same sheet imports only what is missing (the rest are duplicates).
 */
@Injectable()
export class JobPostUploadService implements OnApplicationShutdown {
  private readonly logger = new Logger(JobPostUploadService.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly importer: JobPostImportService,
  ) {}

  async start(
    actor: AuthUser,
    upload: Readable,
    fileName: string,
    publish: boolean,
  ): Promise<JobPostImportView> {
    const dir = await mkdtemp(path.join(tmpdir(), 'jishan-import-'));
    const safeName =
      path
        .basename(fileName)
        .replace(/[^\p{L}\p{N}._-]/gu, '_')
        .slice(-120) || 'upload';
    const file = path.join(dir, safeName);
    try {
      await pipeline(upload, createWriteStream(file));
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO job_post_imports (file_name, publish, created_by) VALUES ($1, $2, $3) RETURNING id`,
      [safeName, publish, actor.id],
    );
    const id = rows[0].id;
    const job = this.run(id, file, publish, actor.id)
      .catch((err: unknown) => this.logger.error({ err, importId: id }, 'import bookkeeping failed'))
      .finally(() => {
        this.running.delete(job);
        void rm(dir, { recursive: true, force: true });
      });
    this.running.add(job);
    return this.get(id);
  }

  async get(id: string): Promise<JobPostImportView> {
    const rows: ImportRow[] = await this.dataSource.query(`SELECT * FROM job_post_imports WHERE id = $1`, [
      id,
    ]);
    if (!rows[0]) throw DomainError.notFound('Import');
    return view(rows[0]);
  }

  /** The per-row result as CSV (UTF-8 with BOM for Excel): 行号, 列名, 错误信息. */
  async resultCsv(id: string): Promise<string> {
    const v = await this.get(id);
    if (v.status !== 'done' || !v.result) {
      throw DomainError.conflict('import.not-finished', `The import is ${v.status}; its result is not ready`);
    }
    const lines = [['行号', '列名', '错误信息']];
    for (const e of v.result.errors) lines.push([String(e.row), e.column, e.message]);
    lines.push([]);
    lines.push(['导入成功', String(v.result.imported)]);
    lines.push(['重复', String(v.result.duplicates)]);
    lines.push(['拒绝', String(v.result.rejected)]);
    return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
  }

  /** Waits for background imports (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  private async run(id: string, file: string, publish: boolean, actorId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE job_post_imports SET status = 'running', started_at = now() WHERE id = $1`,
      [id],
    );
    let chain: Promise<unknown> = Promise.resolve();
    let last = 0;
    try {
      const result = await this.importer.importFile(file, {
        publish,
        actorId,
        importId: id,
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          chain = chain.then(() =>
            this.dataSource
              .query(
                `UPDATE job_post_imports SET rows_processed = $2, imported = $3, duplicates = $4, rejected = $5,
                   bytes_read = $6, total_bytes = $7 WHERE id = $1 AND status = 'running'`,
                [id, p.rows, p.imported, p.duplicates, p.rejected, p.bytesRead, p.totalBytes ?? null],
              )
              .catch(() => undefined),
          );
        },
      });
      await chain;
      await this.dataSource.query(
        `UPDATE job_post_imports SET status = 'done', finished_at = now(), rows_processed = $2, imported = $3,
           duplicates = $4, rejected = $5, bytes_read = COALESCE(total_bytes, bytes_read), result = $6 WHERE id = $1`,
        [
          id,
          result.imported + result.duplicates + result.rejected,
          result.imported,
          result.duplicates,
          result.rejected,
          JSON.stringify(result),
        ],
      );
    } catch (err) {
      await chain;
      const message =
        err instanceof SheetUnreadableError
          ? err.message
          : 'The import stopped on an internal error; it has been logged';
      if (!(err instanceof SheetUnreadableError)) this.logger.error({ err, importId: id }, 'import failed');
      await this.dataSource.query(
        `UPDATE job_post_imports SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`,
        [id, message],
      );
    }
  }
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function view(r: ImportRow): JobPostImportView {
  const total = r.total_bytes === null ? null : Number(r.total_bytes);
  const read = Number(r.bytes_read);
  return {
    id: r.id,
    status: r.status,
    fileName: r.file_name,
    publish: r.publish,
    rowsProcessed: r.rows_processed,
    imported: r.imported,
    duplicates: r.duplicates,
    rejected: r.rejected,
    percent: r.status === 'done' ? 100 : total ? Math.min(99, Math.floor((read / total) * 100)) : null,
    result: r.result,
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: r.started_at ? new Date(r.started_at).toISOString() : null,
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}
