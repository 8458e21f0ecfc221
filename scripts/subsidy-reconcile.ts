/**
 * npm run --silent subsidy:reconcile [-- --today YYYY-MM-DD]
 *
 * Every source record (placement, certificate, business, insurance year, graduate profile) against
 * the claims its evaluation expects as of today: files the missing ones (through the same filing
 * the worker runs) and reports the unexpected ones (never deletes a claim). The worker runs the
 * same reconciliation every six hours; this is for an operator who wants it now.
 *
 * Standard output is JSON: {"today", "reports": [{kind, sources, missing, unexpected: [...]}]}.
 * Exit codes: 0 consistent (or repaired); 3 unexpected claims were found (see the report); 2 bad
 * arguments; 1 anything else. Reads .data/secrets.env like the platform does; needs Postgres only.
 */
import { parseArgs } from 'node:util';
import { migrateDatabase, parseDatabaseConfig } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { ClaimPipeline } from '@app/subsidies';
import { ensureDevSecrets } from './dev-secrets';
import { subsidyToolsContext } from './subsidy-context';

const USAGE = 'usage: npm run --silent subsidy:reconcile [-- --today YYYY-MM-DD]';

async function main(): Promise<number> {
  ensureDevSecrets(process.env);
  let today: string;
  try {
    const { values } = parseArgs({ options: { today: { type: 'string' } }, strict: true });
    today = values.today ?? todayInChina();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    process.stderr.write(`--today must be YYYY-MM-DD\n${USAGE}\n`);
    return 2;
  }
  await migrateDatabase(parseDatabaseConfig());
  const app = await subsidyToolsContext();
  try {
    const reports = await app.get(ClaimPipeline).reconcile(today);
    process.stdout.write(JSON.stringify({ today, reports }) + '\n');
    for (const r of reports) {
      process.stderr.write(
        `subsidy:reconcile: ${r.kind}: ${r.sources} record(s), ${r.missing} missing claim(s) filed, ${r.unexpected.length} unexpected\n`,
      );
    }
    return reports.some((r) => r.unexpected.length > 0) ? 3 : 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`subsidy:reconcile failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
