/**
 * npm run report:monthly -- --month YYYY-MM [--out DIR]
 *
 * 月度就业工作报告: writes the month's report as `.xlsx` and as a printable A4 HTML page into DIR
 * (default `reports/`), the same as staff download from the console (GET
 * /api/v1/targets/monthly-report.xlsx and .html). Prints {"xlsx", "html", "targets", "claimsFiled"}
 * as JSON. Exit codes: 0 written; 2 bad arguments; 1 otherwise.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError, PlatformDatabaseModule, migrateDatabase, parseConfig } from '@app/platform';
import { MonthlyReport, TargetsModule, reportHtml, reportWorkbook } from '@app/targets';
import { ensureDevSecrets } from './dev-secrets';

const USAGE = 'usage: npm run report:monthly -- --month YYYY-MM [--out DIR]';

@Module({ imports: [PlatformDatabaseModule, TargetsModule] })
class ReportToolsModule {}

function bad(message: string): number {
  process.stdout.write(JSON.stringify({ error: { code: 'bad-arguments', message } }) + '\n');
  process.stderr.write(`report:monthly: ${message}\n${USAGE}\n`);
  return 2;
}

async function main(): Promise<number> {
  ensureDevSecrets(process.env);
  let v: { month?: string; out?: string };
  try {
    v = parseArgs({ options: { month: { type: 'string' }, out: { type: 'string' } }, strict: true }).values;
  } catch (err) {
    return bad((err as Error).message);
  }
  if (!v.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(v.month))
    return bad('--month must be a month such as 2023-11');
  const dir = v.out ?? 'reports';

  await migrateDatabase(parseConfig());
  const app = await NestFactory.createApplicationContext(ReportToolsModule, { logger: ['error'] });
  try {
    const report = await app.get(MonthlyReport).of(v.month);
    await mkdir(dir, { recursive: true });
    const base = path.join(dir, `月度就业工作报告-${v.month}`);
    await writeFile(`${base}.xlsx`, await reportWorkbook(report));
    await writeFile(`${base}.html`, reportHtml(report), 'utf8');
    process.stdout.write(
      JSON.stringify({
        xlsx: `${base}.xlsx`,
        html: `${base}.html`,
        targets: report.targets.length,
        claimsFiled: report.claims.monthTotal.filed,
      }) + '\n',
    );
    return 0;
  } catch (err) {
    if (err instanceof DomainError && err.status < 500) return bad(err.message);
    throw err;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`report:monthly failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
