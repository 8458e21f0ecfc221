import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { JobDispatcher } from './outbox/job-dispatcher';
import { OutboxRelay } from './outbox/outbox-relay';
import { ScheduleKeeper } from './outbox/schedule-keeper';
import { OutboxService } from './outbox/outbox.service';
import { PipelineCheckHandler, PipelineCheckService } from './outbox/pipeline-check';
import { QUEUE_PROCESSORS } from './outbox/queue-processors';
import { PlatformMarker } from './platform-marker';
import { QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';
import { SearchClientModule } from './search/search-client.module';

/** Config, Postgres and the outbox writer: what a database-only tool needs (and every process). */
@Global()
@Module({
  imports: [
    AppConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), autoLoadEntities: true }),
    }),
  ],
  providers: [OutboxService],
  exports: [OutboxService],
})
export class PlatformDatabaseModule {}

/** What every process needs: config, Postgres, Redis, queues, the search client, the outbox writer. */
@Global()
@Module({
  imports: [PlatformDatabaseModule, RedisModule, QueuesModule, SearchClientModule],
  providers: [PlatformMarker, PipelineCheckService],
  exports: [PlatformMarker, PipelineCheckService],
})
export class PlatformModule {}

/** The worker's half of the outbox: relay, sweeper, one BullMQ processor per queue, the dispatcher. */
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRelay, JobDispatcher, ScheduleKeeper, PipelineCheckHandler, ...QUEUE_PROCESSORS],
  exports: [OutboxRelay, JobDispatcher],
})
export class PlatformWorkerModule {}
