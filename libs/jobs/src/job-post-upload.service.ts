import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, JobName, OutboxService, csvDocument, AuthUser } from '@app/platform';
import { ImportRow, JobPostImportRepository } from './job-post-import.repository';
import { JobPostImportView } from './job-post-upload.dto';

/** Size of the pieces an upload is stored in (job_post_import_file_chunks). */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

/**
 * Sheet uploads through the API. The upload is streamed to a temp file (the multipart size limit
 * applies), then stored in Postgres in 1 MiB pieces in ONE transaction with its `job_post_imports`
 * row and a `jobs.import-requested` outbox row; the worker runs the import
 * (`JobPostImportHandler`), writes progress to the row and deletes the stored bytes when it ends.
 * Nothing of the import lives in the API process: an API restart loses nothing, and a worker that
 * dies mid-import is resumed from its last committed batch.
 */
@Injectable()
export class JobPostUploadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: JobPostImportRepository,
    private readonly outbox: OutboxService,
  ) {}

  async start(
    actor: AuthUser,
    upload: Readable,
    fileName: string,
    publish: boolean,
  ): Promise<JobPostImportView> {
    const dir = await mkdtemp(path.join(tmpdir(), 'jishan-upload-'));
    const safeName =
      path
        .basename(fileName)
        .replace(/[^\p{L}\p{N}._-]/gu, '_')
        .slice(-120) || 'upload';
    const file = path.join(dir, safeName);
    try {
      await pipeline(upload, createWriteStream(file));
      // @fastify/multipart ends a file stream over its fileSize limit early and only flags it.
      if ((upload as Readable & { truncated?: boolean }).truncated) {
        throw new DomainError(
          'import.file-too-large',
          'file: the sheet is larger than the upload limit (50 MB; a 100,000-row sheet is about 20 MB)',
          413,
          [{ field: 'file', message: 'larger than the upload limit' }],
        );
      }
      const id = await this.dataSource.transaction(async (m) => {
        const importId = await this.imports.create(m, safeName, publish, actor.id);
        let seq = 0;
        let size = 0;
        for await (const chunk of createReadStream(file, { highWaterMark: IMPORT_CHUNK_BYTES })) {
          const bytes = chunk as Buffer;
          await this.imports.storeChunk(m, importId, seq++, bytes);
          size += bytes.length;
        }
        const outboxId = await this.outbox.add(m, JobName.JobPostImportRequested, { importId });
        await this.imports.setRequest(m, importId, outboxId, size);
        return importId;
      });
      return await this.get(id);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async get(id: string): Promise<JobPostImportView> {
    const row = await this.imports.get(id);
    if (!row) throw DomainError.notFound('Import');
    return view(row);
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
    return csvDocument(lines);
  }
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
