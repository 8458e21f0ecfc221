import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, Role } from '@app/platform';
import { THROTTLE_REDIS } from './throttle';

/** What the access guard needs to know about a user beyond the token's signature. */
export interface PrincipalRow {
  role: Role;
  organisation_id: string | null;
  township_code: string | null;
  token_version: number;
}

const MAX_ENTRIES = 50_000;

/**
 * A short-lived, per-process memory of the guard's user lookup (role, organisation, township,
 * token version). Without it every authenticated request costs a database round trip, and on a
 * small server the database, not the API, sets the pace. Changes made through any API replica
 * (logout-everywhere, token reuse, profile changes) forget the entry at once in every replica: a
 * forget is published on Redis and each replica listening drops its copy. Should Redis miss one,
 * the entry still ends within AUTH_CACHE_TTL_MS (default 5 s; 0 turns the cache off).
 */
@Injectable()
export class PrincipalCache implements OnApplicationShutdown {
  private readonly logger = new Logger(PrincipalCache.name);
  private readonly entries = new Map<string, { row: PrincipalRow; until: number }>();
  private readonly ttlMs: number;
  private readonly channel: string;
  /** Subscribed on the first entry kept: command-line tools that only forget never listen. */
  private listener: Redis | null = null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(THROTTLE_REDIS) private readonly redis?: Redis,
  ) {
    this.ttlMs = config.AUTH_CACHE_TTL_MS;
    this.channel = `${config.REDIS_PREFIX}:principal-forget`;
  }

  get(userId: string, now = Date.now()): PrincipalRow | undefined {
    const hit = this.entries.get(userId);
    if (!hit) return undefined;
    if (hit.until <= now) {
      this.entries.delete(userId);
      return undefined;
    }
    return hit.row;
  }

  set(userId: string, row: PrincipalRow, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    this.listen();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(userId, { row, until: now + this.ttlMs });
  }

  /** Forgets the user here and, through Redis, in every other replica. */
  forget(userId: string): void {
    this.entries.delete(userId);
    this.redis?.publish(this.channel, userId).catch((err: unknown) => {
      this.logger.warn(
        { err, userId },
        'principal forget not published; other replicas hold it ≤ the cache TTL',
      );
    });
  }

  private listen(): void {
    if (this.listener || !this.redis) return;
    const listener = this.redis.duplicate();
    this.listener = listener;
    listener.on('message', (_channel: string, userId: string) => this.entries.delete(userId));
    listener.on('error', () => undefined); // ioredis reconnects and resubscribes by itself
    listener.subscribe(this.channel).catch((err: unknown) => {
      this.logger.warn({ err }, 'principal forgets from other replicas not heard; entries end by TTL');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.quit().catch(() => this.listener?.disconnect());
    this.listener = null;
  }
}
