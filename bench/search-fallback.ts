/**
 * npm run bench:search-fallback — the public search at 100,000 posts (BENCH_POSTS) while
 * Meilisearch is down, on this machine:
 *   1. import: a generated 岗位信息采集表 CSV through the compiled jobs:import CLI (--publish), with
 *      the bigram index (search_grams) maintained on every row;
 *   2. the baseline: the Postgres search alone (JobPostSearchService.fromPostgres — bigram GIN,
 *      synonyms, the 1,000-match cap — behind a bare node:http server, no cap on concurrency):
 *      what a good engineer builds without Meilisearch;
 *   3. the API's GET /api/v1/job-posts/search with Meilisearch frozen (SIGSTOP: every probe costs
 *      its timeout) and then stopped (connections refused), at 50 connections, rotating queries and
 *      every request different; answers counted as degraded, 503 (search-busy) or failed.
 * Goal (issue: county scale, 3): ≥ 50 answers/s with p99 < 1 s and degraded: true.
 * Prints the figures side by side and a markdown block for bench/RESULTS.md.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { freePort, migrateDatabase } from '@app/platform';
import { generateEnterprises, generateJobPosts, writeJobPostSheetCsv } from '@app/demo-data';
import { JobPostSearchParams, JobPostSearchService } from '@app/search';
import {
  SEARCH_QUERIES as QUERIES,
  benchSearchContext,
  futureDeadlines,
  runNode,
  startBenchEnvironment,
  stopChild,
  waitFor,
} from './support';

const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 50;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  degraded: number;
  busy: number;
  failed: number;
}

async function cannon(url: string, paths: () => string): Promise<Run> {
  let degraded = 0;
  let busy = 0;
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 30,
    requests: [
      {
        setupRequest: (req: autocannon.Request) => ({ ...req, method: 'GET' as const, path: paths() }),
        onResponse: (status: number, body: string) => {
          if (status === 503) busy++;
          else if (body.includes('"degraded":true')) degraded++;
        },
      },
    ],
  });
  return {
    rps: Math.round((r.requests.total / r.duration) * 10) / 10,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    degraded,
    busy,
    failed: r.errors + r.timeouts + (r.non2xx - busy),
  };
}

async function main(): Promise<void> {
  const bench = await startBenchEnvironment('search_fallback');
  const { env, config, meili, port, tmp } = bench;
  let api: ChildProcess | undefined;
  let ctx: INestApplicationContext | undefined;
  let frozen = false;
  const lines: string[] = [];
  const say = (s: string) => {
    console.log(s);
    lines.push(s);
  };
  try {
    await migrateDatabase(config);

    // 1. Import.
    const csv = path.join(tmp, 'posts.csv');
    const enterprises = generateEnterprises(Math.max(50, Math.round(POSTS / 50)), 'bench');
    const written = await writeJobPostSheetCsv(
      futureDeadlines(generateJobPosts(enterprises, POSTS, 'bench')),
      createWriteStream(csv),
    );
    const importStart = Date.now();
    const imp = await runNode(path.resolve(__dirname, '../scripts/jobs-import.js'), [csv, '--publish'], env);
    const importMs = Date.now() - importStart;
    if (imp.code !== 0) throw new Error(`jobs:import exited ${imp.code}: ${imp.out.slice(0, 500)}`);
    const summary = JSON.parse(imp.out.trim().split('\n').pop() ?? '{}') as { imported: number };

    ctx = await benchSearchContext();
    const ds = ctx.get(DataSource);
    // As autovacuum would after a bulk load: statistics, and the GIN pending list merged.
    await ds.query('VACUUM ANALYZE job_posts');
    const [{ size }] = await ds.query(
      `SELECT pg_size_pretty(pg_relation_size('job_posts_search_grams')) AS size`,
    );

    const qs = (p: Record<string, string>) => new URLSearchParams(p).toString();
    let serial = 0;
    const rotating = () => QUERIES[serial++ % QUERIES.length];
    // Every request different: the 12 queries, each with its own wage floor.
    const unique = () => ({ ...QUERIES[serial % QUERIES.length], wageMin: String(1000 + serial++) });

    // 2. The baseline: the Postgres search alone, behind bare node:http.
    const pgService = ctx.get(JobPostSearchService);
    const pgServer = createServer((req, reply) => {
      const params = Object.fromEntries(
        new URL(req.url ?? '/', 'http://x').searchParams,
      ) as JobPostSearchParams;
      pgService.fromPostgres(params).then(
        (result) => {
          reply.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          reply.end(JSON.stringify(result));
        },
        (err: unknown) => {
          reply.writeHead(500);
          reply.end(String(err));
        },
      );
    });
    const pgPort = await freePort();
    await new Promise<void>((r) => pgServer.listen(pgPort, '127.0.0.1', r));
    const pgUrl = `http://127.0.0.1:${pgPort}`;
    await cannon(pgUrl, () => `/search?${qs(rotating())}`); // warm-up
    const pgRotating = await cannon(pgUrl, () => `/search?${qs(rotating())}`);
    const pgUnique = await cannon(pgUrl, () => `/search?${qs(unique())}`);
    pgServer.close();
    await ctx.close();
    ctx = undefined;

    // 3. The API, Meilisearch frozen, then stopped.
    api = spawn(process.execPath, [path.resolve(__dirname, '../apps/api/src/main.js')], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const apiBase = `http://127.0.0.1:${port}`;
    await waitFor(`${apiBase}/health`);
    const route = (p: Record<string, string>) => `/api/v1/job-posts/search?${qs(p)}`;
    process.kill(meili.pid, 'SIGSTOP');
    frozen = true;
    await cannon(apiBase, () => route(rotating())); // warm-up
    const frozenRotating = await cannon(apiBase, () => route(rotating()));
    const frozenUnique = await cannon(apiBase, () => route(unique()));
    process.kill(meili.pid, 'SIGCONT');
    frozen = false;
    await meili.stop();
    const stoppedRotating = await cannon(apiBase, () => route(rotating()));
    const stoppedUnique = await cannon(apiBase, () => route(unique()));

    const row = (name: string, r: Run) =>
      `| ${name} | ${r.rps.toLocaleString('en-US', { maximumFractionDigits: 1 })} | ${r.p50} | ${r.p99} | ` +
      `${r.degraded} / ${r.total} | ${r.busy} | ${r.failed} |`;
    say(
      `bench:search-fallback — ${POSTS.toLocaleString('en-US')} posts, ${CONNECTIONS} connections, ${DURATION} s per run, ` +
        `${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}, ${new Date().toISOString()}, ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    say('');
    say(
      `CSV rows ${written.toLocaleString('en-US')}; jobs:import --publish ${(importMs / 1000).toFixed(1)} s ` +
        `(${summary.imported} imported, ${Math.round((summary.imported / importMs) * 1000)} rows/s, ` +
        `bigram index maintained); job_posts_search_grams ${size}`,
    );
    say('');
    say('| search, 50 connections | answers/s | p50 ms | p99 ms | degraded | 503 busy | failed |');
    say('|---|---:|---:|---:|---:|---:|---:|');
    say(row('Postgres search alone (bare node:http), 12 rotating queries (baseline)', pgRotating));
    say(row('Postgres search alone, every request different (baseline)', pgUnique));
    say(row('API, Meilisearch frozen (SIGSTOP), rotating', frozenRotating));
    say(row('API, Meilisearch frozen, every request different', frozenUnique));
    say(row('API, Meilisearch stopped, rotating', stoppedRotating));
    say(row('API, Meilisearch stopped, every request different', stoppedUnique));
    say('');
    const verdict = (r: Run) =>
      `${r.rps} answers/s (${r.rps >= 50 ? 'met' : 'not met'}), p99 ${r.p99} ms (${r.p99 < 1000 ? 'met' : 'not met'})`;
    const pct = (a: Run, b: Run) => `${((a.rps / Math.max(0.1, b.rps)) * 100).toFixed(0)}%`;
    say(
      `Goal ≥ 50 answers/s, p99 < 1 s, degraded: frozen ${verdict(frozenUnique)}; stopped ${verdict(stoppedUnique)} ` +
        `(every request different). API / Postgres alone: frozen ${pct(frozenUnique, pgUnique)}, ` +
        `stopped ${pct(stoppedUnique, pgUnique)}.`,
    );
  } finally {
    if (frozen) process.kill(meili.pid, 'SIGCONT');
    await stopChild(api);
    await ctx?.close().catch(() => undefined);
    await bench.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
