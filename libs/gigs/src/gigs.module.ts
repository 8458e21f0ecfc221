import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityDirectoryModule, IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { GigAcceptances } from './gig-acceptances.service';
import { GigCases } from './gig-cases.service';
import { GigExpiryScheduler } from './gig-expiry.scheduler';
import { GigRecords } from './gig-records.service';
import { GigRepository } from './gig.repository';
import { GigsController } from './gigs.controller';
import { GigsService } from './gigs.service';
import { PosterChecks } from './poster-checks.service';

/** The gigs as the search and the worker read them: no HTTP, no keys. */
@Module({
  providers: [GigRepository, GigRecords],
  exports: [GigRecords],
})
export class GigRecordsModule {}

/** The gig market's API side. */
@Module({
  imports: [AuditModule, IdentityModule, IdentityDirectoryModule, NotificationsModule],
  controllers: [GigsController],
  providers: [GigRepository, GigsService, GigAcceptances, GigCases, PosterChecks],
  exports: [GigsService],
})
export class GigsModule {}

/** The worker side: past gigs close themselves. */
@Module({
  providers: [GigRepository, GigExpiryScheduler],
  exports: [GigExpiryScheduler],
})
export class GigsWorkerModule {}
