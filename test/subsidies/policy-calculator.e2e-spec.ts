import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { publishedExamplesPath, readGolden } from '../../libs/subsidy-engine/test-fixtures/support.node';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';

interface Expected {
  measure: string;
  [k: string]: unknown;
}
interface Decision {
  measure: string;
  reasons: { code: string; ok: boolean; text: string }[];
}

const cases = readGolden(publishedExamplesPath()) as {
  name: string;
  situation: unknown;
  expect?: Expected[];
}[];
const cli = path.resolve(__dirname, '../../dist/scripts/subsidy-evaluate.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'jishan-subsidy-'));

function runCli(content: string): { status: number | null; stdout: string; stderr: string } {
  const file = path.join(tmp, `s-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, content);
  const r = spawnSync(process.execPath, [cli, file], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectMatches(result: { policy: string; decisions: Decision[] }, expected: Expected[] = []): void {
  expect(result.policy).toBe('jishan-2023');
  for (const e of expected) {
    const d = result.decisions.find((x) => x.measure === e.measure);
    expect(d).toMatchObject(e);
    // Every decision says why, in Chinese, citing the clause.
    expect(d!.reasons.length).toBeGreaterThan(0);
    for (const r of d!.reasons) expect(r.text).toMatch(/[\u4e00-\u9fff]/);
  }
}

describe('subsidy evaluation: the published examples through the CLI and the HTTP route', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    env = await setupSuiteEnv('calc');
    app = await startApi();
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it.each(cases.map((c) => [c.name, c] as const))('CLI: %s', (_n, c) => {
    const r = runCli(JSON.stringify(c.situation));
    expect(r.status).toBe(0);
    expectMatches(JSON.parse(r.stdout), c.expect);
  });

  it('CLI: an array gives an array in input order, errors in place, stdout JSON only', () => {
    const input = [cases[0].situation, { asOf: '2023-02-30' }, 42, cases[1].situation];
    const r = runCli(JSON.stringify(input));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(4);
    expectMatches(out[0], cases[0].expect);
    expect(out[1].error.path).toBe('[1].asOf');
    expect(out[2].error.path).toBe('[2]');
    expectMatches(out[3], cases[1].expect);
  });

  it('CLI: malformed JSON and a missing file are error results, never a stack trace', () => {
    const bad = runCli('{"asOf": ');
    expect(JSON.parse(bad.stdout).error.code).toBe('invalid-json');
    const missing = spawnSync(process.execPath, [cli, path.join(tmp, 'nope.json')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout).error.code).toBe('unreadable-file');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(cases.map((c) => [c.name, c] as const))('HTTP: %s', async (_n, c) => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/subsidies/evaluate')
      .send(c.situation as object)
      .expect(200);
    expectMatches(res.body, c.expect);
  });

  it('HTTP: the same answers as the CLI for the whole file at once', async () => {
    const situations = cases.map((c) => c.situation);
    const http = await request(app.getHttpServer())
      .post('/api/v1/subsidies/evaluate')
      .send(situations)
      .expect(200);
    const viaCli = JSON.parse(runCli(JSON.stringify(situations)).stdout);
    expect(http.body).toEqual(viaCli);
  });

  it.each([
    ['an impossible date', { asOf: '2023-02-30' }, 'asOf'],
    [
      'a wrong ID check digit',
      { asOf: '2023-10-01', person: { idNumber: '140824200005010519' } },
      'person.idNumber',
    ],
    [
      'an unknown group',
      { asOf: '2023-10-01', person: { birthDate: '2000-01-01', groups: ['astronaut'] } },
      'person.groups[0]',
    ],
    [
      'a negative amount',
      { asOf: '2023-10-01', hire: { startDate: '2023-09-01', employerSocialInsuranceMonthlyFen: -5 } },
      'hire.employerSocialInsuranceMonthlyFen',
    ],
  ])('HTTP: %s → 400 naming the path', async (_n, body, field) => {
    const res = await request(app.getHttpServer()).post('/api/v1/subsidies/evaluate').send(body).expect(400);
    expect(res.body.error.fields[0].field).toBe(field);
  });

  it('HTTP: a situation that is not an object → 400', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/subsidies/evaluate')
      .set('content-type', 'application/json')
      .send('"hello"')
      .expect(400);
    expect(res.body.error.code).toBeDefined();
  });

  it('the packs are public: list, one pack with clauses and windows, 404 for an unknown one', async () => {
    const list = await request(app.getHttpServer()).get('/api/v1/policies').expect(200);
    expect(list.body.map((p: { id: string }) => p.id)).toContain('jishan-2023');
    const pack = await request(app.getHttpServer()).get('/api/v1/policies/jishan-2023').expect(200);
    expect(JSON.stringify(pack.body)).toContain('二(八)');
    await request(app.getHttpServer()).get('/api/v1/policies/nope-1999').expect(404);
  });
});
