import { createHash } from 'node:crypto';
import { ExecutionContext, Inject, Module, OnApplicationShutdown, SetMetadata } from '@nestjs/common';
import { ThrottlerModule, ThrottlerOptions } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig, redisOptionsFromUrl } from '@app/platform';

/**
 * Throttling with @nestjs/throttler and a Redis store (so limits hold across API replicas).
 * Throttlers are opt-in per route: `@LoginThrottle()` (per IP and per login name) and
 * `@PublicThrottle()` (per IP, per minute, shared by every public route that carries it).
 * Keys live under `${REDIS_PREFIX}:throttle:` and hold only sha256 digests of the tracker
 * (IP or login name), never the name itself.
 */
export const THROTTLE_GROUPS = 'identity:throttle-groups';
export const THROTTLER_LOGIN_IP = 'login-ip';
export const THROTTLER_LOGIN_ACCOUNT = 'login-account';
export const THROTTLER_PUBLIC = 'public';

/** Login attempts: LOGIN_THROTTLE_LIMIT per LOGIN_THROTTLE_TTL_SECONDS per IP and per login name. */
export const LoginThrottle = (): MethodDecorator & ClassDecorator =>
  SetMetadata(THROTTLE_GROUPS, [THROTTLER_LOGIN_IP, THROTTLER_LOGIN_ACCOUNT]);

/** Public routes: PUBLIC_THROTTLE_PER_MINUTE requests per minute per IP. */
export const PublicThrottle = (): MethodDecorator & ClassDecorator =>
  SetMetadata(THROTTLE_GROUPS, [THROTTLER_PUBLIC]);

function groupsOf(ctx: ExecutionContext): string[] {
  const onHandler = Reflect.getMetadata(THROTTLE_GROUPS, ctx.getHandler()) as string[] | undefined;
  return onHandler ?? (Reflect.getMetadata(THROTTLE_GROUPS, ctx.getClass()) as string[] | undefined) ?? [];
}

/** skipIf for a named throttler: skip unless the route opted in. */
const unlessOptedIn = (name: string) => (ctx: ExecutionContext) => !groupsOf(ctx).includes(name);

const ipOf = (req: Record<string, unknown>): string => String(req.ip ?? 'unknown');
const loginOf = (req: Record<string, unknown>): string => {
  const body = req.body as { login?: unknown } | undefined;
  return typeof body?.login === 'string' ? body.login.trim().toLowerCase() : '';
};
const digestKey = (_ctx: ExecutionContext, tracker: string, name: string) =>
  createHash('sha256').update(`${name}\u0000${tracker}`).digest('hex');

export function throttlersFor(config: AppConfig): ThrottlerOptions[] {
  const loginTtl = config.LOGIN_THROTTLE_TTL_SECONDS * 1000;
  return [
    {
      name: THROTTLER_LOGIN_IP,
      limit: config.LOGIN_THROTTLE_LIMIT,
      ttl: loginTtl,
      skipIf: unlessOptedIn(THROTTLER_LOGIN_IP),
      getTracker: (req) => `ip:${ipOf(req)}`,
    },
    {
      name: THROTTLER_LOGIN_ACCOUNT,
      limit: config.LOGIN_THROTTLE_LIMIT,
      ttl: loginTtl,
      skipIf: unlessOptedIn(THROTTLER_LOGIN_ACCOUNT),
      getTracker: (req) => `login:${loginOf(req)}`,
    },
    {
      name: THROTTLER_PUBLIC,
      limit: config.PUBLIC_THROTTLE_PER_MINUTE,
      ttl: 60_000,
      skipIf: unlessOptedIn(THROTTLER_PUBLIC),
      getTracker: (req) => `ip:${ipOf(req)}`,
    },
  ];
}

/** The ioredis connection of the throttle store, with the key prefix applied by ioredis itself. */
export const THROTTLE_REDIS = Symbol('THROTTLE_REDIS');

class ThrottleRedisCloser implements OnApplicationShutdown {
  constructor(@Inject(THROTTLE_REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Module({
  providers: [
    {
      provide: THROTTLE_REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Redis({
          ...redisOptionsFromUrl(config.REDIS_URL),
          maxRetriesPerRequest: 2,
          keyPrefix: `${config.REDIS_PREFIX}:throttle:`,
        }),
    },
    ThrottleRedisCloser,
  ],
  exports: [THROTTLE_REDIS],
})
export class ThrottleRedisModule {}

/**
 * The Redis store with its Lua script sent by SHA: the library sends the whole script text with
 * EVAL on every request, which was the largest single CPU cost of a cached public search (13% of
 * the API's CPU in socket writes, profiled). ioredis's defineCommand uses EVALSHA and falls back
 * to EVAL once when Redis does not know the script (after a restart or FLUSHALL).
 */
export class EvalShaThrottlerStorage extends ThrottlerStorageRedisService {
  constructor(private readonly client: Redis) {
    super(client);
    client.defineCommand('throttleIncrement', { numberOfKeys: 2, lua: this.scriptSrc });
  }

  override async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const run = (this.client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)
      .throttleIncrement;
    const results = await run.call(
      this.client,
      `{${key}:${throttlerName}}:hits`,
      `{${key}:${throttlerName}}:blocked`,
      throttlerName,
      ttl,
      limit,
      blockDuration,
    );
    if (!Array.isArray(results) || results.length !== 4 || !results.every((n) => typeof n === 'number')) {
      throw new TypeError(`throttle script answered ${JSON.stringify(results)}`);
    }
    const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = results as number[];
    return {
      totalHits,
      timeToExpire: Math.ceil(timeToExpire / 1000),
      isBlocked: isBlocked === 1,
      timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000),
    };
  }
}

/** ThrottlerModule configured from AppConfig with the Redis store; import it in the API module. */
export function throttlerModule() {
  return ThrottlerModule.forRootAsync({
    imports: [ThrottleRedisModule],
    inject: [APP_CONFIG, THROTTLE_REDIS],
    useFactory: (config: AppConfig, redis: Redis) => ({
      throttlers: throttlersFor(config),
      storage: new EvalShaThrottlerStorage(redis),
      generateKey: digestKey,
      errorMessage: 'Too many attempts; wait a little and try again',
    }),
  });
}
