/**
 * npm run --silent jobs:import -- FILE [--publish]
 *
 * Imports a 岗位信息采集表 (.xlsx or .csv, UTF-8 or GBK) — contract: shared/contracts/job-post-import.md.
 * Standard output is ONLY JSON:
 *   - the file was read:       {"imported": N, "duplicates": D, "rejected": R, "errors": [{row, column, message}]}
 *                              (plus "unknownColumns" when the sheet had columns the contract does not know)
 *   - the file cannot be used: {"error": {"code": "...", "message": "..."}}
 * A progress line is drawn on stderr when stderr is a terminal; notes (ignored columns, the reason a
 * file is unusable) go to stderr too.
 *
 * Exit codes: 0 the file was read (good rows imported, bad rows reported); 2 the file cannot be read
 * (missing, not a sheet, missing required headers) or the arguments are wrong; 1 anything else
 * (e.g. the database is unreachable).
 *
 * Needs only Postgres (DATABASE_URL, DATABASE_SCHEMA): it applies pending migrations first; the
 * outbox rows of published posts wait there until the worker indexes them.
 */
import { statSync } from 'node:fs';
import { migrateDatabase, parseDatabaseConfig } from '@app/platform';
import { JobPostImportService, SheetUnreadableError, createProgress } from '@app/jobs';
import { jobsImportContext } from './import-context';

const USAGE = 'usage: npm run --silent jobs:import -- FILE [--publish]';

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

function fail(code: string, message: string, extra: Record<string, unknown> = {}): number {
  print({ error: { code, message, ...extra } });
  process.stderr.write(`jobs:import: ${message}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const flags = args.filter((a) => a.startsWith('--'));
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => f !== '--publish');
  if (unknown.length > 0) return fail('bad-arguments', `unknown option(s) ${unknown.join(' ')}; ${USAGE}`);
  if (files.length !== 1) return fail('bad-arguments', USAGE);
  const file = files[0];
  const publish = flags.includes('--publish');
  try {
    if (!statSync(file).isFile())
      return fail('not-found', `无法打开文件：${file} / not a regular file: ${file}`);
  } catch {
    return fail('not-found', `无法打开文件：${file} / cannot open file: ${file}`);
  }

  await migrateDatabase(parseDatabaseConfig());
  const app = await jobsImportContext();
  try {
    const importer = app.get(JobPostImportService);
    const progress = createProgress(process.stderr);
    let rows = 0;
    const result = await importer.importFile(file, {
      publish,
      onProgress: (p) => {
        rows = p.rows;
        progress.update({ rows: p.rows, bytesRead: p.bytesRead, totalBytes: p.totalBytes });
      },
    });
    progress.finish({ rows });
    if (result.unknownColumns?.length) {
      process.stderr.write(
        `jobs:import: 已忽略未知列 / ignored unknown column(s): ${result.unknownColumns.join(', ')}\n`,
      );
    }
    print(result);
    return 0;
  } catch (err) {
    if (err instanceof SheetUnreadableError) return fail(err.code, err.message, err.details);
    throw err;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`jobs:import: failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
