import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobName, Role } from '@app/platform';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';
import {
  Actor,
  createPrivileged,
  goodRow,
  newCreditCode,
  registerAgency,
  registerEmployer,
  runImportCli,
  writeCsv,
  writeXlsx,
} from './jobs-fixtures';

/**
 * The 岗位信息采集表 import, through the compiled CLI (as `npm run jobs:import` runs it) and through
 * the staff upload route. Counts are exact: imported / duplicates / rejected, row+column errors.
 */
jest.setTimeout(120_000);

describe('job post import (CLI and upload)', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let dir: string;
  let staff: Actor;

  beforeAll(async () => {
    env = await setupSuiteEnv('jobs_import', { LOGIN_THROTTLE_LIMIT: '1000' });
    app = await startApi();
    worker = await startWorker();
    ds = app.get(DataSource);
    dir = mkdtempSync(path.join(tmpdir(), 'jishan-import-test-'));
    staff = await createPrivileged(app, Role.Staff);
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const n = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await ds.query(sql, params))[0].n);

  it('imports a good sheet, pending review, with the exact contract JSON and nothing else on stdout', async () => {
    const code = newCreditCode();
    const file = writeCsv(dir, 'good.csv', [
      goodRow(code),
      goodRow(code, { 岗位名称: '装配工', 招聘人数: '3', 工作地点: '江苏省苏州市昆山市', 用工形式: '见习' }),
      goodRow(newCreditCode(), { 单位名称: '稷山县板枣合作社', 岗位名称: '分拣员', 单位规模: '微型' }),
    ]);
    const r = await runImportCli([file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ imported: 3, duplicates: 0, rejected: 0, errors: [] });
    const posts = await ds.query(
      `SELECT j.status, j.township_code, j.outside_province, j.outside_city, j.outside_county, j.is_internship,
              j.wage_min_fen::text AS wmin, j.wage_max_fen::text AS wmax, j.skills, to_char(j.deadline, 'YYYY-MM-DD') AS deadline
         FROM job_posts j JOIN organisations o ON o.id = j.employer_id WHERE o.credit_code = $1 ORDER BY j.township_code NULLS FIRST`,
      [code],
    );
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({
      status: 'pending-review',
      township_code: null,
      outside_province: '江苏省',
    });
    expect(posts[0].is_internship).toBe(true);
    expect(posts[1]).toMatchObject({
      status: 'pending-review',
      township_code: 'jifeng',
      wmin: '400000',
      wmax: '600000',
      skills: ['电焊', '气割'],
      deadline: '2099-12-31',
    });
    // One enterprise per credit code, with its profile (size from the sheet).
    expect(await n(`SELECT count(*) AS n FROM organisations WHERE credit_code = $1`, [code])).toBe(1);
    expect(
      await n(
        `SELECT count(*) AS n FROM enterprise_profiles p JOIN organisations o ON o.id = p.organisation_id
          WHERE o.credit_code = $1 AND p.size = 'small' AND p.industry = '制造业'`,
        [code],
      ),
    ).toBe(1);
    // Not published → nothing for the search index.
    expect(await n(`SELECT count(*) AS n FROM outbox WHERE job_name = $1`, [JobName.JobPostChanged])).toBe(0);
  });

  it('the same sheet twice creates nothing new; two imports at the same moment neither', async () => {
    const rows = [
      goodRow(newCreditCode()),
      goodRow(newCreditCode(), { 岗位名称: '叉车司机', 工作地点: '西社镇' }),
    ];
    const file = writeCsv(dir, 'twice.csv', rows);
    const first = JSON.parse((await runImportCli([file, '--publish'])).stdout);
    expect(first).toEqual({ imported: 2, duplicates: 0, rejected: 0, errors: [] });
    const postsBefore = await n(`SELECT count(*) AS n FROM job_posts`);
    const outboxBefore = await n(`SELECT count(*) AS n FROM outbox`);
    const again = await runImportCli([file, '--publish']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ imported: 0, duplicates: 2, rejected: 0, errors: [] });
    expect(await n(`SELECT count(*) AS n FROM job_posts`)).toBe(postsBefore);
    expect(await n(`SELECT count(*) AS n FROM outbox`)).toBe(outboxBefore);

    // Concurrency: a new sheet imported by two processes at once → each post once.
    const fresh = writeCsv(
      dir,
      'race.csv',
      Array.from({ length: 20 }, (_, i) => goodRow(newCreditCode(), { 岗位名称: `普工${i}` })),
    );
    const [a, b] = await Promise.all([runImportCli([fresh]), runImportCli([fresh])]);
    const ra = JSON.parse(a.stdout);
    const rb = JSON.parse(b.stdout);
    expect(ra.imported + rb.imported).toBe(20);
    expect(ra.duplicates + rb.duplicates).toBe(20);
    expect(await n(`SELECT count(*) AS n FROM job_posts WHERE title LIKE '普工%'`)).toBe(20);
  });

  it('a sheet of 1,000 posts or more refreshes the planner statistics of job_posts when it ends', async () => {
    // Autovacuum off for this suite's table, so only the import can have analyzed it.
    await ds.query(`ALTER TABLE job_posts SET (autovacuum_enabled = false)`);
    const planned = async (): Promise<number> =>
      Number(
        (
          await ds.query(
            `SELECT c.reltuples AS n FROM pg_class c
              WHERE c.oid = to_regclass(quote_ident(current_schema()) || '.job_posts')`,
          )
        )[0].n,
      );
    const before = await planned();
    const small = writeCsv(dir, 'small.csv', [goodRow(newCreditCode(), { 岗位名称: '小批量工' })]);
    expect(JSON.parse((await runImportCli([small])).stdout).imported).toBe(1);
    expect(await planned()).toBe(before); // below the threshold: autovacuum's job

    const code = newCreditCode();
    const file = writeCsv(
      dir,
      'large.csv',
      Array.from({ length: 1000 }, (_, i) => goodRow(code, { 岗位名称: `装卸工${i}` })),
    );
    const r = JSON.parse((await runImportCli([file, '--publish'])).stdout);
    expect(r.imported).toBe(1000);
    const rows = await n(`SELECT count(*) AS n FROM job_posts`);
    expect(await planned()).toBe(rows);
  });

  it('a bad sheet: every error names row and column, bad rows write nothing, good rows go in', async () => {
    const agency = await registerAgency(app);
    const agencyCode: string = (
      await ds.query(`SELECT credit_code FROM organisations WHERE id = $1`, [agency.organisationId])
    )[0].credit_code;
    const newBadCode = newCreditCode();
    const good = newCreditCode();
    const file = writeCsv(dir, 'bad.csv', [
      goodRow(good, { 岗位名称: '保洁员' }),
      goodRow(newBadCode, { 招聘人数: '0', 工作地点: '火星', 截止日期: '2020-01-01' }),
      goodRow('91140824MA0K12345X'),
      goodRow(agencyCode, { 岗位名称: '中介岗位' }),
      goodRow(good, { 薪资下限: '5000', 薪资上限: '3000', 联系电话: '12345' }),
    ]);
    const orgsBefore = await n(`SELECT count(*) AS n FROM organisations`);
    const r = await runImportCli([file, '--publish']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.imported).toBe(1);
    expect(out.duplicates).toBe(0);
    expect(out.rejected).toBe(4);
    for (const e of out.errors) {
      expect(e).toEqual({ row: expect.any(Number), column: expect.any(String), message: expect.any(String) });
      expect(e.column.length).toBeGreaterThan(0);
    }
    const cells = out.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(cells).toEqual(
      expect.arrayContaining([
        '3:招聘人数',
        '3:工作地点',
        '3:截止日期',
        '4:统一社会信用代码',
        '5:统一社会信用代码',
        '6:薪资上限',
        '6:联系电话',
      ]),
    );
    // Only the good row's enterprise is new: the rejected rows created no organisation, no post.
    expect(await n(`SELECT count(*) AS n FROM organisations`)).toBe(orgsBefore + 1);
    expect(await n(`SELECT count(*) AS n FROM organisations WHERE credit_code = $1`, [newBadCode])).toBe(0);
    expect(
      await n(`SELECT count(*) AS n FROM job_posts WHERE employer_id = $1`, [agency.organisationId]),
    ).toBe(0);
    // Published with --publish, and the outbox row for the search index written with it.
    const published = await ds.query(
      `SELECT j.id, j.status, j.published_at FROM job_posts j JOIN organisations o ON o.id = j.employer_id
        WHERE o.credit_code = $1`,
      [good],
    );
    expect(published).toHaveLength(1);
    expect(published[0].status).toBe('published');
    expect(published[0].published_at).not.toBeNull();
    expect(
      await n(`SELECT count(*) AS n FROM outbox WHERE job_name = $1 AND payload->>'jobPostId' = $2`, [
        JobName.JobPostChanged,
        published[0].id,
      ]),
    ).toBe(1);
  });

  it('--publish publishes clean rows only: a row the listing screen flags waits for review with its reasons', async () => {
    const code = newCreditCode();
    const file = writeCsv(dir, 'screened.csv', [
      goodRow(code, { 岗位名称: '质检员' }),
      goodRow(code, { 岗位名称: '普工', 岗位描述: '上岗前交押金300元，工装费自理', 工种: '普工' }),
    ]);
    const out = JSON.parse((await runImportCli([file, '--publish'])).stdout);
    expect(out).toMatchObject({ imported: 2, rejected: 0 });
    const rows: { title: string; status: string; screening_flags: { code: string; words: string[] }[] }[] =
      await ds.query(
        `SELECT j.title, j.status, j.screening_flags FROM job_posts j JOIN organisations o ON o.id = j.employer_id
          WHERE o.credit_code = $1 ORDER BY j.title`,
        [code],
      );
    expect(rows.map((r) => [r.title, r.status])).toEqual([
      ['普工', 'pending-review'],
      ['质检员', 'published'],
    ]);
    expect(rows[0].screening_flags).toEqual([
      expect.objectContaining({ code: 'fee-asked', words: expect.arrayContaining(['押金', '工装费']) }),
    ]);
    expect(rows[1].screening_flags).toEqual([]);
  });

  it('reads GBK CSV from Excel and .xlsx', async () => {
    const gbk = writeCsv(
      dir,
      'gbk.csv',
      [goodRow(newCreditCode(), { 岗位名称: '面点师（麻花）', 工作地点: '化峪镇' })],
      'gbk',
    );
    const r1 = await runImportCli([gbk]);
    expect(r1.code).toBe(0);
    expect(JSON.parse(r1.stdout)).toEqual({ imported: 1, duplicates: 0, rejected: 0, errors: [] });
    expect(
      await n(
        `SELECT count(*) AS n FROM job_posts WHERE title = '面点师（麻花）' AND township_code = 'huayu'`,
      ),
    ).toBe(1);

    const xlsx = await writeXlsx(dir, 'sheet.xlsx', [goodRow(newCreditCode(), { 岗位名称: '数控车工' })]);
    const r2 = await runImportCli([xlsx]);
    expect(r2.code).toBe(0);
    expect(JSON.parse(r2.stdout)).toEqual({ imported: 1, duplicates: 0, rejected: 0, errors: [] });
  });

  it('exit 2 with JSON-only stdout when the file cannot be read', async () => {
    const missing = await runImportCli([path.join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.code).toBe('not-found');
    expect(missing.stderr).toContain('nope.csv');

    const noHeaders = writeCsv(dir, 'noheaders.csv', []);
    writeFileSync(noHeaders, '姓名,电话\r\n张三,13912345678\r\n');
    const r = await runImportCli([noHeaders]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('missing-headers');

    const usage = await runImportCli([]);
    expect(usage.code).toBe(2);
  });

  it('the staff upload route stores the sheet; the worker imports it, reports progress and the per-row result', async () => {
    const code = newCreditCode();
    const file = writeCsv(dir, 'upload.csv', [
      goodRow(code, { 岗位名称: '仓管员' }),
      goodRow(code, { 岗位名称: '仓管员' }),
      goodRow(code, { 招聘人数: '很多' }),
    ]);
    const res = await request(app.getHttpServer())
      .post('/api/v1/job-posts/imports?publish=true')
      .set('authorization', `Bearer ${staff.token}`)
      .attach('file', file)
      .expect(202);
    expect(['queued', 'running', 'done']).toContain(res.body.status);
    const id: string = res.body.id;
    // Stored in Postgres with the import row and its outbox row, in one transaction.
    expect(
      await n(`SELECT count(*) AS n FROM outbox WHERE job_name = $1 AND payload->>'importId' = $2`, [
        JobName.JobPostImportRequested,
        id,
      ]),
    ).toBe(1);
    let body: { status: string; result: unknown; imported: number } = res.body;
    await waitUntil('the import to finish', async () => {
      const r = await request(app.getHttpServer())
        .get(`/api/v1/job-posts/imports/${id}`)
        .set('authorization', `Bearer ${staff.token}`)
        .expect(200);
      body = r.body;
      return body.status === 'done' || body.status === 'failed';
    });
    expect(body.status).toBe('done');
    await drainOutbox(worker);
    // The stored bytes and interim rows are gone; the result stays.
    expect(await n(`SELECT count(*) AS n FROM job_post_import_file_chunks WHERE import_id = $1`, [id])).toBe(
      0,
    );
    expect(await n(`SELECT count(*) AS n FROM job_post_import_errors WHERE import_id = $1`, [id])).toBe(0);
    expect(body.result).toEqual({
      imported: 1,
      duplicates: 1,
      rejected: 1,
      errors: [{ row: 4, column: '招聘人数', message: expect.any(String) }],
    });
    expect(
      await n(`SELECT count(*) AS n FROM job_posts WHERE import_id = $1 AND status = 'published'`, [id]),
    ).toBe(1);

    const csv = await request(app.getHttpServer())
      .get(`/api/v1/job-posts/imports/${id}/result.csv`)
      .set('authorization', `Bearer ${staff.token}`)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('行号,列名,错误信息');
    expect(csv.text).toContain('4,招聘人数,');

    // An unreadable upload is a failed import with the reason, not a 500.
    const bad = writeCsv(dir, 'bad-upload.csv', []);
    writeFileSync(bad, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
    const r2 = await request(app.getHttpServer())
      .post('/api/v1/job-posts/imports')
      .set('authorization', `Bearer ${staff.token}`)
      .attach('file', bad, 'old.xls')
      .expect(202);
    await drainOutbox(worker);
    const failed = await request(app.getHttpServer())
      .get(`/api/v1/job-posts/imports/${r2.body.id}`)
      .set('authorization', `Bearer ${staff.token}`)
      .expect(200);
    expect(failed.body.status).toBe('failed');
    expect(failed.body.error).toMatch(/xls/);
    expect(
      await n(`SELECT count(*) AS n FROM job_post_import_file_chunks WHERE import_id = $1`, [r2.body.id]),
    ).toBe(0);
  });

  it('uploads larger than the 1 MiB JSON body limit are accepted (multipart has its own 50 MB limit)', async () => {
    const long = '长'.repeat(2001);
    const rows = [goodRow(newCreditCode(), { 岗位名称: '大文件岗位' })];
    for (let i = 0; i < 250; i++)
      rows.push(goodRow(newCreditCode(), { 岗位名称: `超长${i}`, 岗位描述: long }));
    const file = writeCsv(dir, 'large.csv', rows);
    const res = await request(app.getHttpServer())
      .post('/api/v1/job-posts/imports')
      .set('authorization', `Bearer ${staff.token}`)
      .attach('file', file)
      .expect(202);
    await drainOutbox(worker);
    const done = await request(app.getHttpServer())
      .get(`/api/v1/job-posts/imports/${res.body.id}`)
      .set('authorization', `Bearer ${staff.token}`)
      .expect(200);
    expect(done.body).toMatchObject({
      status: 'done',
      imported: 1,
      rejected: 250,
      rowsProcessed: 251,
      percent: 100,
    });
    expect(done.body.result.errors[0]).toMatchObject({ row: 3, column: '岗位描述' });
  });

  it('an upload over the 50 MB multipart limit is refused with 413 and stores nothing', async () => {
    const huge = path.join(dir, 'huge.csv');
    writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024 + 1024, 0x41));
    const before = await n(`SELECT count(*) AS n FROM job_post_imports`);
    const res = await request(app.getHttpServer())
      .post('/api/v1/job-posts/imports')
      .set('authorization', `Bearer ${staff.token}`)
      .attach('file', huge)
      .expect(413);
    rmSync(huge);
    expect(res.body.error).toMatchObject({ code: 'import.file-too-large', fields: [{ field: 'file' }] });
    expect(await n(`SELECT count(*) AS n FROM job_post_imports`)).toBe(before);
    expect(await n(`SELECT count(*) AS n FROM job_post_import_file_chunks`)).toBe(0);
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = await request(app.getHttpServer()).get('/docs-json').expect(200);
    for (const p of [
      '/api/v1/job-posts',
      '/api/v1/job-posts/{id}/approve',
      '/api/v1/job-posts/imports',
      '/api/v1/job-posts/imports/{id}/result.csv',
      '/api/v1/enterprises/{id}/key',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(p);
    }
  });

  it('upload routes: staff and admins only; templates are public', async () => {
    const employer = await registerEmployer(app, '稷山县某某有限公司');
    // In memory, not streamed from disk: the refusal arrives before a streamed body is written, and
    // the client then fails with EPIPE instead of reading the answer.
    const file = readFileSync(writeCsv(dir, 'denied.csv', [goodRow(newCreditCode())]));
    await request(app.getHttpServer())
      .post('/api/v1/job-posts/imports')
      .attach('file', file, 'denied.csv')
      .expect(401);
    await request(app.getHttpServer())
      .post('/api/v1/job-posts/imports')
      .set('authorization', `Bearer ${employer.token}`)
      .attach('file', file, 'denied.csv')
      .expect(403);
    const id = (await ds.query(`SELECT id FROM job_post_imports LIMIT 1`))[0].id;
    await request(app.getHttpServer())
      .get(`/api/v1/job-posts/imports/${id}`)
      .set('authorization', `Bearer ${employer.token}`)
      .expect(403);
    await request(app.getHttpServer()).get(`/api/v1/job-posts/imports/${id}/result.csv`).expect(401);

    const xlsx = await request(app.getHttpServer())
      .get('/api/v1/job-posts/imports/template.xlsx')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((xlsx.body as Buffer).readUInt32BE(0)).toBe(0x504b0304);
    const csv = await request(app.getHttpServer()).get('/api/v1/job-posts/imports/template.csv').expect(200);
    expect(csv.text).toContain('单位名称,统一社会信用代码');
  });
});
