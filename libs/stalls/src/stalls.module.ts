import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityDirectoryModule, IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { SeekerProfilesModule } from '@app/seekers';
import { StallRepository } from './stall.repository';
import { StallsController } from './stalls.controller';
import { StallsService } from './stalls.service';

/** Street-stall zones (地摊经济): the API side. */
@Module({
  imports: [AuditModule, IdentityModule, IdentityDirectoryModule, NotificationsModule, SeekerProfilesModule],
  controllers: [StallsController],
  providers: [StallRepository, StallsService],
  exports: [StallsService],
})
export class StallsModule {}
