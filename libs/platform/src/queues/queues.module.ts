import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { redisOptionsFromUrl } from '../redis/redis-options';
import { QUEUE_POLICIES, QueueName } from './queue-names';

const queues = Object.values(QueueName).map((name) => {
  const policy = QUEUE_POLICIES[name];
  return BullModule.registerQueue({
    name,
    defaultJobOptions: {
      attempts: policy.attempts,
      backoff: { type: 'exponential', delay: policy.backoffMs },
      removeOnComplete: { count: policy.keepCompleted },
      // Failures are evidence: kept for days, never removed at once.
      removeOnFail: { age: policy.keepFailedDays * 24 * 3600 },
    },
  });
});

/** BullMQ on the configured Redis, every key under `<REDIS_PREFIX>:bull`. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptionsFromUrl(config.REDIS_URL),
        prefix: `${config.REDIS_PREFIX}:bull`,
      }),
    }),
    ...queues,
  ],
  exports: queues,
})
export class QueuesModule {}
