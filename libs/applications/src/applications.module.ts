import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { EnterprisesModule } from '@app/enterprises';
import { IdentityDirectoryModule, IdentityModule } from '@app/identity';
import { JobPostsModule } from '@app/jobs';
import { SeekerProfilesModule } from '@app/seekers';
import { AgencyController } from './agency.controller';
import { ApplicationController } from './application.controller';
import { ApplicationRepository } from './application.repository';
import { ApplicationService } from './application.service';
import { PlacementController, SeekerPlacementController } from './placement.controller';
import { PlacementRepository } from './placement.repository';
import { PlacementService } from './placement.service';
import { PlacementSnapshotBackfill } from './placement-snapshot.backfill';
import { Placements } from './placements';
import { RecordHire } from './record-hire';

/** Placements as other domains read them (subsidies, fairs): no personal data, no key; the worker's too. */
@Module({
  providers: [PlacementRepository, Placements],
  exports: [PlacementRepository, Placements],
})
export class PlacementRecordsModule {}

/** The API side: applications, agency referrals, placements and the hire (RecordHire). */
@Module({
  imports: [
    AuditModule,
    EnterprisesModule,
    IdentityModule,
    IdentityDirectoryModule,
    JobPostsModule,
    SeekerProfilesModule,
    PlacementRecordsModule,
  ],
  controllers: [ApplicationController, PlacementController, SeekerPlacementController, AgencyController],
  providers: [
    ApplicationRepository,
    ApplicationService,
    PlacementService,
    RecordHire,
    PlacementSnapshotBackfill,
  ],
  exports: [ApplicationService, PlacementService, RecordHire, PlacementRecordsModule],
})
export class ApplicationsModule {}
