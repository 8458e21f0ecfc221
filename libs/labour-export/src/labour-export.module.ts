import { Module } from '@nestjs/common';
import { PolicyPacksModule } from '@app/subsidies';
import { ApplicationsModule } from '@app/applications';
import { AuditModule } from '@app/audit';
import { IdentityDirectoryModule, IdentityModule } from '@app/identity';
import { SeekerProfilesModule } from '@app/seekers';
import { LabourExportController } from './labour-export.controller';
import { LabourExportRepository } from './labour-export.repository';
import { LabourExportService } from './labour-export.service';

/** 有组织劳务输出: trips, participants and their placements through the placements' RecordHire. */
@Module({
  imports: [
    PolicyPacksModule,
    AuditModule,
    IdentityModule,
    IdentityDirectoryModule,
    SeekerProfilesModule,
    ApplicationsModule,
  ],
  controllers: [LabourExportController],
  providers: [LabourExportRepository, LabourExportService],
  exports: [LabourExportService],
})
export class LabourExportModule {}
