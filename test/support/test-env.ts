import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Meilisearch } from 'meilisearch';
import { Client } from 'pg';
import { ensureDatabase, migrateDatabase, parseConfig } from '@app/platform';

/**
 * One suite's private corner of the real services: its own Postgres schema, its own Redis
 * database number and key prefix, its own Meilisearch index prefix. `cleanup()` removes all of it.
 */
export interface SuiteEnv {
  name: string;
  schema: string;
  redisUrl: string;
  redisDb: number;
  redisPrefix: string;
  indexPrefix: string;
  cleanup(): Promise<void>;
}

export async function setupSuiteEnv(name: string, extra: Record<string, string> = {}): Promise<SuiteEnv> {
  const id = `${name.replace(/[^a-z0-9]/g, '_')}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const schema = `t_${id}`.slice(0, 60);
  // Jest runs one suite per worker at a time: a database number per worker is private to the suite.
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const redisDb = 1 + (worker % 15);
  const redisUrl = `redis://127.0.0.1:6379/${redisDb}`;
  const redisPrefix = `t-${id}`.slice(0, 40);
  const indexPrefix = `t_${id}_`.slice(0, 40);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jishan_test',
    DATABASE_SCHEMA: schema,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    MEILI_INDEX_PREFIX: indexPrefix,
    PII_ENCRYPTION_KEY: process.env.PII_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    PII_HMAC_KEY: process.env.PII_HMAC_KEY ?? randomBytes(32).toString('base64'),
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    OUTBOX_POLL_MS: '500',
    // Suites sign many users in "from" many addresses (X-Forwarded-For from the loopback test
    // client, as behind a local proxy) and register many users from one; test/security holds
    // the defaults to account.
    TRUST_PROXY: 'loopback',
    REGISTRATION_THROTTLE_PER_HOUR: '100000',
    // Tests read their own writes at once; the search caches have their own suite.
    SEARCH_RESULT_CACHE_TTL_MS: '0',
    SEARCH_FACET_CACHE_TTL_MS: '0',
    ...extra,
  });
  const config = parseConfig();
  await ensureDatabase(config.DATABASE_URL, schema);
  await migrateDatabase(config);
  return {
    name,
    schema,
    redisUrl,
    redisDb,
    redisPrefix,
    indexPrefix,
    cleanup: async () => {
      const pg = new Client({ connectionString: config.DATABASE_URL });
      await pg.connect();
      await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pg.end();
      const redis = new Redis(redisUrl);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
      if (config.MEILI_URL) {
        const meili = new Meilisearch({ host: config.MEILI_URL, apiKey: config.MEILI_MASTER_KEY });
        const { results } = await meili.getIndexes({ limit: 1000 });
        for (const index of results.filter((i) => i.uid.startsWith(indexPrefix))) {
          await meili.deleteIndex(index.uid).waitTask();
        }
      }
    },
  };
}

/** Polls until `check` returns true, or fails after `timeoutMs` with `what` in the message. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
