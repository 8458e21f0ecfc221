/**
 * npm run --silent subsidy:roster -- --out FILE.xlsx|FILE.csv [--measure ID] [--period YYYY-MM|YYYY|once]
 *                                     [--status STATUS] [--township CODE] [--beneficiary-kind KIND]
 *
 * The 补贴发放花名册 of the claims a filter selects, as the route GET /api/v1/subsidy-claims/roster.xlsx
 * (and .csv) gives it to staff: masked ID numbers, a totals row, a sheet of reasons. Prints
 * {"file", "claims"} as JSON. Needs PII_ENCRYPTION_KEY (read from .data/secrets.env on a
 * developer's machine, like the platform). Exit codes: 0 written; 2 bad arguments; 1 otherwise.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { finished } from 'node:stream/promises';
import { DomainError, migrateDatabase, parseConfig } from '@app/platform';
import { MEASURE_IDS } from '@app/subsidy-engine';
import { ClaimFilter, ExportRoster } from '@app/subsidies';
import { ensureDevSecrets } from './dev-secrets';
import { subsidyToolsContext } from './subsidy-context';

const USAGE =
  'usage: npm run --silent subsidy:roster -- --out FILE.xlsx|FILE.csv [--measure ID] [--period P] [--status S] [--township CODE] [--beneficiary-kind K]';
const STATUSES = ['pending-review', 'approved', 'rejected', 'paid'];
const KINDS = ['employer', 'person', 'agency'];

function bad(message: string): number {
  process.stdout.write(JSON.stringify({ error: { code: 'bad-arguments', message } }) + '\n');
  process.stderr.write(`subsidy:roster: ${message}\n${USAGE}\n`);
  return 2;
}

async function main(): Promise<number> {
  ensureDevSecrets(process.env);
  let v: Record<string, string | undefined>;
  try {
    v = parseArgs({
      options: {
        out: { type: 'string' },
        measure: { type: 'string' },
        period: { type: 'string' },
        status: { type: 'string' },
        township: { type: 'string' },
        'beneficiary-kind': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (err) {
    return bad((err as Error).message);
  }
  if (!v.out || !/\.(xlsx|csv)$/.test(v.out)) return bad('--out must name a .xlsx or .csv file');
  if (v.measure && !(MEASURE_IDS as readonly string[]).includes(v.measure)) {
    return bad(`--measure must be one of ${MEASURE_IDS.join(', ')}`);
  }
  if (v.period && !/^(?:once|\d{4}|\d{4}-(?:0[1-9]|1[0-2]))$/.test(v.period)) {
    return bad('--period must be once, YYYY or YYYY-MM');
  }
  if (v.status && !STATUSES.includes(v.status)) return bad(`--status must be one of ${STATUSES.join(', ')}`);
  const kind = v['beneficiary-kind'];
  if (kind && !KINDS.includes(kind)) return bad(`--beneficiary-kind must be one of ${KINDS.join(', ')}`);
  const filter: ClaimFilter = {
    measure: v.measure,
    period: v.period,
    status: v.status as ClaimFilter['status'],
    townshipCode: v.township,
    beneficiaryKind: kind as ClaimFilter['beneficiaryKind'],
  };

  await migrateDatabase(parseConfig());
  const app = await subsidyToolsContext(true);
  try {
    const roster = app.get(ExportRoster);
    let claims: number;
    if (v.out.endsWith('.csv')) {
      const csv = await roster.csv(filter);
      await writeFile(v.out, csv.text, 'utf8');
      claims = csv.claims;
    } else {
      const out = createWriteStream(v.out);
      claims = await roster.xlsx(filter, out);
      out.end();
      await finished(out);
    }
    process.stdout.write(JSON.stringify({ file: v.out, claims }) + '\n');
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
    process.stderr.write(`subsidy:roster failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
