/**
 * npm run --silent subsidy:recompute -- --pack ID [--dry-run] [--today YYYY-MM-DD]
 *
 * After a policy pack changed (a new version of the YAML in policies/ or $POLICY_DIR): every claim
 * filed under the pack is evaluated again with the pack as now loaded, and each difference is
 * printed and filed as an adjustment claim (positive or negative) for review — never an edit of a
 * claim, never a second payment. Running it again files nothing more. --dry-run files nothing.
 *
 * Standard output is JSON (the report: pack, version, examined, changes[], filed); a table of the
 * changes goes to stderr. Exit codes: 0 done; 2 bad arguments or unknown pack; 1 anything else.
 */
import { parseArgs } from 'node:util';
import { DomainError, migrateDatabase, parseDatabaseConfig } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { RecomputeClaims } from '@app/subsidies';
import { ensureDevSecrets } from './dev-secrets';
import { subsidyToolsContext } from './subsidy-context';

const USAGE = 'usage: npm run --silent subsidy:recompute -- --pack ID [--dry-run] [--today YYYY-MM-DD]';
const yuan = (fen: number) => (fen / 100).toFixed(2);

async function main(): Promise<number> {
  ensureDevSecrets(process.env);
  let values: { pack?: string; 'dry-run'?: boolean; today?: string };
  try {
    values = parseArgs({
      options: { pack: { type: 'string' }, 'dry-run': { type: 'boolean' }, today: { type: 'string' } },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values.pack) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const today = values.today ?? todayInChina();
  await migrateDatabase(parseDatabaseConfig());
  const app = await subsidyToolsContext();
  try {
    const report = await app
      .get(RecomputeClaims)
      .run(values.pack, { dryRun: values['dry-run'] === true, today });
    process.stdout.write(JSON.stringify(report) + '\n');
    process.stderr.write(
      `subsidy:recompute: ${report.pack}@${report.version}: ${report.examined} claim(s) examined, ` +
        `${report.changes.length} difference(s), ${report.filed} adjustment(s) filed${report.dryRun ? ' (dry run)' : ''}\n`,
    );
    for (const c of report.changes) {
      process.stderr.write(
        `  ${c.measure} ${c.period} ${c.beneficiary.kind}:${c.beneficiary.id} [${c.status}] ` +
          `${yuan(c.currentFen)} → ${yuan(c.recomputedFen)} (${c.deltaFen > 0 ? '+' : ''}${yuan(c.deltaFen)} 元)\n`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) {
      process.stdout.write(JSON.stringify({ error: { code: err.code, message: err.message } }) + '\n');
      process.stderr.write(`subsidy:recompute: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`subsidy:recompute failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
