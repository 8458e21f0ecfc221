import { Module } from '@nestjs/common';
import { PlatformModule, PlatformWorkerModule, loggerModule } from '@app/platform';

/** The worker: no HTTP server; BullMQ processors, the outbox relay and sweeper, schedulers. */
@Module({
  imports: [loggerModule('worker'), PlatformModule, PlatformWorkerModule],
})
export class WorkerModule {}
