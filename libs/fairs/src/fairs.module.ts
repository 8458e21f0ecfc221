import { Module } from '@nestjs/common';
import { FairOnlineBooths } from './fair-online';
import { FairOnlineRepository } from './fair-online.repository';
import { PolicyPacksModule } from '@app/subsidies';
import { ApplicationsModule } from '@app/applications';
import { AuditModule } from '@app/audit';
import { EnterprisesModule } from '@app/enterprises';
import { IdentityDirectoryModule, IdentityModule } from '@app/identity';
import { JobPostsModule } from '@app/jobs';
import { NotificationsModule } from '@app/notifications';
import { SeekerProfilesModule } from '@app/seekers';
import { FairBooth } from './fair-booth.service';
import { FairDoor } from './fair-door.service';
import { FairEmployers } from './fair-employers.service';
import { FairRegistrationRepository } from './fair-registration.repository';
import { FairReports } from './fair-report';
import { FairRepository } from './fair.repository';
import { FairSeekers } from './fair-seekers.service';
import {
  FairEmployerRegistrationsController,
  FairInterviewSlotsController,
  FairTicketsController,
  FairVenuesController,
  FairsController,
} from './fairs.controller';
import { FairsService } from './fairs.service';
import { RecordFairOutcome } from './record-fair-outcome';

/** Recruitment fairs (专场招聘会): the API side. */
@Module({
  imports: [
    PolicyPacksModule,
    ApplicationsModule,
    AuditModule,
    EnterprisesModule,
    IdentityModule,
    IdentityDirectoryModule,
    JobPostsModule,
    NotificationsModule,
    SeekerProfilesModule,
  ],
  controllers: [
    FairsController,
    FairTicketsController,
    FairEmployerRegistrationsController,
    FairInterviewSlotsController,
    FairVenuesController,
  ],
  providers: [
    FairRepository,
    FairRegistrationRepository,
    FairsService,
    FairSeekers,
    FairEmployers,
    FairDoor,
    FairBooth,
    FairReports,
    RecordFairOutcome,
    FairOnlineRepository,
    FairOnlineBooths,
  ],
  exports: [FairsService, FairReports],
})
export class FairsModule {}
