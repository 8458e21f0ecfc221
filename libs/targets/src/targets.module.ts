import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@app/applications';
import { AuditModule } from '@app/audit';
import { FairsModule } from '@app/fairs';
import { IdentityDirectoryModule } from '@app/identity';
import { JobPostsModule } from '@app/jobs';
import { LabourExportModule } from '@app/labour-export';
import { SeekerProfilesModule } from '@app/seekers';
import { PolicyPacksModule, SubsidyFiguresModule } from '@app/subsidies';
import { MonthlyReport } from './monthly-report';
import { PlanTargets } from './plan-targets.service';
import { ServiceStationRepository } from './service-station.repository';
import { ServiceStations } from './service-stations.service';
import { ServiceStationsController, TargetsController } from './targets.controller';

/** The plan's targets, live (目标任务): figures, the lists behind them, the monthly report, the stations. */
@Module({
  imports: [
    PolicyPacksModule,
    SubsidyFiguresModule,
    FairsModule,
    LabourExportModule,
    JobPostsModule,
    ApplicationsModule,
    SeekerProfilesModule,
    IdentityDirectoryModule,
    AuditModule,
  ],
  controllers: [TargetsController, ServiceStationsController],
  providers: [ServiceStationRepository, ServiceStations, PlanTargets, MonthlyReport],
  exports: [PlanTargets, MonthlyReport, ServiceStations],
})
export class TargetsModule {}
