import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  LOG_REDACT_PATHS,
  csvDocument,
  serializeError,
  spreadsheetText,
  startMeilisearch,
  toErrorResponse,
} from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Actors, caller, createCast } from '../applications/applications-fixtures';

/** The review's findings about records, errors and what leaves the platform. */
describe('security: records, errors and exports', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let actors: Actors;
  let ds: DataSource;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    env = await setupSuiteEnv('sec_records');
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    ds = app.get(DataSource);
    actors = await createCast(app);
  }, 120000);
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  }, 60000);

  it('the same placement recorded 5 times at once is one placement; the others 409', async () => {
    const call = caller(app, actors);
    const body = {
      employerOrganisationId: actors.employerA.organisationId,
      seekerUserId: actors.seekerA.userId,
      startDate: '2025-10-01',
      townshipCode: 'jifeng',
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call('countyStaff', 'post', '/api/v1/placements', body)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.body.error.code).toBe('placement.duplicate');
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM placements WHERE seeker_user_id = $1 AND start_date = '2025-10-01'`,
      [actors.seekerA.userId],
    );
    expect(n).toBe(1);
    const [{ outbox }] = await ds.query(
      `SELECT count(*)::int AS outbox FROM outbox WHERE job_name = 'placement.recorded'`,
    );
    expect(outbox).toBe(1);
  });

  it("township staff read their own township's audit entries only; county staff read all", async () => {
    const call = caller(app, actors);
    // An entry in 西社镇 (employer B's enterprise) and one in 稷峰镇.
    await call('countyStaff', 'post', '/api/v1/placements', {
      employerOrganisationId: actors.employerB.organisationId,
      seekerUserId: actors.seekerB.userId,
      startDate: '2025-11-01',
      townshipCode: 'xishe',
    }).expect(201);
    const township = await call('townshipStaff', 'get', '/api/v1/audit?limit=200').expect(200);
    const county = await call('countyStaff', 'get', '/api/v1/audit?limit=200').expect(200);
    const townships = (items: { townshipCodes: string[]; actorId: string }[]) =>
      items.map((i) => i.townshipCodes);
    expect(county.body.items.length).toBeGreaterThan(township.body.items.length);
    expect(townships(county.body.items)).toContainEqual(['xishe']);
    for (const item of township.body.items as { townshipCodes: string[]; actorId: string }[]) {
      const mine = item.actorId === actors.townshipStaff.userId;
      expect(mine || item.townshipCodes.includes('jifeng')).toBe(true);
    }
    expect(
      township.body.items.some((i: { townshipCodes: string[] }) => i.townshipCodes.includes('jifeng')),
    ).toBe(true);
  });

  it("Fastify's own refusals answer in the platform's JSON shape: 431 for huge headers, 414 for a long path segment", async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        // 18 KB of a percent-encoded query: over Node's 16 KB limit of the request head.
        socket.write(
          `GET /api/v1/job-posts/search?q=${'%E7%84%8A'.repeat(2000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
        );
      });
      let text = '';
      socket.on('data', (c) => (text += c.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'headers-too-large', message: expect.any(String) },
    });

    const long = await http().get(`/api/v1/job-posts/${'a'.repeat(300)}`);
    expect(long.status).toBe(414);
    expect(long.headers['content-type']).toMatch(/application\/json/);
    expect(long.body).toEqual({ error: { code: 'uri-too-long', message: expect.any(String) } });
  });

  it('credit codes are checked by their structure, not their last character only', async () => {
    const res = await http().post('/api/v1/auth/register/employer').send({
      login: 'structure.check',
      password: 'correct-horse-42',
      displayName: '测试',
      mobile: '13912345678',
      enterpriseName: '结构校验有限公司',
      creditCode: 'MM8H3G5WTHWDEWAJRP',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ field: 'creditCode' })]);
    expect(res.body.error.fields[0].message).toMatch(/registration authority/);
  });

  it('logs never carry SQL parameters, row details, hashes or passwords', async () => {
    const lines: string[] = [];
    const logger = pino(
      { serializers: { err: serializeError }, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0c2FsdA$notreallyahashbutsecret';
    // A real "Failing row contains …" error from Postgres, with the hash among its parameters.
    await ds.query(`CREATE TEMP TABLE leak_probe (h text, n int CHECK (n > 0))`);
    const err = await ds.query(`INSERT INTO leak_probe VALUES ($1, $2)`, [hash, -1]).catch((e: unknown) => e);
    expect(String((err as { driverError?: { detail?: string } }).driverError?.detail)).toContain(
      'Failing row',
    );
    // Refused by Postgres, it is the caller's 400 naming the rule, not a 500.
    expect(toErrorResponse(err)).toMatchObject({
      status: 400,
      body: { error: { code: 'validation-failed' } },
    });
    logger.error({ err }, 'Unhandled error');
    logger.info(
      { user: { password: 'hunter2-plain', idNumber: '140824199001010013' }, refreshToken: 'rt-secret' },
      'x',
    );
    const text = lines.join('');
    expect(text).toContain('23514');
    for (const secret of [hash, 'Failing row', 'hunter2-plain', '140824199001010013', 'rt-secret']) {
      expect(text).not.toContain(secret);
    }
  });

  it('every export escapes text that a spreadsheet would run as a formula', () => {
    for (const bad of [
      '=HYPERLINK("http://evil.example","点我")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
    ]) {
      expect(spreadsheetText(bad)).toBe(`'${bad}`);
    }
    expect(spreadsheetText('稷山县华晟机械')).toBe('稷山县华晟机械');
    const csv = csvDocument([
      ['名称', '=HYPERLINK("http://evil.example","x")'],
      ['人数', 3],
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv).toContain('人数,3');
  });

  it('Meilisearch gets its master key through its environment, not its command line', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'jishan-meili-argv-'));
    const meili = await startMeilisearch({ dataDir });
    try {
      const cmdline = readFileSync(`/proc/${meili.pid}/cmdline`, 'utf8');
      expect(cmdline).toContain('--http-addr');
      expect(cmdline).not.toContain(meili.masterKey);
      expect(readFileSync(`/proc/${meili.pid}/environ`, 'utf8')).toContain(
        `MEILI_MASTER_KEY=${meili.masterKey}`,
      );
      // Nothing else of ours goes with it.
      expect(readFileSync(`/proc/${meili.pid}/environ`, 'utf8')).not.toContain('JWT_SECRET');
    } finally {
      await meili.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
