import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { PlatformModule, RedisHealthIndicator, SearchHealthIndicator, loggerModule } from '@app/platform';
import { ApplicationsModule } from '@app/applications';
import { AuditModule } from '@app/audit';
import { AccessGuard, IdentityModule, PlatformThrottlerGuard, throttlerModule } from '@app/identity';
import { EnterprisesModule } from '@app/enterprises';
import { JobsModule } from '@app/jobs';
import { SeekersModule } from '@app/seekers';
import { SearchModule } from '@app/search';
import { SubsidiesModule } from '@app/subsidies';
import { FairsModule } from '@app/fairs';
import { GigsModule } from '@app/gigs';
import { InternshipsModule } from '@app/internships';
import { LabourExportModule } from '@app/labour-export';
import { StallsModule } from '@app/stalls';
import { TargetsModule } from '@app/targets';
import { VocabularyController } from './vocabulary.controller';
import { HealthController } from './health.controller';
import { PipelineController } from './pipeline.controller';
import { QueueBoardModule, QueueBoardSessionController } from './queue-board';

@Module({
  imports: [
    loggerModule('api'),
    PlatformModule,
    TerminusModule.forRoot({ logger: false }),
    throttlerModule(),
    IdentityModule,
    AuditModule,
    QueueBoardModule,
    EnterprisesModule,
    // Before JobsModule: GET /api/v1/job-posts/search must not be read as GET /api/v1/job-posts/:id.
    SearchModule,
    JobsModule,
    SeekersModule,
    SubsidiesModule,
    FairsModule,
    GigsModule,
    StallsModule,
    ApplicationsModule,
    InternshipsModule,
    LabourExportModule,
    TargetsModule,
  ],
  controllers: [HealthController, PipelineController, VocabularyController, QueueBoardSessionController],
  providers: [
    RedisHealthIndicator,
    SearchHealthIndicator,
    // Guards run in this order: throttling (only routes that opt in), then authentication and roles.
    { provide: APP_GUARD, useClass: PlatformThrottlerGuard },
    { provide: APP_GUARD, useExisting: AccessGuard },
  ],
})
export class ApiModule {}
