import { Module } from '@nestjs/common';
import { PlatformModule, PlatformWorkerModule, WorkerConfigModule, loggerModule } from '@app/platform';
import { ApplicationsWorkerModule } from '@app/applications';
import { JobsWorkerModule } from '@app/jobs';
import { SeekersWorkerModule } from '@app/seekers';
import { SearchWorkerModule } from '@app/search';

/**
 * The worker: no HTTP server; BullMQ processors, the outbox relay and sweeper, schedulers. It reads
 * no personal data in clear, so its configuration has no PII keys (WorkerConfigModule).
 */
@Module({
  imports: [
    WorkerConfigModule,
    loggerModule('worker'),
    PlatformModule,
    PlatformWorkerModule,
    JobsWorkerModule,
    SearchWorkerModule,
    SeekersWorkerModule,
    ApplicationsWorkerModule,
  ],
})
export class WorkerModule {}
