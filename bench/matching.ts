/**
 * npm run bench:matching — matching (人岗匹配) at 200,000 seekers (BENCH_SEEKERS) and 20,000 posts
 * (BENCH_POSTS), on this machine:
 *   1. posts: a generated 岗位信息采集表 CSV through the compiled jobs:import CLI (--publish), then
 *      the job-posts index rebuilt by search:reindex's service;
 *   2. seekers: generated seekers written straight into Postgres in batches (users + seeker_profiles,
 *      multi-row INSERT … SELECT FROM unnest / jsonb_to_recordset), ID numbers and mobiles encrypted
 *      with the project's PiiCipher under the key the API is given, the HMAC blind index beside them;
 *      then the seekers index rebuilt (consenting seekers only);
 *   3. throughput and latency with autocannon, 50 connections, through the API:
 *      GET /api/v1/job-posts/:id/candidates as county-wide staff over ~20 posts of different trades,
 *      GET /api/v1/seekers/me/matches as ~20 seekers (one bearer token per request, rotating);
 *      the same candidate queries straight to Meilisearch (multi-search, the floor); and the API
 *      routes again with Meilisearch paused (SIGSTOP), i.e. the Postgres fallback (degraded: true).
 * Prints a markdown block for bench/RESULTS.md.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SearchClient, dataSourceOptions, migrateDatabase } from '@app/platform';
import {
  DemoSeeker,
  generateEnterprises,
  generateJobPosts,
  generateSeekers,
  writeJobPostSheetCsv,
} from '@app/demo-data';
import { PII_PURPOSE, PiiCipher, hashPassword, normaliseResidentId } from '@app/identity';
import { INDEX_NAMES, JOB_POST_HIT_ATTRIBUTES, MATCH_CANDIDATES, SearchReindexService } from '@app/search';
import { TOWNSHIPS } from '@app/platform/geo';
import {
  cpuProfileArgs,
  futureDeadlines,
  runNode,
  startBenchEnvironment,
  stopChild,
  waitFor,
  waitForIdleMeilisearch,
  benchSearchContext,
} from './support';

const SEEKERS = Number(process.env.BENCH_SEEKERS ?? 200_000);
const POSTS = Number(process.env.BENCH_POSTS ?? 20_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
/** Rows per INSERT (users, then profiles, in one transaction). */
const BATCH = 4000;
/** Batches in flight at once (preparing the next one in JS while Postgres writes). */
const IN_FLIGHT = 2;
/** Posts / seekers the requests rotate over. */
const ROTATE = 20;
/** Bench data: every generated account has this password. */
const PASSWORD = 'bench-matching-password';

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Answers that said degraded: true (counted only where asked). */
  degraded?: number;
  total: number;
}

async function cannon(opts: autocannon.Options, countDegraded = false): Promise<Run> {
  let degraded = 0;
  const requests = countDegraded
    ? opts.requests?.map((r) => ({
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
    total: r.requests.total,
    ...(countDegraded ? { degraded } : {}),
  };
}

// ---- seekers into Postgres ----

const LEVEL_EN: Readonly<Record<string, string>> = {
  初级: 'junior',
  中级: 'intermediate',
  高级: 'senior',
};

interface SeekerBatch {
  users: {
    id: string[];
    login: string[];
    name: string[];
    mobile: Buffer[];
    idEnc: (Buffer | null)[];
    idIndex: (Buffer | null)[];
    township: string[];
  };
  /** seeker_profiles rows, one JSON document for jsonb_to_recordset. */
  profiles: string;
}

/**
 * One batch of users + profiles, as the API would write them (users.createUser + upsertProfile),
 * but many rows per statement. A generated ID number that repeats an earlier one (the generator
 * can give two people the same number) is left out: users.id_number_index is UNIQUE.
 */
function prepareBatch(
  seekers: DemoSeeker[],
  offset: number,
  cipher: PiiCipher,
  seenIds: Set<string>,
): SeekerBatch & { droppedIds: number } {
  const u: SeekerBatch['users'] = {
    id: [],
    login: [],
    name: [],
    mobile: [],
    idEnc: [],
    idIndex: [],
    township: [],
  };
  const profiles: Record<string, unknown>[] = [];
  let droppedIds = 0;
  seekers.forEach((s, i) => {
    const n = offset + i;
    // seeker_profiles.township_code is NOT NULL; the 3 % of generated seekers without one get a township in turn.
    const township = s.townshipCode ?? TOWNSHIPS[n % TOWNSHIPS.length].code;
    const idNumber = normaliseResidentId(s.idNumber);
    const fresh = !seenIds.has(idNumber);
    if (fresh) seenIds.add(idNumber);
    else droppedIds++;
    u.id.push(s.id);
    u.login.push(`bench-seeker-${n}`);
    u.name.push(s.name);
    u.mobile.push(cipher.encrypt(s.mobile, PII_PURPOSE.mobile));
    u.idEnc.push(fresh ? cipher.encrypt(idNumber, PII_PURPOSE.idNumber) : null);
    u.idIndex.push(fresh ? cipher.blindIndex(idNumber, PII_PURPOSE.idNumber) : null);
    u.township.push(township);
    const graduate = s.groups.includes('graduate');
    const gradLevel =
      s.education === 'secondary-vocational'
        ? 'secondary-vocational'
        : s.education === 'college' || s.education === 'bachelor' || s.education === 'master'
          ? 'university'
          : null;
    const grad = graduate && gradLevel !== null;
    profiles.push({
      user_id: s.id,
      occ: s.desiredOccupations,
      skills: s.skills,
      certificates: s.certificates.map((c) => ({
        name: c.name,
        level: c.level ? (LEVEL_EN[c.level] ?? null) : null,
        date: null,
      })),
      education: s.education,
      township_code: township,
      wage: s.wageExpectationFen,
      availability: s.availability,
      grad_date: grad ? '2024-07-01' : null,
      grad_level: grad ? gradLevel : null,
      grad_province: grad ? '山西省' : null,
      grad_full_time: grad ? true : null,
      unemployed_since: s.groups.includes('registered-unemployed') ? '2025-01-01' : null,
      groups: s.groups,
      consent: s.consentToMatching,
      birth_year: Number(s.birthDate.slice(0, 4)),
    });
  });
  return { users: u, profiles: JSON.stringify(profiles), droppedIds };
}

async function insertBatch(ds: DataSource, b: SeekerBatch, passwordHash: string): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO users (id, role, login, password_hash, display_name, mobile_enc, id_number_enc, id_number_index, township_code)
       SELECT u.id, 'seeker', u.login, $1, u.name, u.mobile, u.enc, u.idx, u.township
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::bytea[], $6::bytea[], $7::bytea[], $8::text[])
           AS u(id, login, name, mobile, enc, idx, township)`,
      [
        passwordHash,
        b.users.id,
        b.users.login,
        b.users.name,
        b.users.mobile,
        b.users.idEnc,
        b.users.idIndex,
        b.users.township,
      ],
    );
    await m.query(
      `INSERT INTO seeker_profiles (user_id, desired_occupations, skills, certificates, education, township_code,
         wage_expectation_fen, availability, graduation_date, graduation_level, graduation_province,
         graduation_full_time, registered_unemployed_since, groups, searchable_by_employers, consent_changed_at,
         birth_year)
       SELECT r.user_id, ARRAY(SELECT jsonb_array_elements_text(r.occ)), ARRAY(SELECT jsonb_array_elements_text(r.skills)),
              r.certificates, r.education, r.township_code, r.wage, r.availability, r.grad_date, r.grad_level,
              r.grad_province, r.grad_full_time, r.unemployed_since, ARRAY(SELECT jsonb_array_elements_text(r.groups)),
              r.consent, CASE WHEN r.consent THEN now() END, r.birth_year
         FROM jsonb_to_recordset($1::jsonb) AS r(user_id uuid, occ jsonb, skills jsonb, certificates jsonb,
              education text, township_code text, wage bigint, availability text, grad_date date, grad_level text,
              grad_province text, grad_full_time boolean, unemployed_since date, groups jsonb, consent boolean,
              birth_year smallint)`,
      [b.profiles],
    );
  });
}

// ---- main ----

async function main(): Promise<void> {
  const bench = await startBenchEnvironment('matching', {
    // Long enough for the whole measurement; login and public throttles off.
    JWT_ACCESS_TTL_SECONDS: '7200',
    LOGIN_THROTTLE_LIMIT: '100000000',
  });
  // The seekers' ID numbers and mobiles are encrypted under the environment's PII keys; the API decrypts with them.
  const { env, config, meili, port, tmp } = bench;
  let api: ChildProcess | undefined;
  let ds: DataSource | undefined;
  let ctx: INestApplicationContext | undefined;
  let paused = false;
  const say = (s: string) => console.log(s);
  try {
    await migrateDatabase(config);

    // 1. Posts: import and index.
    const csv = path.join(tmp, 'posts.csv');
    const enterprises = generateEnterprises(Math.max(50, Math.round(POSTS / 50)), 'bench');
    await writeJobPostSheetCsv(
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
    const base = dataSourceOptions(config);
    ds = new DataSource({
      ...base,
      extra: { ...(base.extra as Record<string, unknown>), max: 10 },
    } as typeof base);
    await ds.initialize();
    const search = new SearchClient(config);
    const postsStart = Date.now();
    ctx = await benchSearchContext();
    const [postsIndexed] = await ctx.get(SearchReindexService).reindexAll(['job-posts']);
    const postsIndexMs = Date.now() - postsStart;
    await ds.query(`UPDATE outbox SET published_at = now(), processed_at = now() WHERE processed_at IS NULL`);

    // 2. Seekers into Postgres, in bulk.
    const cipher = PiiCipher.fromConfig(config);
    // Bench data: one argon2id hash shared by every generated account (hashing 200,000 passwords
    // would take hours and measure argon2, not the write path).
    const passwordHash = await hashPassword(PASSWORD);
    const seenIds = new Set<string>();
    const inFlight = new Set<Promise<void>>();
    const loginSeekers: string[] = [];
    const loginOccupations = new Set<string>();
    let prepareMs = 0;
    let droppedIds = 0;
    let pending: DemoSeeker[] = [];
    let offset = 0;
    const seekersStart = Date.now();
    const flush = async () => {
      const t = performance.now();
      const batch = prepareBatch(pending, offset, cipher, seenIds);
      prepareMs += performance.now() - t;
      droppedIds += batch.droppedIds;
      offset += pending.length;
      pending = [];
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      const p: Promise<void> = insertBatch(ds as DataSource, batch, passwordHash).finally(() =>
        inFlight.delete(p),
      );
      inFlight.add(p);
    };
    for (const s of generateSeekers(SEEKERS, 'bench')) {
      // ~20 seekers with different first wishes log in for /seekers/me/matches.
      const first = s.desiredOccupations[0];
      if (loginSeekers.length < ROTATE && first && !loginOccupations.has(first)) {
        loginOccupations.add(first);
        loginSeekers.push(`bench-seeker-${offset + pending.length}`);
      }
      pending.push(s);
      if (pending.length >= BATCH) await flush();
    }
    if (pending.length) await flush();
    await Promise.all(inFlight);
    const seekersMs = Date.now() - seekersStart;
    await ds.query(`ANALYZE users`);
    await ds.query(`ANALYZE seeker_profiles`);
    const [{ consenting }]: { consenting: number }[] = await ds.query(
      `SELECT count(*)::int AS consenting FROM seeker_profiles WHERE searchable_by_employers`,
    );
    const seekerIndexStart = Date.now();
    const [seekersIndexed] = await ctx.get(SearchReindexService).reindexAll(['seekers']);
    const seekerIndexMs = Date.now() - seekerIndexStart;

    // A county-wide staff member (township_code NULL) manages every post.
    await ds.query(
      `INSERT INTO users (role, login, password_hash, display_name) VALUES ('staff', 'bench-staff', $1, '县就业服务中心')`,
      [passwordHash],
    );

    // 3. Throughput.
    api = spawn(process.execPath, [...cpuProfileArgs(), path.resolve(__dirname, '../apps/api/src/main.js')], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const apiBase = `http://127.0.0.1:${port}`;
    await waitFor(`${apiBase}/health`);
    const login = async (name: string): Promise<string> => {
      const res = await fetch(`${apiBase}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: name, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const staffToken = await login('bench-staff');
    const seekerTokens: string[] = [];
    for (const name of loginSeekers) seekerTokens.push(await login(name));

    // ~20 published posts of different trades.
    const posts: {
      id: string;
      title: string;
      occupation: string | null;
      skills: string[] | null;
      township_code: string | null;
    }[] = await ds.query(
      `SELECT id, title, occupation, skills, township_code FROM (
         SELECT DISTINCT ON (occupation) id, title, occupation, skills, township_code
           FROM job_posts WHERE status = 'published' AND occupation IS NOT NULL
          ORDER BY occupation, id) p
        ORDER BY id LIMIT $1`,
      [ROTATE],
    );
    const candidateRequests = posts.map((p) => ({
      method: 'GET' as const,
      path: `/api/v1/job-posts/${p.id}/candidates`,
      headers: { authorization: `Bearer ${staffToken}` },
    }));
    const matchRequests = seekerTokens.map((t) => ({
      method: 'GET' as const,
      path: '/api/v1/seekers/me/matches',
      headers: { authorization: `Bearer ${t}` },
    }));
    for (const r of [candidateRequests[0], matchRequests[0]]) {
      const res = await fetch(`${apiBase}${r.path}`, { headers: r.headers });
      const body = (await res.json()) as { degraded?: boolean; candidates?: unknown[]; matches?: unknown[] };
      if (!res.ok || body.degraded !== false)
        throw new Error(`${r.path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    }

    // The same candidate queries straight to Meilisearch: MatchingService's multi-search, rebuilt
    // here (its query builders are private) — one query per word set of the post, one for its township.
    const unique = (words: (string | null)[]) => [
      ...new Set(words.map((w) => (w ?? '').trim()).filter(Boolean)),
    ];
    const seekersUid = search.indexUid(INDEX_NAMES.seekers);
    const seekerAttrs = [
      'id',
      'township',
      'townshipCode',
      'desiredOccupations',
      'skills',
      'certificates',
      'certificateNames',
      'education',
      'wageExpectationFen',
      'availability',
      'ageBand',
      'groups',
    ];
    const meiliCandidates = posts.map((p) => {
      const filter = ['consentToMatching = true'];
      const qb = { indexUid: seekersUid, filter, limit: MATCH_CANDIDATES, attributesToRetrieve: seekerAttrs };
      const qs = unique([p.occupation, p.title]);
      const skills = unique(p.skills ?? []).join(' ');
      if (skills) qs.push(skills);
      const queries: Record<string, unknown>[] = qs.map((q) => ({ ...qb, q, matchingStrategy: 'last' }));
      if (p.township_code)
        queries.push({
          ...qb,
          q: '',
          matchingStrategy: 'last',
          filter: [...filter, `townshipCode = "${p.township_code}"`],
        });
      return { method: 'POST' as const, path: '/multi-search', body: JSON.stringify({ queries }) };
    });
    // And the seekers' post queries (seekerQueries + township), for /seekers/me/matches.
    const postsUid = search.indexUid(INDEX_NAMES.jobPosts);
    const matchProfiles: {
      desired_occupations: string[];
      skills: string[];
      certificates: { name: string }[];
      township_code: string;
    }[] = await ds.query(
      `SELECT p.desired_occupations, p.skills, p.certificates, p.township_code
         FROM seeker_profiles p JOIN users u ON u.id = p.user_id WHERE u.login = ANY($1::text[])`,
      [loginSeekers],
    );
    const meiliMatches = matchProfiles.map((s) => {
      const nowTs = Math.floor(Date.now() / 1000);
      const filter = ['status = "published"', `(deadlineTs IS NULL OR deadlineTs >= ${nowTs})`];
      const qb = {
        indexUid: postsUid,
        filter,
        limit: MATCH_CANDIDATES,
        attributesToRetrieve: JOB_POST_HIT_ATTRIBUTES,
      };
      const qs = unique(s.desired_occupations);
      const extra = unique([...s.skills, ...s.certificates.map((c) => c.name)]).join(' ');
      if (extra) qs.push(extra);
      const queries: Record<string, unknown>[] = qs.map((q) => ({ ...qb, q, matchingStrategy: 'last' }));
      queries.push({
        ...qb,
        q: '',
        matchingStrategy: 'last',
        filter: [...filter, `townshipCode = "${s.township_code}"`],
      });
      return { method: 'POST' as const, path: '/multi-search', body: JSON.stringify({ queries }) };
    });
    const meiliHeaders = { authorization: `Bearer ${meili.masterKey}`, 'content-type': 'application/json' };

    // Measure only once Meilisearch has no indexing left (the API applies index settings at start).
    await waitForIdleMeilisearch(search);
    // One request at a time, before any load: the latency of a single answer.
    const single = async (reqs: { path: string; headers: Record<string, string> }[]): Promise<number> => {
      const ms: number[] = [];
      for (const r of reqs) {
        const t0 = performance.now();
        await (await fetch(`${apiBase}${r.path}`, { headers: r.headers })).arrayBuffer();
        ms.push(performance.now() - t0);
      }
      return Math.round(ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]);
    };
    const singleCandidates = await single(candidateRequests);
    const singleMatches = await single(matchRequests);
    // After a run the API still finishes the requests autocannon left open (≤ 50): let them drain.
    const settle = async () => {
      await single([candidateRequests[0]]);
      await new Promise((r) => setTimeout(r, 1000));
    };
    const warm = { duration: 3 };
    await cannon({ url: apiBase, requests: candidateRequests, ...warm });
    await cannon({ url: apiBase, requests: matchRequests, ...warm });
    await cannon({ url: meili.url, headers: meiliHeaders, requests: meiliCandidates, ...warm });
    await settle();
    const directCandidates = await cannon({
      url: meili.url,
      headers: meiliHeaders,
      requests: meiliCandidates,
    });
    const apiCandidates = await cannon({ url: apiBase, requests: candidateRequests, timeout: 60 }, true);
    await settle();
    const directMatches = await cannon({ url: meili.url, headers: meiliHeaders, requests: meiliMatches });
    const apiMatches = await cannon({ url: apiBase, requests: matchRequests, timeout: 60 }, true);
    await settle();

    // The Postgres fallback: Meilisearch paused (frozen, so every probe costs its 1.5 s timeout).
    // The first requests of each route wait out that timeout and open the route's breaker; from
    // then on requests go straight to Postgres while one probe at a time tries the index (every
    // 2 s, doubling up to 16 s while it stays down). A 3 s warm-up per route takes the moment it
    // froze out of the steady state the goal is about; that moment is measured apart (`froze`).
    const slow = { timeout: 60, duration: Math.max(DURATION, 20) };
    process.kill(meili.pid, 'SIGSTOP');
    paused = true;
    const frozeCandidates = await cannon({ url: apiBase, requests: candidateRequests, ...warm }, true);
    const pgCandidates = await cannon({ url: apiBase, requests: candidateRequests, ...slow }, true);
    await settle();
    const frozeMatches = await cannon({ url: apiBase, requests: matchRequests, ...warm }, true);
    const pgMatches = await cannon({ url: apiBase, requests: matchRequests, ...slow }, true);
    process.kill(meili.pid, 'SIGCONT');
    paused = false;

    // 4. Report.
    const n = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1 });
    const row = (name: string, r: Run) =>
      `| ${name} | ${n(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${
        r.degraded === undefined ? '—' : `${n(r.degraded)} / ${n(r.total)}`
      } |`;
    say('');
    say(
      `bench:matching — ${SEEKERS.toLocaleString('en-US')} seekers, ${POSTS.toLocaleString('en-US')} posts generated, ` +
        `${CONNECTIONS} connections, ${DURATION} s per run, ${os.cpus()[0]?.model} ×${os.cpus().length}, ` +
        `node ${process.version}, ${new Date().toISOString()}, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    say('');
    say('| step | figure |');
    say('|---|---|');
    say(
      `| jobs:import --publish of ${POSTS.toLocaleString('en-US')} rows (compiled CLI) | ${(importMs / 1000).toFixed(1)} s ` +
        `(imported ${summary.imported}, rejected ${summary.rejected}) |`,
    );
    say(
      `| job-posts index rebuilt, ${postsIndexed.documents.toLocaleString('en-US')} docs | ${(postsIndexMs / 1000).toFixed(1)} s, ` +
        `${n(Math.round((postsIndexed.documents / postsIndexMs) * 1000))} docs/s |`,
    );
    say(
      `| seekers into Postgres (users + seeker_profiles, batches of ${BATCH}, ${IN_FLIGHT} in flight) | ` +
        `${(seekersMs / 1000).toFixed(1)} s, ${n(Math.round((SEEKERS / seekersMs) * 1000))} rows/s ` +
        `(generate + encrypt + HMAC ${(prepareMs / 1000).toFixed(1)} s of it; ${droppedIds} repeated generated ID numbers stored without one) |`,
    );
    say(
      `| seekers index rebuilt, ${seekersIndexed.documents.toLocaleString('en-US')} docs ` +
        `(${consenting.toLocaleString('en-US')} consenting) | ${(seekerIndexMs / 1000).toFixed(1)} s, ` +
        `${n(Math.round((seekersIndexed.documents / seekerIndexMs) * 1000))} docs/s |`,
    );
    say('');
    say(`| matching, ${CONNECTIONS} connections | req/s | p50 ms | p99 ms | errors | degraded answers |`);
    say('|---|---:|---:|---:|---:|---:|');
    say(row(`Meilisearch direct, candidate multi-search of ${posts.length} posts (floor)`, directCandidates));
    say(row(`API GET /job-posts/:id/candidates, staff, ${posts.length} posts`, apiCandidates));
    say(
      row(`Meilisearch direct, post multi-search of ${matchProfiles.length} seekers (floor)`, directMatches),
    );
    say(row(`API GET /seekers/me/matches, ${seekerTokens.length} seekers`, apiMatches));
    say(row(`API candidates, the first 3 s after Meilisearch froze (SIGSTOP)`, frozeCandidates));
    say(row(`API candidates, Meilisearch paused (SIGSTOP): Postgres fallback`, pgCandidates));
    say(row(`API matches, the first 3 s after Meilisearch froze (SIGSTOP)`, frozeMatches));
    say(row(`API matches, Meilisearch paused (SIGSTOP): Postgres fallback`, pgMatches));
    say('');
    say(
      `One request at a time, before the load (median of ${posts.length} / ${seekerTokens.length}): ` +
        `candidates ${singleCandidates} ms, matches ${singleMatches} ms.`,
    );
    say('');
    say(
      `Paused runs last ${slow.duration} s after a ${warm.duration} s warm-up with Meilisearch frozen: ` +
        `the first requests wait out the 1.5 s timeout and open the breaker (the "first 3 s" rows); ` +
        `then requests answer from Postgres (degraded: true) while one probe at a time tries the index ` +
        `(every 2 s, doubling up to 16 s).`,
    );
  } finally {
    if (paused) process.kill(meili.pid, 'SIGCONT');
    // Children first, and wait for them: dropping the schema under a live process deadlocks.
    await stopChild(api);
    await ctx?.close().catch(() => undefined);
    await ds?.destroy().catch(() => undefined);
    await bench.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
