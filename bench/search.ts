/**
 * npm run bench:search — the job post search at 100,000 posts (BENCH_POSTS), on this machine:
 *   1. import: a generated 岗位信息采集表 CSV through the compiled jobs:import CLI (--publish);
 *   2. bulk index: search:reindex's service (fresh index + swap) — the import's outbox rows are then
 *      marked processed, because the rebuilt index already holds their documents;
 *   3. write-to-searchable lag: posts published one by one (post row + outbox row in one
 *      transaction, as JobPostService.approve does) with the worker running, until Meilisearch has
 *      the document;
 *   4. throughput and latency with autocannon, 50 connections, a rotating set of Chinese queries:
 *      the API route, the same search requests straight to Meilisearch (the floor; also without
 *      facets, which is what the API sends once its facet counts are cached), and the same filters
 *      as the Postgres fallback (the degraded path, served by a bare node:http server); then the API and
 *      Meilisearch again with every request different, so that no cache of the API can answer, and
 *      a minimal index of the same posts (title and occupation only) as the floor of every feature.
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
import {
  JobName,
  OutboxService,
  SearchClient,
  dataSourceOptions,
  freePort,
  migrateDatabase,
} from '@app/platform';
import { generateEnterprises, generateJobPosts, writeJobPostSheetCsv } from '@app/demo-data';
import {
  INDEX_NAMES,
  JOB_POST_HIT_ATTRIBUTES,
  JobPostSearchParams,
  JobPostSearchService,
  SearchReindexService,
  buildJobPostSearch,
} from '@app/search';
import {
  MINIMAL_JOB_POST_INDEX_SETTINGS,
  SEARCH_QUERIES as QUERIES,
  futureDeadlines,
  percentile,
  runNode,
  startBenchEnvironment,
  stopChild,
  waitFor,
  waitForIdleMeilisearch,
  benchSearchContext,
} from './support';

const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const LAG_POSTS = Number(process.env.BENCH_LAG_POSTS ?? 60);
const CONNECTIONS = 50;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function cannon(opts: autocannon.Options): Promise<Run> {
  const r = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
  return {
    // Answers per second over the run (one decimal: the Postgres baseline answers a few per second).
    rps: Math.round((r.requests.total / r.duration) * 10) / 10,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
  };
}

async function main(): Promise<void> {
  const bench = await startBenchEnvironment('search');
  const { env, config, meili, port, tmp } = bench;
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let ds: DataSource | undefined;
  let ctx: INestApplicationContext | undefined;
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
    const summary = JSON.parse(imp.out.trim().split('\n').pop() ?? '{}') as {
      imported: number;
      rejected: number;
    };

    // 2. Bulk index via the reindexer.
    const base = dataSourceOptions(config);
    ds = new DataSource({
      ...base,
      extra: { ...(base.extra as Record<string, unknown>), max: 10 },
    } as typeof base);
    await ds.initialize();
    const search = new SearchClient(config);
    ctx = await benchSearchContext();
    const reindexStart = Date.now();
    const [rebuilt] = await ctx.get(SearchReindexService).reindexAll(['job-posts']);
    const reindexMs = Date.now() - reindexStart;
    await ds.query(`UPDATE outbox SET published_at = now(), processed_at = now() WHERE processed_at IS NULL`);

    // 3. Lag, with the worker running.
    worker = spawn(process.execPath, [path.resolve(__dirname, '../apps/worker/src/main.js')], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const uid = search.indexUid(INDEX_NAMES.jobPosts);
    const index = search.client.index(uid);
    await new Promise((r) => setTimeout(r, 3000)); // worker start-up
    const outbox = new OutboxService();
    const lags: number[] = [];
    for (let i = 0; i < LAG_POSTS; i++) {
      const t0 = performance.now();
      const id = await ds.transaction(async (m) => {
        const rows: { id: string }[] = await m.query(
          `INSERT INTO job_posts (employer_id, employer_name, employer_size, employer_industry, title, occupation, headcount,
             township_code, place_text, employment_type,
             is_internship, wage_min_fen, wage_max_fen, skills, deadline, status, published_at, dedupe_key, source)
           SELECT employer_id, employer_name, employer_size, employer_industry, left(title, 40) || '急招' || $1::text,
             occupation, headcount, township_code, place_text, employment_type,
             is_internship, wage_min_fen, wage_max_fen, skills, deadline, 'published', now(), 'bench-lag-' || $1::text, 'manual'
             FROM job_posts WHERE status = 'published' AND township_code IS NOT NULL LIMIT 1
           RETURNING id`,
          [`${process.pid}-${i}`],
        );
        await outbox.add(m, JobName.JobPostChanged, { jobPostId: rows[0].id });
        return rows[0].id;
      });
      for (;;) {
        const found = await index.getDocument(id).then(
          () => true,
          () => false,
        );
        if (found) break;
        if (performance.now() - t0 > 60_000) throw new Error(`post ${id} not searchable after 60 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      lags.push(performance.now() - t0);
    }

    // 4. Throughput: API, Meilisearch direct, Postgres ILIKE.
    api = spawn(process.execPath, [path.resolve(__dirname, '../apps/api/src/main.js')], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const apiBase = `http://127.0.0.1:${port}`;
    await waitFor(`${apiBase}/health`);
    const now = new Date();
    const qs = (p: Record<string, string>) => new URLSearchParams(p).toString();
    const apiRequests = QUERIES.map((p) => ({
      method: 'GET' as const,
      path: `/api/v1/job-posts/search?${qs(p)}`,
    }));
    const probe = (await (await fetch(`${apiBase}${apiRequests[0].path}`)).json()) as { degraded?: boolean };
    if (probe.degraded !== false)
      throw new Error(`API search is degraded: ${JSON.stringify(probe).slice(0, 300)}`);
    const meiliBody = (p: Record<string, string>, hitsOnly = false) => {
      const { q, ...rest } = buildJobPostSearch(p as JobPostSearchParams, now);
      return JSON.stringify({
        q,
        ...rest,
        ...(hitsOnly ? { facets: [] } : {}),
        attributesToRetrieve: JOB_POST_HIT_ATTRIBUTES,
      });
    };
    const meiliPath = `/indexes/${uid}/search`;
    const meiliRequests = QUERIES.map((p) => ({
      method: 'POST' as const,
      path: meiliPath,
      body: meiliBody(p),
    }));
    const meiliHitsOnly = QUERIES.map((p) => ({
      method: 'POST' as const,
      path: meiliPath,
      body: meiliBody(p, true),
    }));
    // Every request different (the 12 queries, each with its own wage floor), so no cache can answer:
    // the API's cold path against Meilisearch given the very same requests.
    let serial = 0;
    const unique = (): Record<string, string> => {
      serial++;
      return { ...QUERIES[serial % QUERIES.length], wageMin: String(1000 + serial) };
    };
    const apiUnique = [
      {
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          method: 'GET' as const,
          path: `/api/v1/job-posts/search?${qs(unique())}`,
        }),
      },
    ];
    const meiliUnique = [
      {
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          method: 'POST' as const,
          path: meiliPath,
          body: meiliBody(unique()),
        }),
      },
    ];
    // The minimal index of the same posts (MINIMAL_JOB_POST_INDEX_SETTINGS): what each feature of
    // the real index costs is measured against it. Queried with the same words, every request different (its own offset).
    const minimalUid = `${uid}_minimal`;
    const minimal = search.client.index(minimalUid);
    await search.client.createIndex(minimalUid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
    await minimal.updateSettings(MINIMAL_JOB_POST_INDEX_SETTINGS).waitTask({ timeout: 60_000 });
    const minimalDocs: { id: string; title: string; occupation: string | null }[] = await ds.query(
      `SELECT id, title, occupation FROM job_posts WHERE status = 'published'`,
    );
    for (let i = 0; i < minimalDocs.length; i += 20_000) {
      await minimal.addDocuments(minimalDocs.slice(i, i + 20_000)).waitTask({ timeout: 300_000 });
    }
    const minimalPath = `/indexes/${minimalUid}/search`;
    const minimalUnique = [
      {
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          method: 'POST' as const,
          path: minimalPath,
          body: JSON.stringify({
            q: unique().q ?? '',
            offset: serial % 3,
            limit: 20,
            attributesToRetrieve: ['id', 'title', 'occupation'],
          }),
        }),
      },
    ];
    const pgService = ctx.get(JobPostSearchService);
    const pgServer = createServer((req, reply) => {
      const params = Object.fromEntries(
        new URL(req.url ?? '/', 'http://x').searchParams,
      ) as JobPostSearchParams;
      pgService.fromPostgres(params, now).then(
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
    const pgRequests = QUERIES.map((p) => ({ method: 'GET' as const, path: `/search?${qs(p)}` }));

    const meiliHeaders = { authorization: `Bearer ${meili.masterKey}`, 'content-type': 'application/json' };
    // The API and the worker (re)apply index settings when they start; measure only once Meilisearch
    // has no indexing left to do, or the runs measure indexing, not search.
    await waitForIdleMeilisearch(search);
    // Warm-up of each target (caches, JIT), not measured.
    const warm = { duration: 3 };
    await cannon({ url: apiBase, requests: apiRequests, ...warm });
    await cannon({ url: meili.url, headers: meiliHeaders, requests: meiliRequests, ...warm });
    const direct = await cannon({ url: meili.url, headers: meiliHeaders, requests: meiliRequests });
    const directHitsOnly = await cannon({ url: meili.url, headers: meiliHeaders, requests: meiliHitsOnly });
    const viaApi = await cannon({ url: apiBase, requests: apiRequests });
    const directUnique = await cannon({ url: meili.url, headers: meiliHeaders, requests: meiliUnique });
    const viaApiUnique = await cannon({ url: apiBase, requests: apiUnique });
    const minimalDirect = await cannon({ url: meili.url, headers: meiliHeaders, requests: minimalUnique });
    // The Postgres path: a longer run and timeout, no warm-up (its unfinished queries would hold
    // the pool during the measured run).
    const viaPg = await cannon({
      url: `http://127.0.0.1:${pgPort}`,
      requests: pgRequests,
      timeout: 120,
      duration: Math.max(DURATION, 30),
    });
    pgServer.close();

    const row = (name: string, r: Run) =>
      `| ${name} | ${r.rps.toLocaleString('en-US', { maximumFractionDigits: 1 })} | ${r.p50} | ${r.p99} | ${r.errors} |`;
    say(
      `bench:search — ${POSTS.toLocaleString('en-US')} posts, ${CONNECTIONS} connections, ${DURATION} s per run, ` +
        `${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}, ${new Date().toISOString()}`,
    );
    say('');
    say('| step | figure |');
    say('|---|---|');
    say(`| CSV rows written | ${written.toLocaleString('en-US')} |`);
    say(
      `| jobs:import --publish (compiled CLI) | ${(importMs / 1000).toFixed(1)} s, ` +
        `${Math.round((summary.imported / importMs) * 1000).toLocaleString('en-US')} rows/s ` +
        `(imported ${summary.imported}, rejected ${summary.rejected}) — goal < 120 s |`,
    );
    say(
      `| search:reindex of ${rebuilt.documents.toLocaleString('en-US')} docs (fresh index + swap) | ` +
        `${(reindexMs / 1000).toFixed(1)} s, ${Math.round((rebuilt.documents / reindexMs) * 1000).toLocaleString('en-US')} docs/s |`,
    );
    say(
      `| write → searchable lag, ${LAG_POSTS} posts one by one | p50 ${Math.round(percentile(lags, 50))} ms, ` +
        `p95 ${Math.round(percentile(lags, 95))} ms, max ${Math.round(Math.max(...lags))} ms — goal p95 < 2000 ms |`,
    );
    say('');
    say('| search, 50 connections | req/s | p50 ms | p99 ms | errors |');
    say('|---|---:|---:|---:|---:|');
    say(row('Meilisearch direct, 12 rotating queries with facets (floor)', direct));
    say(
      row(
        'Meilisearch direct, the same without facets (what the API sends once counts are cached)',
        directHitsOnly,
      ),
    );
    say(row('API GET /api/v1/job-posts/search, 12 rotating queries', viaApi));
    say(row('Meilisearch direct, every request different (cold floor)', directUnique));
    say(row('API, every request different (no cache can answer)', viaApiUnique));
    say(
      row(
        'Meilisearch direct, minimal index (title + occupation, no filters or facets), every request different',
        minimalDirect,
      ),
    );
    say(row('Postgres fallback (bigram GIN + ILIKE), 12 rotating queries, bare node:http', viaPg));
    say('');
    const pct = (a: Run, b: Run) => `${((a.rps / Math.max(1, b.rps)) * 100).toFixed(0)}%`;
    say(
      `API / Meilisearch direct: ${pct(viaApi, direct)} on the rotating queries, ${pct(viaApiUnique, directUnique)} ` +
        `with every request different (goal ≥ 60%); API p99 ${viaApi.p99} ms rotating, ${viaApiUnique.p99} ms ` +
        `all different (goal < 150 ms); API / minimal index: ${pct(viaApiUnique, minimalDirect)}, ` +
        `full index direct / minimal index: ${pct(directUnique, minimalDirect)}; API / Postgres: ${(viaApi.rps / Math.max(0.1, viaPg.rps)).toFixed(0)}× rotating, ` +
        `${(viaApiUnique.rps / Math.max(0.1, viaPg.rps)).toFixed(0)}× all different (goal ≥ 10×)`,
    );
  } finally {
    // Children first, and wait for them: dropping the schema under a live worker deadlocks.
    await Promise.all([api, worker].map((c) => stopChild(c)));
    await ctx?.close().catch(() => undefined);
    await ds?.destroy().catch(() => undefined);
    await bench.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
