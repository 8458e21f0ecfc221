import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { REDIS } from './redis/redis.module';

/**
 * Proves at start-up that this process uses the same database and Redis as its siblings: the
 * installation's marker lives in Postgres, and a copy in Redis. A process whose Redis carries
 * another installation's marker refuses to start; an empty Redis (new, or flushed) gets the copy.
 */
@Injectable()
export class PlatformMarker {
  private readonly logger = new Logger('PlatformMarker');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verify(processName: string): Promise<string> {
    const rows: { marker: string }[] = await this.dataSource.query(`SELECT marker FROM platform_marker`);
    const marker = rows[0]?.marker;
    if (!marker) throw new Error('platform_marker is empty: run the migrations');
    const key = `${this.config.REDIS_PREFIX}:platform-marker`;
    await this.redis.set(key, marker, 'NX');
    const inRedis = await this.redis.get(key);
    const db = new URL(this.config.DATABASE_URL);
    const redis = new URL(this.config.REDIS_URL);
    if (inRedis !== marker) {
      throw new Error(
        `Redis ${redis.host}${redis.pathname} (prefix ${this.config.REDIS_PREFIX}) belongs to another installation ` +
          `(marker ${inRedis}, database says ${marker}); API and worker must share one database and one Redis`,
      );
    }
    this.logger.log(
      {
        process: processName,
        database: `${db.host}${db.pathname}`,
        schema: this.config.DATABASE_SCHEMA,
        redis: `${redis.host}${redis.pathname || '/0'}`,
        redisPrefix: this.config.REDIS_PREFIX,
        marker,
      },
      'shared services verified',
    );
    return marker;
  }
}
