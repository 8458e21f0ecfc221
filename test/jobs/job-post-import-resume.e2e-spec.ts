import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';
import { Actor, SheetRow, createPrivileged, goodRow, newCreditCode, writeCsv } from './jobs-fixtures';

/**
 * Chaos: the worker running a staff upload is SIGKILLed mid-import. Another worker resumes it from
 * the last committed batch, and every row of the sheet is accounted for exactly once — imported,
 * duplicate or rejected — with no post inserted twice and the stored upload deleted at the end.
 *
 * The first worker is a child process (the compiled `dist/apps/worker/src/main.js`, as production
 * runs it, so `npm run build` first); the second runs in-process. OUTBOX_SWEEP_AFTER_MS is short
 * so the import sweep requests the dead run again within seconds; the killed worker's own BullMQ
 * job comes back later through BullMQ's stalled-job check and must then change nothing.
 */
jest.setTimeout(300_000);

const ROWS = 8000;
const WORKER_MAIN = path.resolve(__dirname, '../../dist/apps/worker/src/main.js');

describe('job post upload import resumes after its worker is killed', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  let dir: string;
  let staff: Actor;
  let child: ChildProcess | undefined;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    env = await setupSuiteEnv('jobs_import_resume', { OUTBOX_SWEEP_AFTER_MS: '1000' });
    app = await startApi();
    ds = app.get(DataSource);
    dir = mkdtempSync(path.join(tmpdir(), 'jishan-import-resume-'));
    staff = await createPrivileged(app, Role.Staff);
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await worker?.close();
    await app?.close();
    await env?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const n = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await ds.query(sql, params))[0].n);

  it('SIGKILL mid-import: a new worker finishes it, every row counted once, no post twice', async () => {
    expect(existsSync(WORKER_MAIN)).toBe(true);
    // Good rows of 40 employers; every 500th row repeats the row before it (a duplicate within the
    // sheet) and every 700th is refused (招聘人数 0). Expected outcomes computed alongside.
    const codes = Array.from({ length: 40 }, () => newCreditCode());
    const rows: SheetRow[] = [];
    const rejectedRows: number[] = [];
    let imported = 0;
    let duplicates = 0;
    for (let i = 0; i < ROWS; i++) {
      const sheetRow = i + 2;
      const previous = rows[rows.length - 1];
      if (i % 700 === 699) {
        rows.push(goodRow(codes[i % 40], { 岗位名称: `坏行${i}`, 招聘人数: '0' }));
        rejectedRows.push(sheetRow);
      } else if (i % 500 === 499 && previous && !rejectedRows.includes(sheetRow - 1)) {
        rows.push({ ...previous });
        duplicates++;
      } else {
        rows.push(goodRow(codes[i % 40], { 岗位名称: `普工${i}`, 工作地点: i % 2 ? '西社镇' : '稷峰镇' }));
        imported++;
      }
    }
    const file = writeCsv(dir, 'resume.csv', rows);

    const res = await request(app.getHttpServer())
      .post('/api/v1/job-posts/imports')
      .set('authorization', `Bearer ${staff.token}`)
      .attach('file', file)
      .expect(202);
    const id: string = res.body.id;
    expect(res.body.status).toBe('queued');
    expect(
      await n(`SELECT count(*) AS n FROM job_post_import_file_chunks WHERE import_id = $1`, [id]),
    ).toBeGreaterThan(0);

    // Worker 1 (a real process) takes the import; killed as soon as progress shows.
    let stderr = '';
    child = spawn(process.execPath, [WORKER_MAIN], {
      env: { ...process.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const exited = new Promise<void>((resolve) => child?.once('exit', () => resolve()));
    await waitUntil(
      'worker 1 to make progress',
      async () => {
        if (child?.exitCode !== null) throw new Error(`worker 1 exited early: ${stderr}`);
        return (await n(`SELECT rows_processed AS n FROM job_post_imports WHERE id = $1`, [id])) > 0;
      },
      60_000,
    );
    child.kill('SIGKILL');
    await exited;

    // Killed mid-way: the progress route shows a running import with part of the rows.
    const mid = await request(app.getHttpServer())
      .get(`/api/v1/job-posts/imports/${id}`)
      .set('authorization', `Bearer ${staff.token}`)
      .expect(200);
    expect(mid.body.status).toBe('running');
    expect(mid.body.rowsProcessed).toBeGreaterThan(0);
    expect(mid.body.rowsProcessed).toBeLessThan(ROWS);
    const partial = await n(`SELECT count(*) AS n FROM job_posts WHERE import_id = $1`, [id]);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(imported);

    // Worker 2 resumes it.
    worker = await startWorker();
    let body: {
      status: string;
      rowsProcessed: number;
      result: { imported: number; duplicates: number; rejected: number; errors: { row: number }[] } | null;
    } = mid.body;
    await waitUntil(
      'the resumed import to finish',
      async () => {
        const r = await request(app.getHttpServer())
          .get(`/api/v1/job-posts/imports/${id}`)
          .set('authorization', `Bearer ${staff.token}`)
          .expect(200);
        body = r.body;
        return body.status === 'done' || body.status === 'failed';
      },
      120_000,
    );
    expect(body.status).toBe('done');
    expect(body.rowsProcessed).toBe(ROWS);
    expect(body.result).toMatchObject({ imported, duplicates, rejected: rejectedRows.length });
    // Every refused row reported once, in sheet order, none from the earlier run repeated.
    expect(body.result?.errors.map((e) => e.row)).toEqual(rejectedRows);

    const expectInDb = async () => {
      expect(await n(`SELECT count(*) AS n FROM job_posts WHERE import_id = $1`, [id])).toBe(imported);
      expect(await n(`SELECT count(*) AS n FROM job_posts`)).toBe(imported);
      expect(await n(`SELECT count(DISTINCT dedupe_key) AS n FROM job_posts`)).toBe(imported);
    };
    await expectInDb();
    // Two runs: the killed one and the one that finished.
    expect(await n(`SELECT runs AS n FROM job_post_imports WHERE id = $1`, [id])).toBe(2);
    expect(await n(`SELECT count(*) AS n FROM job_post_import_file_chunks WHERE import_id = $1`, [id])).toBe(
      0,
    );
    expect(await n(`SELECT count(*) AS n FROM job_post_import_errors WHERE import_id = $1`, [id])).toBe(0);

    // The killed worker's own job returns through BullMQ's stalled-job check and changes nothing.
    await drainOutbox(worker, 150_000);
    await expectInDb();
    const after = await request(app.getHttpServer())
      .get(`/api/v1/job-posts/imports/${id}`)
      .set('authorization', `Bearer ${staff.token}`)
      .expect(200);
    expect(after.body).toEqual(body);

    const csv = await request(app.getHttpServer())
      .get(`/api/v1/job-posts/imports/${id}/result.csv`)
      .set('authorization', `Bearer ${staff.token}`)
      .expect(200);
    expect(csv.text).toContain(`导入成功,${imported}`);
    expect(csv.text).toContain(`重复,${duplicates}`);
  });

  it('a worker stopping gracefully hands the import over at once, without counting the run', async () => {
    worker ??= await startWorker();
    const code = newCreditCode();
    const rows = Array.from({ length: ROWS }, (_, i) => goodRow(code, { 岗位名称: `装卸工${i}` }));
    const file = writeCsv(dir, 'graceful.csv', rows);
    const res = await request(app.getHttpServer())
      .post('/api/v1/job-posts/imports')
      .set('authorization', `Bearer ${staff.token}`)
      .attach('file', file)
      .expect(202);
    const id: string = res.body.id;
    await waitUntil(
      'the worker to make progress',
      async () => (await n(`SELECT rows_processed AS n FROM job_post_imports WHERE id = $1`, [id])) > 0,
      60_000,
    );
    // SIGTERM's path: the run stops before its next row, its job fails and is retried by BullMQ.
    await worker?.close();
    const partial = await n(`SELECT count(*) AS n FROM job_posts WHERE import_id = $1`, [id]);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ROWS);
    expect(await n(`SELECT runs AS n FROM job_post_imports WHERE id = $1`, [id])).toBe(0);

    worker = await startWorker();
    await drainOutbox(worker, 120_000);
    const done = await request(app.getHttpServer())
      .get(`/api/v1/job-posts/imports/${id}`)
      .set('authorization', `Bearer ${staff.token}`)
      .expect(200);
    expect(done.body).toMatchObject({
      status: 'done',
      rowsProcessed: ROWS,
      result: { imported: ROWS, duplicates: 0, rejected: 0, errors: [] },
    });
    expect(await n(`SELECT count(*) AS n FROM job_posts WHERE import_id = $1`, [id])).toBe(ROWS);
    expect(await n(`SELECT runs AS n FROM job_post_imports WHERE id = $1`, [id])).toBe(1);
    expect(await n(`SELECT count(*) AS n FROM job_post_import_file_chunks WHERE import_id = $1`, [id])).toBe(
      0,
    );
  });
});
