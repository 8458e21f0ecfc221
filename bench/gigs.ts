/**
 * npm run bench:gigs — 附近零工 "near me today" at 20,000 open gigs (BENCH_GIGS) and 50,000 workers
 * (BENCH_WORKERS), on this machine:
 *   1. data straight into Postgres: a few staff posters, the gigs (most today and tomorrow, the rest
 *      over the next days, all 8 townships, the trades of COMMON_GIG_TRADES and of the county's
 *      synonym groups, day, hour and piece pay), the workers (users of role seeker + their
 *      gig_availability: trades, weekdays, townships, home township), from a seeded generator;
 *   2. the gigs index rebuilt by search:reindex's service (GigIndexerService's documents, fresh index
 *      + swap), so the documents are exactly what the platform writes;
 *   3. autocannon, 50 connections, every request a different worker (a shuffled order of all of
 *      them, a bearer token each, signed as the platform signs them):
 *      the API `GET /api/v1/gigs/near-me?date=today` (the guard's user lookup, the worker's
 *      availability, the search) against the same searches straight to Meilisearch (the floor:
 *      the request GigSearchService sends for that worker — date, trade families, distance from
 *      the home township, then pay; rebuilt here, checked against the API's hits before measuring),
 *      in interleaved rounds; then the API with Meilisearch paused (SIGSTOP): the Postgres fallback.
 * Goal (issue: public gig market): API p99 < 100 ms and ≥ 60% of the direct throughput.
 * Prints the figures side by side and a markdown block for bench/RESULTS.md.
 * BENCH_CPU_PROF=dir: a CPU profile of the API.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { createSecretKey, randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import { SearchClient, freePort, migrateDatabase } from '@app/platform';
import { TOWNSHIPS } from '@app/platform/geo';
import { todayInChina } from '@app/platform/validation';
import { COMMON_GIG_TRADES, addDays, isoWeekday } from '@app/gigs';
import { INDEX_NAMES, SearchReindexService, TRADE_SYNONYM_DATA, buildGigSearch } from '@app/search';
import {
  benchSearchContext,
  startBenchEnvironment,
  stopChild,
  waitFor,
  waitForIdleMeilisearch,
} from './support';

const GIGS = Number(process.env.BENCH_GIGS ?? 20_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 50_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 50;
/** What near-me asks for (GigSearchController.nearMe). */
const NEAR_ME_LIMIT = 50;

/** Seeded, so every run loads the same county (mulberry32). */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(20261202);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const between = (lo: number, hi: number, step = 1) =>
  lo + step * Math.floor(random() * ((hi - lo) / step + 1));
function weighted<T>(items: readonly (readonly [T, number])[]): T {
  let r = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

/** Day labour's own trades (the form's suggestions) most often, the synonym groups' words besides. */
const GROUP_WORDS = [...new Set(TRADE_SYNONYM_DATA.groups.flatMap((g) => g.words))];
const trade = () => (random() < 0.6 ? pick(COMMON_GIG_TRADES) : pick(GROUP_WORDS));
/** The county seat and the development zone have more work than the villages. */
const TOWNSHIP_WEIGHTS = TOWNSHIPS.map(
  (t) => [t, t.code === 'jifeng' ? 3 : t.code === 'devzone' ? 2 : 1] as const,
);
const VILLAGES = ['东村', '西村', '南庄', '北庄', '中心街', '工业园', '农贸市场', '枣园'];
const TITLE_TAILS = ['，日结', '，急招', '，包午饭', '，当天结算', '', '（长期有活）'];

/** The body GigSearchService sends to Meilisearch for near-me of a worker: the app's own builder. */
function nearMeSearch(date: string, w: Worker): string {
  return JSON.stringify(
    buildGigSearch({
      date,
      trades: w.trades,
      townshipCode: w.home,
      townshipCodes: w.reach,
      limit: NEAR_ME_LIMIT,
    }).meili,
  );
}

interface Worker {
  id: string;
  home: string;
  trades: string[];
  reach: string[];
  weekdays: number[];
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  degraded: number;
}

async function cannon(opts: autocannon.Options, countDegraded = false): Promise<Run> {
  let degraded = 0;
  const requests = countDegraded
    ? (opts.requests ?? []).map((r) => ({
        ...r,
        onResponse: (_status: number, body: string) => {
          if (body.includes('"degraded":true')) degraded++;
        },
      }))
    : opts.requests;
  const r = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts, requests });
  return {
    rps: Math.round((r.requests.total / r.duration) * 10) / 10,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
    requests: r.requests.total,
    degraded,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const bench = await startBenchEnvironment('gigs');
  const { env, config, meili, port } = bench;
  const pool = new Pool({
    connectionString: config.DATABASE_URL,
    options: `-c search_path=${config.DATABASE_SCHEMA},public`,
  });
  let api: ChildProcess | undefined;
  let compareApi: ChildProcess | undefined;
  let ctx: INestApplicationContext | undefined;
  let paused = false;
  const say = (s: string) => console.log(s);
  try {
    await migrateDatabase(config);
    const today = todayInChina();

    // 1. Data, straight into Postgres.
    const loadStart = Date.now();
    const posters: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO users (role, login, password_hash, display_name) VALUES ('staff', $1, 'not-a-hash', $2) RETURNING id`,
        [`bench.gig.poster.${process.pid}.${i}`, `零工驿站${i + 1}`],
      );
      posters.push(rows[0].id);
    }
    const BATCH = 5000;
    for (let from = 0; from < GIGS; from += BATCH) {
      const cols: unknown[][] = Array.from({ length: 17 }, () => []);
      for (let i = from; i < Math.min(GIGS, from + BATCH); i++) {
        const t = weighted(TOWNSHIP_WEIGHTS);
        const tr = trade();
        const village = pick(VILLAGES);
        const day = weighted([
          [0, 45],
          [1, 30],
          [between(2, 6), 25],
        ] as const);
        const start = between(6 * 60, 9 * 60, 30);
        const end = start + between(3, 9) * 60;
        const hhmm = (m: number) =>
          `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const unit = weighted([
          ['day', 70],
          ['hour', 20],
          ['piece', 10],
        ] as const);
        const pay =
          unit === 'day'
            ? between(10_000, 30_000, 500)
            : unit === 'hour'
              ? between(1500, 4000, 100)
              : between(50, 500, 10);
        const older = random() < 0.3;
        const row = [
          `${tr}${pick(TITLE_TAILS)}`,
          tr,
          `${t.name}${village}，${hhmm(start)}–${hhmm(end)}，工钱当天结清。`,
          addDays(today, day),
          hhmm(start),
          hhmm(end),
          t.code,
          `${t.name}${village}`,
          pay,
          unit,
          random() < 0.9 ? between(1, 10) : between(11, 30),
          older ? null : pick([null, null, 55, 60, 65]),
          older,
          posters[i % posters.length],
          'staff',
          random() < 0.5 ? `${t.name}${village}村委会` : null,
          'open',
        ];
        row.forEach((v, c) => cols[c].push(v));
      }
      // Written an hour ago: the rebuild re-syncs rows changed from 5 s before its start, which would
      // be every row of a load that had just finished.
      await pool.query(
        `INSERT INTO gigs (title, trade, description, gig_date, start_time, end_time, township_code, address,
           pay_fen, pay_unit, headcount, age_max, older_workers_welcome, poster_user_id, poster_kind,
           on_behalf_of, status, created_at, updated_at)
         SELECT r.*, now() - interval '1 hour', now() - interval '1 hour'
           FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::time[], $6::time[], $7::text[],
                       $8::text[], $9::int[], $10::text[], $11::int[], $12::int[], $13::bool[], $14::uuid[],
                       $15::text[], $16::text[], $17::text[]) AS r`,
        cols,
      );
    }
    const gigsMs = Date.now() - loadStart;

    const workersStart = Date.now();
    const workers: Worker[] = [];
    for (let from = 0; from < WORKERS; from += BATCH) {
      const cols: unknown[][] = Array.from({ length: 7 }, () => []);
      for (let i = from; i < Math.min(WORKERS, from + BATCH); i++) {
        const home = weighted(TOWNSHIP_WEIGHTS).code;
        const trades = new Set<string>();
        const n = weighted([
          [1, 50],
          [2, 35],
          [3, 15],
        ] as const);
        while (trades.size < n) trades.add(trade());
        const reach = new Set([home]);
        for (let k = between(0, 2); k > 0; k--) reach.add(pick(TOWNSHIPS).code);
        const weekdays = weighted([
          ['1,2,3,4,5,6,7', 50],
          ['1,2,3,4,5', 20],
          ['6,7', 10],
          [[1, 2, 3, 4, 5, 6, 7].filter(() => random() < 0.5).join(',') || '3', 20],
        ] as const);
        const w: Worker = {
          id: randomUUID(),
          home,
          trades: [...trades],
          reach: [...reach],
          weekdays: weekdays.split(',').map(Number),
        };
        workers.push(w);
        [
          w.id,
          `bench.gig.${process.pid}.${i}`,
          `零工${i}`,
          home,
          w.trades.join('|'),
          weekdays,
          w.reach.join('|'),
        ].forEach((v, c) => cols[c].push(v));
      }
      await pool.query(
        `INSERT INTO users (id, role, login, password_hash, display_name, township_code)
         SELECT r.id, 'seeker', r.login, 'not-a-hash', r.name, r.home
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS r(id, login, name, home)`,
        cols.slice(0, 4),
      );
      await pool.query(
        `INSERT INTO gig_availability (worker_user_id, trades, weekdays, township_codes, home_township,
           expected_pay_fen, pay_unit)
         SELECT r.id, string_to_array(r.trades, '|'), string_to_array(r.weekdays, ',')::smallint[],
                string_to_array(r.reach, '|'), r.home, 15000, 'day'
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS r(id, home, trades, weekdays, reach)`,
        [cols[0], cols[3], cols[4], cols[5], cols[6]],
      );
    }
    const workersMs = Date.now() - workersStart;
    await pool.query('ANALYZE');
    const [{ n: todays }] = (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM gigs WHERE status = 'open' AND gig_date = $1`,
        [today],
      )
    ).rows;

    // 2. The index, rebuilt by the platform's own reindexer.
    const search = new SearchClient(config);
    ctx = await benchSearchContext();
    const reindexStart = Date.now();
    const [rebuilt] = await ctx.get(SearchReindexService).reindexAll([INDEX_NAMES.gigs]);
    const reindexMs = Date.now() - reindexStart;
    if (rebuilt.documents !== GIGS) throw new Error(`indexed ${rebuilt.documents} of ${GIGS} gigs`);

    // 3. The API, the workers' tokens, the floor's requests.
    const nodeArgs = process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
    api = spawn(process.execPath, [...nodeArgs, path.resolve(__dirname, '../apps/api/src/main.js')], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const apiBase = `http://127.0.0.1:${port}`;
    await waitFor(`${apiBase}/health`);
    // BENCH_COMPARE_API=<another build's dist/apps/api/src/main.js>: that build measured in the same
    // rounds, against the same database and index (before and after a change, in one run).
    let compareBase: string | undefined;
    if (process.env.BENCH_COMPARE_API) {
      const comparePort = await freePort();
      compareApi = spawn(process.execPath, [path.resolve(process.env.BENCH_COMPARE_API)], {
        env: { ...env, PORT: String(comparePort) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      compareBase = `http://127.0.0.1:${comparePort}`;
      await waitFor(`${compareBase}/health`);
    }
    await waitForIdleMeilisearch(search);

    // Every request a different worker: one shuffled order of those who work today (near-me answers
    // the others "not your day" without a search), each run its own slice.
    const weekday = isoWeekday(today);
    const order = workers.map((_, i) => i).filter((i) => workers[i].weekdays.includes(weekday));
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const tokenStart = Date.now();
    // A KeyObject, as the platform signs (given a string, jsonwebtoken tries to read it as a PEM key
    // first: ~0.5 ms a token).
    const key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
    const tokens = workers.map((w) =>
      jwt.sign({ sub: w.id, role: 'seeker', org: null, twp: w.home, ver: 0, typ: 'access' }, key, {
        algorithm: 'HS256',
        expiresIn: 3600,
      }),
    );
    const tokenMs = Date.now() - tokenStart;
    const uid = search.indexUid(INDEX_NAMES.gigs);
    const meiliPath = `/indexes/${uid}/search`;
    const meiliHeaders = { authorization: `Bearer ${meili.masterKey}`, 'content-type': 'application/json' };
    const bodies = workers.map((w) => nearMeSearch(today, w));
    const nearMePath = '/api/v1/gigs/near-me?date=today';

    // The floor asks what the API asks: the same hits, in the same order, for a sample of workers.
    const sequential: { api: number[]; direct: number[] } = { api: [], direct: [] };
    let emptyAnswers = 0;
    for (let k = 0; k < 30; k++) {
      const i = order[order.length - 1 - k];
      let t0 = performance.now();
      const res = await fetch(`${apiBase}${nearMePath}`, {
        headers: { authorization: `Bearer ${tokens[i]}` },
      });
      const body = (await res.json()) as {
        hits?: { id: string }[];
        degraded?: boolean;
        hasAvailability?: boolean;
        townshipCode?: string;
      };
      sequential.api.push(performance.now() - t0);
      if (
        !res.ok ||
        body.degraded !== false ||
        !body.hasAvailability ||
        body.townshipCode !== workers[i].home
      )
        throw new Error(`near-me: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      t0 = performance.now();
      const direct = (await (
        await fetch(`${meili.url}${meiliPath}`, {
          method: 'POST',
          // Uncompressed, as the API asks (fetch's gzip answers wait ~40 ms on delayed ACKs).
          headers: { ...meiliHeaders, 'accept-encoding': 'identity' },
          body: bodies[i],
        })
      ).json()) as { hits: { id: string }[] };
      sequential.direct.push(performance.now() - t0);
      const a = (body.hits ?? []).map((h) => h.id).join();
      const b = direct.hits.map((h) => h.id).join();
      if (a !== b) throw new Error(`the floor's query differs from the API's for worker ${workers[i].id}`);
      if (direct.hits.length === 0) emptyAnswers++;
    }

    let cursor = 0;
    /** Worker indexes for one run, from `start` on in the shuffled order (wrapping only past all of them). */
    const slice = (start: number) => {
      let next = start;
      return () => order[next++ % order.length];
    };
    const apiRun = (start: number) => {
      const nextWorker = slice(start);
      return [
        {
          method: 'GET' as const,
          path: nearMePath,
          setupRequest: (req: autocannon.Request) => ({
            ...req,
            headers: { ...req.headers, authorization: `Bearer ${tokens[nextWorker()]}` },
          }),
        },
      ];
    };
    const directRun = (start: number) => {
      const nextWorker = slice(start);
      return [
        {
          method: 'POST' as const,
          path: meiliPath,
          setupRequest: (req: autocannon.Request) => ({ ...req, body: bodies[nextWorker()] }),
        },
      ];
    };

    // Warm-up of each target (JIT, connections, Meilisearch's page cache), not measured.
    const warm = { duration: 3 };
    const warmStart = WORKERS - 5000;
    await cannon({ url: apiBase, requests: apiRun(warmStart), ...warm });
    if (compareBase) await cannon({ url: compareBase, requests: apiRun(warmStart), ...warm });
    await cannon({ url: meili.url, headers: meiliHeaders, requests: directRun(warmStart), ...warm });
    const rounds: { direct: Run; viaApi: Run; compared?: Run; start: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // The floor and the API get the same workers in the same order; each round new ones.
      const start = cursor;
      const direct = await cannon({ url: meili.url, headers: meiliHeaders, requests: directRun(start) });
      // With another build, the two take turns at going first (the same workers, so the second
      // meets what the first warmed).
      const compareFirst = !!compareBase && r % 2 === 1;
      const compared =
        compareBase && compareFirst
          ? await cannon({ url: compareBase, requests: apiRun(start) }, true)
          : undefined;
      const viaApi = await cannon({ url: apiBase, requests: apiRun(start) }, true);
      const comparedRun =
        compareBase && !compareFirst
          ? await cannon({ url: compareBase, requests: apiRun(start) }, true)
          : compared;
      cursor += Math.max(direct.requests, viaApi.requests, comparedRun?.requests ?? 0) + CONNECTIONS;
      rounds.push({ direct, viaApi, compared: comparedRun, start });
    }
    // BENCH_FLOOR_VARIANTS=1: where Meilisearch's time goes — the same searches without the
    // distance sort (pay only), and without any sort.
    const variants: { name: string; run: Run }[] = [];
    if (process.env.BENCH_FLOOR_VARIANTS) {
      const variant = (name: string, change: (b: Record<string, unknown>) => void) => {
        const changed = bodies.map((b) => {
          const o = JSON.parse(b) as Record<string, unknown>;
          change(o);
          return JSON.stringify(o);
        });
        const nextWorker = slice(0);
        return {
          name,
          requests: [
            {
              method: 'POST' as const,
              path: meiliPath,
              setupRequest: (req: autocannon.Request) => ({ ...req, body: changed[nextWorker()] }),
            },
          ],
        };
      };
      for (const v of [
        variant('sorted by pay only (no distance sort)', (o) => (o.sort = ['payFen:desc'])),
        variant('no sort', (o) => delete o.sort),
        variant('no sort, no trade filter', (o) => {
          delete o.sort;
          o.filter = String(o.filter).replace(/ AND trade IN \[.*\]$/, '');
        }),
      ])
        variants.push({
          name: v.name,
          run: await cannon({ url: meili.url, headers: meiliHeaders, requests: v.requests }),
        });
    }
    const distinct = (r: { direct: Run; start: number }) => {
      const seen = new Set<string>();
      for (let k = 0; k < r.direct.requests; k++) seen.add(bodies[order[(r.start + k) % order.length]]);
      return seen.size;
    };

    // The degraded path: Meilisearch paused; the API waits GIG_MEILI_TIMEOUT_MS (1 s) for it, answers
    // from Postgres, and goes straight to Postgres for 2 s before trying Meilisearch again.
    process.kill(meili.pid, 'SIGSTOP');
    paused = true;
    const pgStart = cursor;
    const viaPg = await cannon({ url: apiBase, requests: apiRun(pgStart), timeout: 30 }, true);
    process.kill(meili.pid, 'SIGCONT');
    paused = false;
    cursor += viaPg.requests + CONNECTIONS;

    // 4. Report.
    const n = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1 });
    const row = (name: string, r: Run, withDegraded = true) =>
      `| ${name} | ${n(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${withDegraded ? `${r.degraded} / ${r.requests}` : '—'} |`;
    say(
      `bench:gigs — ${n(GIGS)} open gigs (${n(todays)} today), ${n(WORKERS)} workers, ${CONNECTIONS} connections, ` +
        `${DURATION} s per run, ${ROUNDS} rounds, ${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}, ` +
        `${new Date().toISOString()}, load average at the end ${os.loadavg()[0].toFixed(1)}`,
    );
    say('');
    say('| step | figure |');
    say('|---|---|');
    say(
      `| ${n(GIGS)} gigs into Postgres (unnest, batches of ${n(BATCH)}) | ${(gigsMs / 1000).toFixed(1)} s |`,
    );
    say(
      `| ${n(WORKERS)} workers into Postgres (users + gig_availability) | ${(workersMs / 1000).toFixed(1)} s |`,
    );
    say(
      `| gigs index rebuilt (search:reindex's service), ${n(rebuilt.documents)} docs | ${(reindexMs / 1000).toFixed(1)} s, ` +
        `${n(Math.round((rebuilt.documents / reindexMs) * 1000))} docs/s |`,
    );
    say(`| ${n(WORKERS)} access tokens signed | ${(tokenMs / 1000).toFixed(1)} s |`);
    say(
      `| one request at a time, median of 30 workers | API ${median(sequential.api).toFixed(1)} ms, ` +
        `Meilisearch direct ${median(sequential.direct).toFixed(1)} ms (same hits; ${emptyAnswers} of 30 empty) |`,
    );
    say('');
    say(
      '| near me today, 50 connections, every request a different worker | req/s | p50 ms | p99 ms | errors | degraded |',
    );
    say('|---|---:|---:|---:|---:|---:|');
    rounds.forEach((r, k) => {
      say(
        row(
          `round ${k + 1}: Meilisearch direct, the same searches (floor; ${n(distinct(r))} distinct)`,
          r.direct,
          false,
        ),
      );
      say(row(`round ${k + 1}: **API** \`GET /api/v1/gigs/near-me?date=today\``, r.viaApi));
      if (r.compared) say(row(`round ${k + 1}: API of BENCH_COMPARE_API (the other build)`, r.compared));
    });
    for (const v of variants) say(row(`Meilisearch direct, the round 1 searches ${v.name}`, v.run, false));
    say(row('API, Meilisearch paused (SIGSTOP): the Postgres fallback', viaPg));
    say('');
    const total = (f: (r: (typeof rounds)[number]) => Run) => rounds.reduce((s, r) => s + f(r).rps, 0);
    const ratio =
      total((r) => r.viaApi) /
      Math.max(
        1,
        total((r) => r.direct),
      );
    const worstP99 = Math.max(...rounds.map((r) => r.viaApi.p99));
    const wrapped =
      cursor > WORKERS ? ` (the order wrapped: ${n(cursor)} requests over ${n(WORKERS)} workers)` : '';
    say(
      `API / Meilisearch direct: ${rounds.map((r) => `${((r.viaApi.rps / Math.max(1, r.direct.rps)) * 100).toFixed(0)}%`).join(', ')} ` +
        `(all rounds ${(ratio * 100).toFixed(0)}%; goal ≥ 60%: ${ratio >= 0.6 ? 'met' : 'NOT met'}); API p99 ` +
        `${rounds.map((r) => r.viaApi.p99).join(', ')} ms (goal < 100 ms: ${worstP99 < 100 ? 'met' : 'NOT met'})${wrapped}`,
    );
    if (rounds[0]?.compared) {
      const compared =
        total((r) => r.compared as Run) /
        Math.max(
          1,
          total((r) => r.direct),
        );
      say(
        `BENCH_COMPARE_API build / Meilisearch direct: all rounds ${(compared * 100).toFixed(0)}%; ` +
          `this build / that build: ${(
            total((r) => r.viaApi) /
            Math.max(
              1,
              total((r) => r.compared as Run),
            )
          ).toFixed(2)}×`,
      );
    }
    const failed = rounds.some(
      (r) => r.viaApi.errors > 0 || r.direct.errors > 0 || (r.compared?.errors ?? 0) > 0,
    );
    if (failed) throw new Error('requests failed during the measured runs');
  } finally {
    if (paused) process.kill(meili.pid, 'SIGCONT');
    await stopChild(api);
    await stopChild(compareApi);
    await ctx?.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await bench.dispose();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:gigs failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
