import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DatabaseOnlyConfigModule, PlatformDatabaseModule, SearchClientModule } from '@app/platform';
import {
  JobPostSearchService,
  SearchFallbackGate,
  SearchIndexingModule,
  SearchReindexService,
} from '@app/search';
/** What the benchmarks share: starting and stopping children, waiting for services, the demo data's dates. */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import {
  AppConfig,
  RunningMeilisearch,
  SearchClient,
  freePort,
  parseConfig,
  startMeilisearch,
} from '@app/platform';
import { DemoJobPost } from '@app/demo-data';

/** Waits until `url` answers 2xx (a server starting), up to a minute. */
export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** The demo data are dated around 2025-03; deadlines move 4 years on (a leap-year multiple) so posts are open. */
export function* futureDeadlines(posts: Iterable<DemoJobPost>): Generator<DemoJobPost> {
  for (const p of posts) {
    yield p.deadline ? { ...p, deadline: `${Number(p.deadline.slice(0, 4)) + 4}${p.deadline.slice(4)}` } : p;
  }
}

/** Runs a compiled script to its end; its standard output is returned, its errors pass through. */
export function runNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/**
 * The API and the worker (re)apply index settings when they start; measure only once Meilisearch
 * has no indexing left to do, or the runs measure indexing, not search.
 */
export async function waitForIdleMeilisearch(search: SearchClient): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const { results } = await search.client.tasks.getTasks({
      statuses: ['enqueued', 'processing'],
      limit: 1,
    });
    if (results.length === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('Meilisearch still had tasks after 5 minutes');
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the child has exited. */
export function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/** A benchmark's private world: its own Meilisearch, Postgres schema, Redis prefix and index prefix. */
export interface BenchEnvironment {
  /** The environment the bench's API and worker children get (also merged into process.env). */
  env: NodeJS.ProcessEnv;
  config: AppConfig;
  meili: RunningMeilisearch;
  /** The API's port. */
  port: number;
  /** A temporary folder, removed by `dispose`. */
  tmp: string;
  /** Stops Meilisearch, drops the schema and the folder. Stop the children first. */
  dispose(): Promise<void>;
}

/**
 * Starts Meilisearch on a free port and prepares the environment of bench `name` (random keys, a
 * schema and prefixes of its own, public throttle off, reconciliation off); `extra` adds or
 * overrides variables. Migrations are the bench's to run.
 */
export async function startBenchEnvironment(
  name: string,
  extra: Record<string, string> = {},
): Promise<BenchEnvironment> {
  const schema = `bench_${name}_${process.pid}`;
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jishan_bench';
  const tmp = mkdtempSync(path.join(os.tmpdir(), `jishan-bench-${name}-`));
  const meili = await startMeilisearch({ dataDir: path.join(tmp, 'meili') });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    REDIS_PREFIX: `bench-${name}-${process.pid}`,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    MEILI_INDEX_PREFIX: `bench_${name}${process.pid}_`,
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HMAC_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(48).toString('base64url'),
    PUBLIC_THROTTLE_PER_MINUTE: '100000000',
    SEARCH_RECONCILE_DISABLED: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...extra,
  };
  Object.assign(process.env, env);
  return {
    env,
    config: parseConfig(),
    meili,
    port,
    tmp,
    dispose: async () => {
      await meili.stop();
      const pg = new Client({ connectionString: databaseUrl });
      await pg.connect();
      // BENCH_KEEP_SCHEMA=1 leaves the loaded tables for EXPLAIN ANALYZE afterwards; drop them by hand.
      if (process.env.BENCH_KEEP_SCHEMA) console.log(`kept schema ${schema} in ${databaseUrl}`);
      else await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pg.end();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Postgres, Meilisearch, the index builders and the public search: what the benches drive in-process. */
@Module({
  imports: [DatabaseOnlyConfigModule, PlatformDatabaseModule, SearchClientModule, SearchIndexingModule],
  providers: [SearchReindexService, SearchFallbackGate, JobPostSearchService],
})
class BenchSearchModule {}

/** A Nest context of BenchSearchModule on the bench's environment (process.env, see startBenchEnvironment). */
export function benchSearchContext(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(BenchSearchModule, { logger: ['error'] });
}

/**
 * The minimal index of job posts, the floor every feature of the real index is measured against:
 * title and occupation searchable (Chinese), nothing filterable, sortable or faceted, no synonyms.
 */
export const MINIMAL_JOB_POST_INDEX_SETTINGS = {
  searchableAttributes: ['title', 'occupation'],
  filterableAttributes: [],
  sortableAttributes: [],
  localizedAttributes: [{ attributePatterns: ['title', 'occupation'], locales: ['zho' as const] }],
};

/** node flags for a CPU profile of a spawned API when BENCH_CPU_PROF=<dir> is set (written at its exit). */
export function cpuProfileArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** A rotating set of what county users type: trades, synonyms, pinyin, with and without filters. */
export const SEARCH_QUERIES: Record<string, string>[] = [
  { q: '焊工' },
  { q: '电工' },
  { q: '叉车工' },
  { q: '麻花' },
  { q: '红枣加工' },
  { q: '包装工' },
  { q: '保姆' },
  { q: '服务员' },
  { q: 'hangong' },
  { q: '车工', township: '稷峰镇' },
  { q: '操作工', wageMin: '5000' },
  { q: '', employmentType: 'part-time' },
];

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
