import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis-token';

/** How often a live process renews its mark, and how long a mark outlives its last renewal. */
export const LIVENESS_BEAT_MS = 2000;
export const LIVENESS_TTL_MS = 6000;

/**
 * This process's name among the replicas, and a way to ask whether another one is still alive:
 * each process renews `<prefix>:alive:<id>` in Redis every 2 s (expiring after 6 s). Work a process
 * leaves half-done when it is killed (an Idempotency-Key still "in progress") can then be taken
 * over by another replica once the holder's mark has expired — never while it may still finish.
 * Without Redis every holder counts as alive: nothing is taken over on a guess.
 */
@Injectable()
export class ProcessLiveness implements OnApplicationShutdown {
  readonly id = randomUUID();
  private readonly logger = new Logger(ProcessLiveness.name);
  private readonly prefix: string;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
  ) {
    this.prefix = `${config.REDIS_PREFIX}:alive:`;
  }

  /** Starts the heartbeat on first use (a process that never holds work never beats). */
  holderId(): string {
    if (!this.timer && this.redis) {
      const beat = () =>
        this.redis
          ?.set(`${this.prefix}${this.id}`, '1', 'PX', LIVENESS_TTL_MS)
          .catch((err: unknown) => this.logger.warn({ err }, 'liveness mark not renewed'));
      void beat();
      this.timer = setInterval(beat, LIVENESS_BEAT_MS);
      this.timer.unref();
    }
    return this.id;
  }

  /** Whether the process `id` may still be working (true when Redis cannot say). */
  async isAlive(id: string): Promise<boolean> {
    if (id === this.id || !this.redis) return true;
    try {
      return (await this.redis.exists(`${this.prefix}${id}`)) === 1;
    } catch {
      return true;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.redis?.del(`${this.prefix}${this.id}`).catch(() => undefined);
  }
}
