import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { todayInChina } from '@app/platform/validation';
import { PlanTargets } from '@app/targets';
import { IdentityScriptModule, seedDemo } from '../../scripts/seed-demo';
import { seedDemoSeekers } from '../../scripts/seed-demo-seekers';
import { seedDemoFairs } from '../../scripts/seed-demo-fairs';
import { seedDemoInternships } from '../../scripts/seed-demo-internships';
import { seedDemoExport } from '../../scripts/seed-demo-export';
import { seedDemoTargets } from '../../scripts/seed-demo-targets';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';

jest.setTimeout(300_000);

function runReport(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.resolve(__dirname, '../../dist/scripts/report-monthly.js'), ...args],
      {
        cwd,
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: process.env.DATABASE_URL,
          DATABASE_SCHEMA: process.env.DATABASE_SCHEMA,
          NODE_ENV: 'test',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The demo's dashboard has real numbers: with the whole demo seeded, every target the platform
 * measures has records behind it this year (the 2023 targets carried on), except the training
 * subsidy whose window the 2023 pack closed; a second seeding changes nothing; and
 * `npm run report:monthly` writes the month's workbook and printable page.
 */
describe('plan targets: demo data and the monthly report tool', () => {
  let env: SuiteEnv;
  let ctx: INestApplicationContext;
  let dir: string;

  beforeAll(async () => {
    env = await setupSuiteEnv('targets_demo');
    ctx = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: false });
    await seedDemo(ctx);
    await seedDemoSeekers(ctx);
    await seedDemoFairs(ctx);
    await seedDemoInternships(ctx);
    await seedDemoExport(ctx);
    dir = mkdtempSync(path.join(tmpdir(), 'targets-report-'));
  });
  afterAll(async () => {
    await ctx?.close();
    await env?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every measured target has demo records this year; a second run changes nothing', async () => {
    const seeded = await seedDemoTargets(ctx);
    expect(seeded).toMatchObject({ stations: 8, certificates: 24, businesses: 3 });
    expect(seeded.hires).toBeGreaterThan(0);
    const f = await ctx.get(PlanTargets).figures(Number(todayInChina().slice(0, 4)));
    expect(f.carriedFrom).toBe(2023);
    const byId = Object.fromEntries(f.targets.map((t) => [t.id, t]));
    const zero = f.targets.filter((t) => t.actual === 0).map((t) => t.id);
    // 技能提升补贴 ran to 2023-12-31 in the 2023 pack: no claim after it, so no subsidised training counts.
    expect(zero).toEqual(['subsidised-training']);
    expect(byId['public-institution-recruits'].status).toBe('not-tracked');
    expect(byId['township-stations']).toMatchObject({ actual: 5, target: 7 });
    expect(byId['startup-jobs'].actual).toBe(16);
    expect(byId['fair-hires'].actual).toBeGreaterThanOrEqual(3);
    expect(await seedDemoTargets(ctx)).toEqual({
      stations: 0,
      certificates: 0,
      businesses: 0,
      hires: 0,
      notes: 0,
    });
  });

  it('npm run report:monthly writes the workbook and the page; bad arguments exit 2', async () => {
    const month = todayInChina().slice(0, 7);
    const r = await runReport(['--month', month, '--out', dir], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ targets: 15 });
    expect(existsSync(out.html)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.xlsx);
    expect(wb.getWorksheet('目标进度')!.getRow(1).getCell(1).value).toContain('就业工作报告');
    const badMonth = await runReport(['--month', '2023-13'], dir);
    expect(badMonth.code).toBe(2);
    expect(JSON.parse(badMonth.stdout).error.code).toBe('bad-arguments');
  });
});
