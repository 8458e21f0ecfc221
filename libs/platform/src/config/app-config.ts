import { z } from 'zod';

/**
 * Every setting of the platform, read once from the environment at boot and validated here.
 * A bad or missing value stops the process with a message naming the variable: a half-configured
 * platform that starts anyway is worse than one that refuses.
 */
const base64Key = (name: string) =>
  z
    .string({ message: `${name} is required (32 random bytes, base64; e.g. \`openssl rand -base64 32\`)` })
    .refine((v) => Buffer.from(v, 'base64').length === 32, {
      message: `${name} must be 32 bytes encoded as base64 (e.g. \`openssl rand -base64 32\`)`,
    });

const urlWithProtocols = (name: string, protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        const u = new URL(v);
        return protocols.includes(u.protocol) && u.hostname.length > 0;
      } catch {
        return false;
      }
    },
    { message: `${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const positiveInt = z.coerce.number().int().positive();

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const IP_OR_CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(?:\/\d{1,3})?$/;

/**
 * Which proxies' `X-Forwarded-For` to believe (Fastify's `trustProxy`): `false` (the default:
 * the client address is the socket's, and a client cannot choose the address it is throttled
 * by), `true` (every hop — only behind a proxy that overwrites the header), a number of hops, or
 * a comma-separated list of proxy addresses, CIDR ranges or `loopback` / `linklocal` / `uniquelocal`.
 */
const trustProxy = z
  .string()
  .default('false')
  .transform((v, ctx): boolean | number | string[] => {
    const t = v.trim();
    if (t === 'false') return false;
    if (t === 'true') return true;
    if (/^\d{1,2}$/.test(t)) return Number(t);
    const list = t
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const bad = list.find((x) => !PROXY_NAMES.has(x) && !IP_OR_CIDR.test(x));
    if (list.length === 0 || bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          'TRUST_PROXY must be false, true, a hop count, or a list of proxy addresses, CIDRs or loopback/linklocal/uniquelocal',
      });
      return z.NEVER;
    }
    return list;
  });

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: urlWithProtocols('DATABASE_URL', ['postgres:', 'postgresql:']).default(
    'postgres://postgres@127.0.0.1:5432/jishan',
  ),
  /** Postgres schema for all tables; tests give each suite its own. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DATABASE_SCHEMA must be a lower-case SQL identifier')
    .default('public'),
  REDIS_URL: urlWithProtocols('REDIS_URL', ['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key the platform writes (queues, throttling, idempotency). */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'REDIS_PREFIX must be 1-40 letters, digits, - or _')
    .default('jishan'),
  MEILI_URL: urlWithProtocols('MEILI_URL', ['http:', 'https:']).optional(),
  MEILI_MASTER_KEY: z.string().min(16, 'MEILI_MASTER_KEY must be at least 16 characters').optional(),
  MEILI_DATA_DIR: z.string().default('.data/meili'),
  /** Prefix of every Meilisearch index name; tests give each suite its own. */
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{0,40}$/, 'MEILI_INDEX_PREFIX must be letters, digits, - or _')
    .default(''),
  /** AES-256-GCM key for personal data (resident ID numbers) at rest. */
  PII_ENCRYPTION_KEY: base64Key('PII_ENCRYPTION_KEY'),
  /** HMAC key of the blind index that makes encrypted ID numbers unique and searchable. */
  PII_HMAC_KEY: base64Key('PII_HMAC_KEY'),
  JWT_SECRET: z
    .string({ message: 'JWT_SECRET is required (at least 32 characters)' })
    .min(32, 'JWT_SECRET must be at least 32 characters'),
  JWT_ACCESS_TTL_SECONDS: positiveInt.default(900),
  REFRESH_TOKEN_TTL_DAYS: positiveInt.default(30),
  /** How long an API process may reuse a user's role and token version before asking Postgres again. */
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** Whose X-Forwarded-For to believe for the client address (throttling, idempotency scopes). */
  TRUST_PROXY: trustProxy,
  /**
   * Login attempts per IP within LOGIN_THROTTLE_TTL_SECONDS, and failed ones per account and IP;
   * from this many failures on an account, every further attempt on it waits a doubling delay.
   */
  LOGIN_THROTTLE_LIMIT: positiveInt.default(10),
  LOGIN_THROTTLE_TTL_SECONDS: positiveInt.default(60),
  /** The longest wait between attempts on an account under attack (the owner waits at most this). */
  LOGIN_BACKOFF_MAX_SECONDS: positiveInt.default(15),
  /** Self-registrations (seeker, employer, agency) per IP per hour. */
  REGISTRATION_THROTTLE_PER_HOUR: positiveInt.default(20),
  /** Requests per minute per IP on public routes (search, policy calculator). */
  PUBLIC_THROTTLE_PER_MINUTE: positiveInt.default(600),
  /**
   * The public job search: how long an identical request (same words, filters, sort, page) is
   * answered from this process's memory; 0 turns it off.
   */
  SEARCH_RESULT_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** The public job search: how long facet counts for the same words and filters are reused; 0: never. */
  SEARCH_FACET_CACHE_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  /** Outbox rows published but not processed after this long are published again. */
  OUTBOX_SWEEP_AFTER_MS: positiveInt.default(5 * 60 * 1000),
  /** Rows per batch job on the batched queues (1 turns batching off). */
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
  /**
   * Rows per batch job on the search-index queue (1 turns batching off): one Meilisearch task per
   * batch, and Meilisearch indexes 1,000 documents in a task far faster than five tasks of 200.
   */
  OUTBOX_INDEX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(1000),
  /** The relay's fallback poll; it wakes on a Postgres NOTIFY first. */
  OUTBOX_POLL_MS: positiveInt.default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type AppConfig = z.infer<typeof configSchema>;

/**
 * The worker's settings: all but the personal-data keys. The worker never reads an ID number or a
 * mobile in clear (the seekers index takes the stored birth year), so it neither needs nor keeps
 * the keys; any it is given are dropped here.
 */
export const workerConfigSchema = configSchema.omit({ PII_ENCRYPTION_KEY: true, PII_HMAC_KEY: true });
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/**
 * A database tool's settings (the sheet import and reindex CLIs): Postgres, logging and, for the
 * reindex, Meilisearch — no secret and no Redis.
 */
export const databaseConfigSchema = configSchema.pick({
  NODE_ENV: true,
  DATABASE_URL: true,
  DATABASE_SCHEMA: true,
  LOG_LEVEL: true,
  MEILI_URL: true,
  MEILI_MASTER_KEY: true,
  MEILI_INDEX_PREFIX: true,
});

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses the environment into the typed configuration or throws a ConfigError naming each bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return parseWith(configSchema, env);
}

/** The worker's configuration (no personal-data keys); a ConfigError names each bad variable. */
export function parseWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return parseWith(workerConfigSchema, env);
}

/** A database-only tool's configuration (see databaseConfigSchema). */
export function parseDatabaseConfig(
  env: NodeJS.ProcessEnv = process.env,
): z.infer<typeof databaseConfigSchema> {
  return parseWith(databaseConfigSchema, env);
}

function parseWith<S extends typeof configSchema | typeof workerConfigSchema | typeof databaseConfigSchema>(
  schema: S,
  env: NodeJS.ProcessEnv,
): z.infer<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  return result.data as z.infer<S>;
}

/**
 * Injection token of the configuration: an AppConfig in the API and the scripts, a WorkerConfig in
 * the worker (see WorkerConfigModule) — there PII_ENCRYPTION_KEY and PII_HMAC_KEY are absent.
 */
export const APP_CONFIG = Symbol('APP_CONFIG');
