import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ProcessLiveness } from '../http/process-liveness';
import { redisOptionsFromUrl } from './redis-options';
import { REDIS } from './redis-token';

export { REDIS };

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Redis({ ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: 2, lazyConnect: false }),
    },
    RedisCloser,
    // Global with the client it beats on: route-scoped interceptors in every module can ask it.
    ProcessLiveness,
  ],
  exports: [REDIS, ProcessLiveness],
})
export class RedisModule {}
