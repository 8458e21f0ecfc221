import { Module } from '@nestjs/common';
import { PlatformModule, PlatformWorkerModule, WorkerConfigModule, loggerModule } from '@app/platform';
import { GigsWorkerModule } from '@app/gigs';
import { JobsWorkerModule } from '@app/jobs';
import { SearchWorkerModule } from '@app/search';
import { ClaimFilingModule } from '@app/subsidies';

/**
 * The worker: no HTTP server; BullMQ processors, the outbox relay, the job schedulers. It reads
 * no personal data in clear, so its configuration has no PII keys (WorkerConfigModule): what the
 * subsidy decisions need was captured by the API when the records were written.
 */
@Module({
  imports: [
    WorkerConfigModule,
    loggerModule('worker'),
    PlatformModule,
    PlatformWorkerModule,
    JobsWorkerModule,
    SearchWorkerModule,
    ClaimFilingModule,
    GigsWorkerModule,
  ],
})
export class WorkerModule {}
