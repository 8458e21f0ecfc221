import { createHash } from 'node:crypto';
import {
  ExecutionContext,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
  SetMetadata,
} from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule, ThrottlerOptions } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig, DomainError, redisOptionsFromUrl } from '@app/platform';

/**
 * Throttling with @nestjs/throttler and a Redis store (so limits hold across API replicas).
 * Throttlers are opt-in per route: `@LoginThrottle()` (sign-in attempts per IP),
 * `@RegistrationThrottle()` (self-registrations per IP per hour) and `@PublicThrottle()` (per IP,
 * per minute, shared by every public route that carries it). Failed sign-ins per account are
 * LoginAttempts' (login-attempts.ts): a fixed per-account limit would let anyone lock the owner
 * out. The IP is Fastify's `req.ip`, which believes X-Forwarded-For only as TRUST_PROXY says.
 * Keys live under `${REDIS_PREFIX}:throttle:` and hold only sha256 digests of the tracker.
 * A 429 carries `Retry-After` (seconds).
 */
export const THROTTLE_GROUPS = 'identity:throttle-groups';
export const THROTTLER_LOGIN_IP = 'login-ip';
export const THROTTLER_REGISTRATION = 'registration';
export const THROTTLER_PUBLIC = 'public';

/** Sign-in attempts: LOGIN_THROTTLE_LIMIT per LOGIN_THROTTLE_TTL_SECONDS per IP. */
export const LoginThrottle = (): MethodDecorator & ClassDecorator =>
  SetMetadata(THROTTLE_GROUPS, [THROTTLER_LOGIN_IP]);

/** Self-registration: REGISTRATION_THROTTLE_PER_HOUR per IP (also slows probing for registered ID numbers). */
export const RegistrationThrottle = (): MethodDecorator & ClassDecorator =>
  SetMetadata(THROTTLE_GROUPS, [THROTTLER_REGISTRATION]);

/** Public routes: PUBLIC_THROTTLE_PER_MINUTE requests per minute per IP. */
export const PublicThrottle = (): MethodDecorator & ClassDecorator =>
  SetMetadata(THROTTLE_GROUPS, [THROTTLER_PUBLIC]);

function groupsOf(ctx: ExecutionContext): string[] {
  const onHandler = Reflect.getMetadata(THROTTLE_GROUPS, ctx.getHandler()) as string[] | undefined;
  return onHandler ?? (Reflect.getMetadata(THROTTLE_GROUPS, ctx.getClass()) as string[] | undefined) ?? [];
}

/** skipIf for a named throttler: skip unless the route opted in. */
const unlessOptedIn = (name: string) => (ctx: ExecutionContext) => !groupsOf(ctx).includes(name);

/** The client address as Fastify established it (X-Forwarded-For only from trusted proxies). */
export const clientIpOf = (req: unknown): string => String((req as { ip?: unknown })?.ip ?? 'unknown');
const digestKey = (_ctx: ExecutionContext, tracker: string, name: string) =>
  createHash('sha256').update(`${name}\u0000${tracker}`).digest('hex');

export function throttlersFor(config: AppConfig): ThrottlerOptions[] {
  return [
    {
      name: THROTTLER_LOGIN_IP,
      limit: config.LOGIN_THROTTLE_LIMIT,
      ttl: config.LOGIN_THROTTLE_TTL_SECONDS * 1000,
      skipIf: unlessOptedIn(THROTTLER_LOGIN_IP),
      getTracker: (req) => `ip:${clientIpOf(req)}`,
    },
    {
      name: THROTTLER_REGISTRATION,
      limit: config.REGISTRATION_THROTTLE_PER_HOUR,
      ttl: 3600_000,
      skipIf: unlessOptedIn(THROTTLER_REGISTRATION),
      getTracker: (req) => `ip:${clientIpOf(req)}`,
    },
    {
      name: THROTTLER_PUBLIC,
      limit: config.PUBLIC_THROTTLE_PER_MINUTE,
      ttl: 60_000,
      skipIf: unlessOptedIn(THROTTLER_PUBLIC),
      getTracker: (req) => `ip:${clientIpOf(req)}`,
    },
  ];
}

/** The throttler guard with the standard `Retry-After` header (the library sets only `Retry-After-<name>`). */
@Injectable()
export class PlatformThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainError(
      'too-many-requests',
      'Too many attempts; wait a little and try again',
      429,
      undefined,
      { 'Retry-After': String(Math.max(1, detail.timeToBlockExpire)) },
    );
  }
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
          // Command-line tools load the identity module without signing anyone in: connect on first use.
          lazyConnect: true,
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
