import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { EnterprisesModule } from '@app/enterprises';
import { AgencyController } from './agency.controller';
import { ApplicationController } from './application.controller';
import { ApplicationService } from './application.service';
import { PlacementEventsHandler } from './placement-events.handler';
import { PlacementController } from './placement.controller';
import { PlacementService } from './placement.service';

/** The API side: applications, agency referrals and placements. */
@Module({
  imports: [AuditModule, EnterprisesModule],
  controllers: [ApplicationController, PlacementController, AgencyController],
  providers: [ApplicationService, PlacementService],
  exports: [ApplicationService, PlacementService],
})
export class ApplicationsModule {}

/** The worker side: the handlers of `placement.recorded` and `placement.ended`. */
@Module({
  providers: [PlacementEventsHandler],
})
export class ApplicationsWorkerModule {}
