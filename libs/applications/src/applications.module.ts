import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { EnterprisesModule } from '@app/enterprises';
import { JobsModule } from '@app/jobs';
import { AgencyController } from './agency.controller';
import { ApplicationController } from './application.controller';
import { ApplicationService } from './application.service';
import { PlacementEventsHandler } from './placement-events.handler';
import { PlacementController, SeekerPlacementController } from './placement.controller';
import { PlacementService } from './placement.service';

/** The API side: applications, agency referrals and placements. */
@Module({
  // JobsModule: JobPostService fills a post when a hire takes its last place.
  imports: [AuditModule, EnterprisesModule, JobsModule],
  controllers: [ApplicationController, PlacementController, SeekerPlacementController, AgencyController],
  providers: [ApplicationService, PlacementService],
  exports: [ApplicationService, PlacementService],
})
export class ApplicationsModule {}

/** The worker side: the handlers of `placement.recorded` and `placement.ended`. */
@Module({
  providers: [PlacementEventsHandler],
})
export class ApplicationsWorkerModule {}
