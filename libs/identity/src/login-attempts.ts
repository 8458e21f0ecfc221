import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig, DomainError } from '@app/platform';
import { THROTTLE_REDIS } from './throttle';

/**
 * Failed sign-ins per account, kept in Redis (so every API replica sees them), shaped to slow a
 * password guesser without handing them the power to lock the owner out:
 *
 * - one address guessing one account: after LOGIN_THROTTLE_LIMIT failures that pair is refused
 *   for LOGIN_THROTTLE_TTL_SECONDS (429 with Retry-After);
 * - many addresses guessing one account: from LOGIN_THROTTLE_LIMIT failures on, each further
 *   attempt on the account waits a delay doubling from 1 s up to LOGIN_BACKOFF_MAX_SECONDS
 *   (429 with Retry-After). The owner, from any address, waits at most that — never the window;
 * - a correct password clears the account's failures.
 *
 * The per-address limit over all accounts is the `login-ip` throttler (throttle.ts). Keys hold
 * sha256 digests of the login name and address, never the name.
 */
const SCRIPT_CHECK = `
local pairFails = tonumber(redis.call('GET', KEYS[1]) or '0')
if pairFails >= tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then ttl = 1000 end
  return ttl
end
local nextAt = tonumber(redis.call('GET', KEYS[3]) or '0')
local now = tonumber(ARGV[2])
if nextAt > now then return nextAt - now end
return 0
`;

// KEYS: pair failures, account failures, account next-allowed; ARGV: limit, now ms, window ms, base ms, max ms, memory ms
const SCRIPT_FAIL = `
local pair = redis.call('INCR', KEYS[1])
if pair == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
local fails = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
local limit = tonumber(ARGV[1])
if fails >= limit then
  local delay = tonumber(ARGV[4]) * (2 ^ math.min(fails - limit, 30))
  if delay > tonumber(ARGV[5]) then delay = tonumber(ARGV[5]) end
  redis.call('SET', KEYS[3], tonumber(ARGV[2]) + delay, 'PX', math.floor(delay))
end
return fails
`;

/** How long an account remembers failed attempts after the last one. */
const FAILURE_MEMORY_MS = 15 * 60 * 1000;
const BACKOFF_BASE_MS = 1000;

type ScriptedRedis = Redis & {
  loginCheck(k1: string, k2: string, k3: string, ...args: (string | number)[]): Promise<number>;
  loginFail(k1: string, k2: string, k3: string, ...args: (string | number)[]): Promise<number>;
};

export function tooManyAttempts(retryAfterMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError(
    'auth.too-many-attempts',
    `Too many sign-in attempts; try again in ${seconds} s`,
    429,
    undefined,
    { 'Retry-After': String(seconds) },
  );
}

@Injectable()
export class LoginAttempts {
  private readonly redis: ScriptedRedis;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxBackoffMs: number;

  constructor(@Inject(THROTTLE_REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    redis.defineCommand('loginCheck', { numberOfKeys: 3, lua: SCRIPT_CHECK });
    redis.defineCommand('loginFail', { numberOfKeys: 3, lua: SCRIPT_FAIL });
    this.redis = redis as ScriptedRedis;
    this.limit = config.LOGIN_THROTTLE_LIMIT;
    this.windowMs = config.LOGIN_THROTTLE_TTL_SECONDS * 1000;
    this.maxBackoffMs = config.LOGIN_BACKOFF_MAX_SECONDS * 1000;
  }

  /** Throws a 429 (with Retry-After) when this address or this account must wait. */
  async assertMayTry(login: string, ip: string): Promise<void> {
    const wait = await this.redis.loginCheck(...this.keys(login, ip), this.limit, Date.now());
    if (wait > 0) throw tooManyAttempts(wait);
  }

  async failed(login: string, ip: string): Promise<void> {
    await this.redis.loginFail(
      ...this.keys(login, ip),
      this.limit,
      Date.now(),
      this.windowMs,
      BACKOFF_BASE_MS,
      this.maxBackoffMs,
      FAILURE_MEMORY_MS,
    );
  }

  async succeeded(login: string, ip: string): Promise<void> {
    await this.redis.del(...this.keys(login, ip));
  }

  private keys(login: string, ip: string): [string, string, string] {
    const account = digest(`login\u0000${login.trim().toLowerCase()}`);
    const pair = digest(`pair\u0000${login.trim().toLowerCase()}\u0000${ip}`);
    return [`login-pair:${pair}`, `login-fails:${account}`, `login-next:${account}`];
  }
}

function digest(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}
