/**
 * npm run bench:index-lag — how long after a sheet import returns its posts are searchable, with
 * the worker running: 35-row sheets (BENCH_SMALL_SHEETS of them, p50/p95), a 3,000-row sheet and
 * a 100,000-row sheet (BENCH_BIG_ROWS), each through the compiled jobs:import CLI (--publish).
 * Baseline in the same run: the worker with OUTBOX_BATCH_SIZE=1, i.e. one outbox job and one
 * Meilisearch task per post (how the index was fed before); then the batched feed (one job and one
 * task per relay batch). The 100,000-row sheet runs batched only: one task per post takes half an
 * hour (about 50 posts/s, measured before).
 * Goals (issue: county scale, 4): a 35-row sheet searchable p95 < 1.5 s after the import returns;
 * a 100,000-row sheet < 60 s after it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SearchClient, migrateDatabase } from '@app/platform';
import { generateEnterprises, generateJobPosts, writeJobPostSheetCsv } from '@app/demo-data';
import { INDEX_NAMES } from '@app/search';
import {
  futureDeadlines,
  percentile,
  runNode,
  startBenchEnvironment,
  stopChild,
  waitForIdleMeilisearch,
} from './support';

const SMALL_SHEETS = Number(process.env.BENCH_SMALL_SHEETS ?? 10);
const BIG_ROWS = Number(process.env.BENCH_BIG_ROWS ?? 100_000);

async function main(): Promise<void> {
  const bench = await startBenchEnvironment('index_lag');
  const { env, config, tmp } = bench;
  let worker: ChildProcess | undefined;
  const search = new SearchClient(config);
  const index = search.client.index(search.indexUid(INDEX_NAMES.jobPosts));
  let sheets = 0;
  const documents = async () =>
    (await index.getStats().catch(() => ({ numberOfDocuments: 0 }))).numberOfDocuments;
  const lines: string[] = [];
  const say = (s: string) => {
    console.log(s);
    lines.push(s);
  };

  const startWorker = async (batchSize: number) => {
    await stopChild(worker);
    worker = spawn(process.execPath, [path.resolve(__dirname, '../apps/worker/src/main.js')], {
      env: {
        ...env,
        OUTBOX_BATCH_SIZE: String(batchSize),
        OUTBOX_INDEX_BATCH_SIZE: String(batchSize === 1 ? 1 : config.OUTBOX_INDEX_BATCH_SIZE),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await new Promise((r) => setTimeout(r, 4000)); // start-up: queues, relay, index settings
    await waitForIdleMeilisearch(search);
    // One sheet unmeasured: a worker that has run for a while is what county staff meet (its
    // first batches after a start cost ~2 s more: connections, JIT, Meilisearch's first writes).
    await sheetLag(35, 1);
  };

  /** Imports a sheet of `rows` posts (`employers` enterprises) and answers the ms until all are searchable. */
  const sheetLag = async (rows: number, employers: number): Promise<{ lagMs: number; importMs: number }> => {
    const seed = `lag-${process.pid}-${++sheets}`;
    const enterprises = generateEnterprises(employers, seed);
    const csv = path.join(tmp, `${seed}.csv`);
    await writeJobPostSheetCsv(
      futureDeadlines(generateJobPosts(enterprises, rows, seed)),
      createWriteStream(csv),
    );
    // Sheets run one after another and nothing else writes: the index holds them all when its
    // document count has grown by the rows imported.
    const before = await documents();
    const t0 = performance.now();
    const imp = await runNode(path.resolve(__dirname, '../scripts/jobs-import.js'), [csv, '--publish'], env);
    const returned = performance.now();
    if (imp.code !== 0) throw new Error(`jobs:import exited ${imp.code}: ${imp.out.slice(0, 500)}`);
    const { imported } = JSON.parse(imp.out.trim().split('\n').pop() ?? '{}') as { imported: number };
    for (;;) {
      if ((await documents()) >= before + imported) break;
      if (performance.now() - returned > 30 * 60_000)
        throw new Error(`sheet ${seed} not searchable after 30 min`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { lagMs: performance.now() - returned, importMs: returned - t0 };
  };

  try {
    await migrateDatabase(config);
    const smallRuns = async () => {
      const lags: number[] = [];
      for (let i = 0; i < SMALL_SHEETS; i++) lags.push((await sheetLag(35, 1)).lagMs);
      if (process.env.BENCH_VERBOSE)
        console.log(`35-row lags (ms): ${lags.map((l) => Math.round(l)).join(' ')}`);
      return lags;
    };

    // BENCH_BASELINE=0 skips the one-task-per-post runs (they take ~5 minutes).
    const baseline = process.env.BENCH_BASELINE !== '0';
    let perPostSmall: number[] = [];
    let perPost3000 = { lagMs: NaN, importMs: NaN };
    if (baseline) {
      await startWorker(1);
      perPostSmall = await smallRuns();
      perPost3000 = await sheetLag(3000, 60);
    }

    await startWorker(config.OUTBOX_BATCH_SIZE);
    const batchedSmall = await smallRuns();
    const batched3000 = await sheetLag(3000, 60);
    const batchedBig = await sheetLag(BIG_ROWS, Math.max(50, Math.round(BIG_ROWS / 50)));

    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const small = (lags: number[]) =>
      `p50 ${s(percentile(lags, 50))}, p95 ${s(percentile(lags, 95))}, max ${s(Math.max(...lags))}`;
    say(
      `bench:index-lag — ${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}, ${new Date().toISOString()}, ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    say('');
    say(
      `| sheet → searchable after the import returns | one job and task per post (baseline) | ` +
        `batched (${config.OUTBOX_INDEX_BATCH_SIZE} rows per job) |`,
    );
    say('|---|---|---|');
    say(
      `| ${SMALL_SHEETS} sheets of 35 rows | ${baseline ? small(perPostSmall) : '—'} | ${small(batchedSmall)} |`,
    );
    say(`| 3,000 rows | ${baseline ? s(perPost3000.lagMs) : '—'} | ${s(batched3000.lagMs)} |`);
    say(
      `| ${BIG_ROWS.toLocaleString('en-US')} rows (import ${s(batchedBig.importMs)}) | — | ${s(batchedBig.lagMs)} |`,
    );
    say('');
    say(
      `Goals: 35 rows p95 < 1.5 s — ${percentile(batchedSmall, 95) < 1500 ? 'met' : 'not met'} ` +
        `(${s(percentile(batchedSmall, 95))}); ${BIG_ROWS.toLocaleString('en-US')} rows < 60 s — ` +
        `${batchedBig.lagMs < 60_000 ? 'met' : 'not met'} (${s(batchedBig.lagMs)}).`,
    );
  } finally {
    await stopChild(worker);
    await bench.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
