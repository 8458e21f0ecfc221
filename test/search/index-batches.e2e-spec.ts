/**
 * The index feed in batches: posts committed together (a sheet's rows) reach Meilisearch as one
 * document task per batch, not one per post; with Meilisearch stopped a batch fails whole —
 * every row keeps its error and stays unprocessed, nothing is lost — and once Meilisearch is back
 * (same data, port and key) the retried batches index every post. Own Meilisearch, own schema.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { Meilisearch } from 'meilisearch';
import { JobPostImportService } from '@app/jobs';
import { RunningMeilisearch, freePort, startMeilisearch } from '@app/platform';
import { INDEX_NAMES, indexUid } from '@app/search';
import { goodRow, newCreditCode, writeCsv } from '../jobs/jobs-fixtures';
import { startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';

jest.setTimeout(240_000);

describe('the search index fed in batches', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let meili: RunningMeilisearch;
  let dataDir: string;
  let port: number;
  let tmp: string;
  const masterKey = randomBytes(24).toString('base64url');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'jishan-meili-batches-'));
    tmp = mkdtempSync(path.join(tmpdir(), 'jishan-batches-'));
    port = await freePort();
    meili = await startMeilisearch({ dataDir, port, masterKey });
    process.env.MEILI_URL = meili.url;
    process.env.MEILI_MASTER_KEY = masterKey;
    env = await setupSuiteEnv('index_batches');
    app = await startApi();
    worker = await startWorker();
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup().catch(() => undefined);
    await meili?.stop();
    for (const dir of [dataDir, tmp]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const client = () => new Meilisearch({ host: meili.url, apiKey: masterKey });
  const uid = () => indexUid(env.indexPrefix, INDEX_NAMES.jobPosts);
  const importSheet = async (name: string, rows: number) => {
    const code = newCreditCode();
    const file = writeCsv(
      tmp,
      `${name}.csv`,
      Array.from({ length: rows }, (_v, i) => goodRow(code, { 岗位名称: `${name}焊工${i + 1}号` })),
    );
    const result = await app.get(JobPostImportService).importFile(file, { publish: true });
    expect(result).toMatchObject({ imported: rows });
  };
  const indexed = async (prefix: string) =>
    (
      await client()
        .index(uid())
        .search('', { filter: [`status = "published"`], limit: 1000, attributesToRetrieve: ['title'] })
    ).hits.filter((h) => String(h.title).startsWith(prefix)).length;
  // Before the worker has created the index (or while Meilisearch restarts) nothing is indexed yet.
  const indexedNow = (prefix: string) => indexed(prefix).catch(() => 0);
  const additionTasks = async () =>
    (await client().tasks.getTasks({ indexUids: [uid()], types: ['documentAdditionOrUpdate'], limit: 1000 }))
      .results.length;

  it('indexes a 120-row sheet in a few document tasks, not 120', async () => {
    const before = await additionTasks().catch(() => 0);
    await importSheet('甲', 120);
    await waitUntil('all 120 posts indexed', async () => (await indexedNow('甲')) === 120, 60_000);
    const tasks = (await additionTasks()) - before;
    expect(tasks).toBeGreaterThanOrEqual(1);
    expect(tasks).toBeLessThanOrEqual(6);
  });

  it('with Meilisearch stopped, a batch fails whole and keeps every row; it catches up when Meilisearch is back', async () => {
    // The dispatcher says how it handled the failed batch: retried whole, never row by row against a dead server.
    const warn = jest.spyOn(Logger.prototype, 'warn');
    await meili.stop();
    await importSheet('乙', 40);
    const ds = worker.get(DataSource);
    const rows = async () =>
      (
        await ds.query(
          `SELECT count(*) FILTER (WHERE last_error IS NOT NULL)::int AS failed,
                  count(*) FILTER (WHERE processed_at IS NULL)::int AS open
             FROM outbox o JOIN job_posts j ON j.id = (o.payload->>'jobPostId')::uuid
            WHERE o.job_name = 'search.job-post-changed' AND j.title LIKE '乙%'`,
        )
      )[0] as { failed: number; open: number };
    await waitUntil(
      'every row of the failed batch to carry its error',
      async () => (await rows()).failed === 40,
    );
    expect((await rows()).open).toBe(40);
    const said = warn.mock.calls.map((c) => String(c[1] ?? c[0]));
    expect(said).toContain('batch failed; retried whole');
    expect(said).not.toContain('batch failed; its rows run one by one');
    warn.mockRestore();

    meili = await startMeilisearch({ dataDir, port, masterKey });
    await waitUntil('the retried batch to index all 40', async () => (await indexedNow('乙')) === 40, 90_000);
    await waitUntil('the rows to be processed', async () => (await rows()).open === 0, 30_000);
  });
});
