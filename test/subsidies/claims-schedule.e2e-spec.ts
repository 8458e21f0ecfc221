import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { ClaimPipeline, FileClaims } from '@app/subsidies';
import { subsidyToolsContext } from '../../scripts/subsidy-context';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import {
  ClaimJson,
  ClaimsCast,
  as,
  claimsOf,
  createClaimsCast,
  monthsBetween,
  seekerWithProfile,
} from './claims-fixtures';

jest.setTimeout(300_000);

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a compiled CLI (`npm run build` first) against the suite's schema, from `cwd`. */
function runCli(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(__dirname, '../../dist/scripts', script), ...args], {
      cwd,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: process.env.DATABASE_URL,
        DATABASE_SCHEMA: process.env.DATABASE_SCHEMA,
        NODE_ENV: 'test',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * What waits for time to pass, driven with an explicit "today" (no worker runs here: the clock is
 * the test's): the contract's month rule and its catch-up after downtime, an end that stops the
 * months, the six-month hiring subsidy, the startup subsidy's two halves and the rent years; then
 * the tools — reconciliation repairing lost claims, a policy change as adjustment claims, the
 * roster CLI, and every CLI reading the secrets `npm start` generated.
 */
describe('subsidy claims: time, reconciliation and policy changes', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let tools: INestApplicationContext;
  let ds: DataSource;
  let cast: ClaimsCast;
  let pipeline: ClaimPipeline;
  let file: FileClaims;

  beforeAll(async () => {
    env = await setupSuiteEnv('claims_schedule', { LOGIN_THROTTLE_LIMIT: '1000' });
    app = await startApi();
    ds = app.get(DataSource);
    cast = await createClaimsCast(app);
    tools = await subsidyToolsContext();
    pipeline = tools.get(ClaimPipeline);
    file = tools.get(FileClaims);
  });
  afterAll(async () => {
    await tools?.close();
    await app?.close();
    await env?.cleanup();
  });

  /** The worker's handling of a record's event, on the day given. */
  const handlePlacement = (id: string, today: string) =>
    ds.transaction((m) => file.forPlacement(m, id, today));
  const periods = (cs: ClaimJson[], measure: string) =>
    cs
      .filter((c) => c.measure === measure && c.status !== 'rejected')
      .map((c) => c.period)
      .sort();

  const difficult = () =>
    seekerWithProfile(
      app,
      { birthDate: '1975-03-03', sex: 'male' },
      { groups: ['difficult'], registeredUnemployedSince: null },
    );

  it('months accrue once each has ended, catch up after downtime, never twice, and stop at the end', async () => {
    const seeker = await difficult();
    const p = (
      await as(app, cast.countyStaff, 'post', '/api/v1/placements', {
        employerOrganisationId: cast.employerSmall.organisationId,
        seekerUserId: seeker.userId,
        startDate: '2025-10-15',
        townshipCode: 'jifeng',
      }).expect(201)
    ).body;
    await handlePlacement(p.id, '2025-10-20');
    const of = () => claimsOf(app, cast.countyStaff, { placementId: p.id });
    expect(await of()).toEqual([]); // October has not ended

    const first = await pipeline.runDue('2025-11-01');
    expect(first.filed).toBe(1);
    expect(periods(await of(), 'post-subsidy')).toEqual(['2025-10']);

    // Three months of downtime: one run catches every month up; a second files nothing.
    await pipeline.runDue('2026-02-10');
    expect(periods(await of(), 'post-subsidy')).toEqual(monthsBetween('2025-10', '2026-01'));
    expect((await pipeline.runDue('2026-02-10')).filed).toBe(0);
    expect((await pipeline.runDue('2026-02-11')).filed).toBe(0);

    // Ended on 15 February: February is not in force on its last day; nothing after it accrues.
    await as(app, cast.countyStaff, 'post', `/api/v1/placements/${p.id}/end`, {
      endedOn: '2026-02-15',
      reason: '本人辞职',
    }).expect(200);
    await handlePlacement(p.id, '2026-02-20');
    await pipeline.runDue('2026-06-01');
    expect(periods(await of(), 'post-subsidy')).toEqual(monthsBetween('2025-10', '2026-01'));
  });

  it('the small employer’s hiring subsidy waits for six months of stable employment, evaluated on that day', async () => {
    const youth = await seekerWithProfile(
      app,
      { birthDate: '2001-06-01', sex: 'female' },
      {
        groups: ['graduate', 'registered-unemployed'],
        registeredUnemployedSince: '2023-07-10',
        graduation: { date: '2023-07-01', level: 'university', province: '山西省', fullTime: true },
      },
    );
    const p = (
      await as(app, cast.countyStaff, 'post', '/api/v1/placements', {
        employerOrganisationId: cast.employerSmall.organisationId,
        seekerUserId: youth.userId,
        startDate: '2023-09-01',
        contractEndDate: '2025-08-31',
        townshipCode: 'jifeng',
      }).expect(201)
    ).body;
    await handlePlacement(p.id, '2023-09-05');
    const youthClaims = () =>
      claimsOf(app, cast.countyStaff, { placementId: p.id, measure: 'hiring-youth-small' });
    expect(await youthClaims()).toEqual([]);
    const decisions = await as(app, cast.countyStaff, 'get', `/api/v1/placements/${p.id}/decisions`).expect(
      200,
    );
    const atEvent = decisions.body.decisions.find(
      (d: { measure: string; period: string }) => d.measure === 'hiring-youth-small' && d.period === 'event',
    );
    expect(atEvent.eligible).toBe(true);

    await pipeline.runDue('2024-02-29');
    expect(await youthClaims()).toEqual([]);
    await pipeline.runDue('2024-03-01');
    const filed = await youthClaims();
    // The pack leaves the amount to the province: a claim without an amount, for staff to set.
    expect(filed).toEqual([
      expect.objectContaining({ period: 'once', amountFen: null, status: 'pending-review' }),
    ]);
    const later = await as(app, cast.countyStaff, 'get', `/api/v1/placements/${p.id}/decisions`).expect(200);
    expect(
      later.body.decisions.find(
        (d: { measure: string; period: string }) =>
          d.measure === 'hiring-youth-small' && d.period === '2024-03-01',
      ),
    ).toMatchObject({ eligible: true, asOf: '2024-03-01' });
    // Approving it needs the amount.
    await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${filed[0].id}/approve`, {}).expect(400);
    await pipeline.runDue('2024-09-01');
    expect(await youthClaims()).toHaveLength(1);
  });

  it('a business: half the startup subsidy at six months, the rest at twelve; the rent subsidy a year at a time, three at most', async () => {
    const returning = await seekerWithProfile(
      app,
      { birthDate: '1988-01-01', sex: 'male' },
      { groups: ['returning-entrepreneur'], registeredUnemployedSince: null },
    );
    const b = (
      await as(app, cast.countyStaff, 'post', '/api/v1/startup-businesses', {
        founderUserId: returning.userId,
        name: '稷山县返乡农产品加工部',
        kind: 'individual',
        licensedOn: '2023-09-10',
        firstBusiness: true,
        employees: 6,
        paysTax: true,
        paysSocialInsurance: true,
        townshipCode: 'jifeng',
      }).expect(201)
    ).body;
    await ds.transaction((m) => file.forBusiness(m, b.id, '2023-10-01'));
    const mine = async (measure: string) =>
      (await claimsOf(app, returning, { measure })).filter((c) => c.source.id === b.id);
    expect(await mine('startup-once')).toEqual([]);
    await pipeline.runDue('2024-03-10');
    // 6 people × 1,000 元, capped at 5,000 元: 2,500 now.
    expect((await mine('startup-once')).map((c) => [c.period, c.amountFen])).toEqual([['2024-03', 250000]]);
    await pipeline.runDue('2024-09-10');
    expect((await mine('startup-once')).map((c) => [c.period, c.amountFen]).sort()).toEqual([
      ['2024-03', 250000],
      ['2024-09', 250000],
    ]);
    expect((await mine('startup-rent')).map((c) => c.period)).toEqual(['2024']);
    await pipeline.runDue('2026-11-15');
    const once = await mine('startup-once');
    expect(once.reduce((s, c) => s + (c.amountFen ?? 0), 0)).toBe(500000);
    expect((await mine('startup-rent')).map((c) => c.period).sort()).toEqual(['2024', '2025', '2026']);
  });

  it('reconciliation files the claims that went missing and reports the unexpected; a second run finds nothing', async () => {
    const seeker = await difficult();
    const p = (
      await as(app, cast.countyStaff, 'post', '/api/v1/placements', {
        employerOrganisationId: cast.employerLarge.organisationId,
        seekerUserId: seeker.userId,
        startDate: '2024-01-01',
        townshipCode: 'jifeng',
      }).expect(201)
    ).body;
    await as(app, cast.countyStaff, 'post', `/api/v1/placements/${p.id}/end`, {
      endedOn: '2024-06-30',
      reason: '合同期满',
    }).expect(200);
    await handlePlacement(p.id, '2024-07-15');
    // Reconciled as of a day every other record of this suite has had its claims filed by.
    const today = '2026-11-15';
    expect(periods(await claimsOf(app, cast.countyStaff, { placementId: p.id }), 'post-subsidy')).toEqual(
      monthsBetween('2024-01', '2024-06'),
    );
    // Two claims lost (as if a restore from an older backup), one that nobody expects.
    await ds.query(
      `DELETE FROM subsidy_claims WHERE source_id = $1 AND measure = 'post-subsidy' AND period IN ('2024-02', '2024-05')`,
      [p.id],
    );
    await ds.query(
      `INSERT INTO subsidy_claims (measure, clause, beneficiary_kind, beneficiary_id, source_kind, source_id, period,
         amount_fen, policy_id, policy_version, reasons)
       VALUES ('hiring-youth-large', '二(八)', 'employer', $2, 'placement', $1, 'once', 100000, 'jishan-2023', '2023.1', '[]')`,
      [p.id, cast.employerLarge.organisationId],
    );
    const reports = await pipeline.reconcile(today);
    const placements = reports.find((r) => r.kind === 'placement')!;
    expect(placements.missing).toBe(2);
    expect(placements.unexpected).toEqual([
      `${p.id}|hiring-youth-large|employer|${cast.employerLarge.organisationId}|once`,
    ]);
    expect(periods(await claimsOf(app, cast.countyStaff, { placementId: p.id }), 'post-subsidy')).toEqual(
      monthsBetween('2024-01', '2024-06'),
    );
    const again = await pipeline.reconcile(today);
    expect(again.every((r) => r.missing === 0)).toBe(true);

    // The CLI: the same, as JSON, exit 3 while an unexpected claim is there.
    const cli = await runCli('subsidy-reconcile.js', ['--today', today], {});
    expect(cli.code).toBe(3);
    const out = JSON.parse(cli.stdout);
    expect(out.reports.find((r: { kind: string }) => r.kind === 'placement')).toMatchObject({ missing: 0 });
    await ds.query(`DELETE FROM subsidy_claims WHERE measure = 'hiring-youth-large' AND source_id = $1`, [
      p.id,
    ]);
    expect((await runCli('subsidy-reconcile.js', ['--today', today], {})).code).toBe(0);
    expect((await runCli('subsidy-reconcile.js', ['--today', 'yesterday'], {})).code).toBe(2);
  });

  it('a policy change: the recompute files adjustment claims for review (dry run first), never edits a paid claim, never twice', async () => {
    const seeker = await difficult();
    const p = (
      await as(app, cast.countyStaff, 'post', '/api/v1/placements', {
        employerOrganisationId: cast.employerSmall.organisationId,
        seekerUserId: seeker.userId,
        startDate: '2025-01-01',
        townshipCode: 'jifeng',
      }).expect(201)
    ).body;
    await handlePlacement(p.id, '2025-04-02');
    const before = (await claimsOf(app, cast.countyStaff, { placementId: p.id })).sort((a, b) =>
      a.period < b.period ? -1 : 1,
    );
    expect(before.map((c) => c.period)).toEqual(['2025-01', '2025-02', '2025-03']);
    // January approved and paid, February rejected, March pending.
    await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${before[0].id}/approve`, {}).expect(200);
    await as(app, cast.countyStaff, 'post', '/api/v1/subsidy-claims/payments', {
      claimIds: [before[0].id],
      reference: 'JS-2025-04-001',
    }).expect(200);
    await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${before[1].id}/reject`, {
      reason: '当月未在岗',
    }).expect(200);

    // Version 2023.2 of the pack raises the post subsidy from 300 to 350 元 a month.
    const dir = mkdtempSync(path.join(tmpdir(), 'policy-'));
    const pack = readFileSync(path.resolve(__dirname, '../../policies/jishan-2023.yaml'), 'utf8')
      .replace("version: '2023.1'", "version: '2023.2'")
      .replace(
        'amountFen: { value: 30000, clause: 一(一), note: 每人每月300元 }',
        'amountFen: { value: 35000, clause: 一(一), note: 每人每月350元 }',
      );
    expect(pack).toContain('35000');
    writeFileSync(path.join(dir, 'jishan-2023.yaml'), pack);
    try {
      const dry = await runCli('subsidy-recompute.js', ['--pack', 'jishan-2023', '--dry-run'], {
        POLICY_DIR: dir,
      });
      expect(dry.code).toBe(0);
      const dryReport = JSON.parse(dry.stdout);
      const mineDry = dryReport.changes.filter((c: { claimId: string }) =>
        before.some((b) => b.id === c.claimId),
      );
      expect(mineDry.map((c: { period: string; deltaFen: number }) => [c.period, c.deltaFen]).sort()).toEqual(
        [
          ['2025-01', 5000],
          ['2025-03', 5000],
        ],
      );
      expect(dryReport.filed).toBe(0);
      expect(await claimsOf(app, cast.countyStaff, { placementId: p.id })).toHaveLength(3);

      const run = await runCli('subsidy-recompute.js', ['--pack', 'jishan-2023'], { POLICY_DIR: dir });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('300.00 → 350.00');
      const adjustments = (await claimsOf(app, cast.countyStaff, { measure: 'post-subsidy' })).filter(
        (c) =>
          c.source.kind === 'adjustment' &&
          before.some((b) => b.period === c.period) &&
          c.beneficiary.id === cast.employerSmall.organisationId,
      );
      const ofMine = adjustments.filter((a) =>
        JSON.parse(run.stdout).changes.some(
          (c: { adjustmentClaimId: string; claimId: string }) =>
            c.adjustmentClaimId === a.id && before.some((b) => b.id === c.claimId),
        ),
      );
      expect(ofMine.map((a) => [a.period, a.amountFen, a.status, a.policy.version]).sort()).toEqual([
        ['2025-01', 5000, 'pending-review', '2023.2'],
        ['2025-03', 5000, 'pending-review', '2023.2'],
      ]);
      // The paid claim itself is as it was.
      const paid = await as(app, cast.countyStaff, 'get', `/api/v1/subsidy-claims/${before[0].id}`).expect(
        200,
      );
      expect(paid.body).toMatchObject({ status: 'paid', amountFen: 30000, approvedAmountFen: 30000 });
      // Again: nothing new.
      const twice = await runCli('subsidy-recompute.js', ['--pack', 'jishan-2023'], { POLICY_DIR: dir });
      expect(JSON.parse(twice.stdout).filed).toBe(0);
      expect(
        (await runCli('subsidy-recompute.js', ['--pack', 'no-such-pack'], { POLICY_DIR: dir })).code,
      ).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every CLI reads the secrets `npm start` generated in .data/secrets.env (create-user, roster)', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'cli-'));
    try {
      mkdirSync(path.join(cwd, '.data'));
      writeFileSync(
        path.join(cwd, '.data', 'secrets.env'),
        ['PII_ENCRYPTION_KEY', 'PII_HMAC_KEY', 'JWT_SECRET'].map((k) => `${k}=${process.env[k]}`).join('\n') +
          '\n',
        { mode: 0o600 },
      );
      const created = await runCli(
        'create-user.js',
        [
          '--role',
          'staff',
          '--login',
          `cli.staff.${process.pid}`,
          '--password',
          'correct horse 1',
          '--township',
          'jifeng',
        ],
        { REDIS_URL: env.redisUrl, REDIS_PREFIX: env.redisPrefix },
        cwd,
      );
      expect(created.stderr).not.toContain('JWT_SECRET is required');
      expect(created.code).toBe(0);
      expect(JSON.parse(created.stdout)).toMatchObject({ role: 'staff', townshipCode: 'jifeng' });

      const out = path.join(cwd, 'roster.xlsx');
      const roster = await runCli('subsidy-roster.js', ['--out', out, '--measure', 'startup-once'], {}, cwd);
      expect(roster.code).toBe(0);
      expect(JSON.parse(roster.stdout)).toMatchObject({ file: out, claims: 2 });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const masked = String(wb.getWorksheet('补贴发放花名册')!.getRow(2).getCell(7).value);
      expect(masked).toMatch(/^140824\*+[\dX]{2}$/);
      const csv = await runCli(
        'subsidy-roster.js',
        ['--out', path.join(cwd, 'r.csv'), '--measure', 'nothing'],
        {},
        cwd,
      );
      expect(csv.code).toBe(2);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
