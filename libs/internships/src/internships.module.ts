import { Module } from '@nestjs/common';
import { PolicyPacksModule } from '@app/subsidies';
import { ApplicationsModule } from '@app/applications';
import { AuditModule } from '@app/audit';
import { EnterprisesModule } from '@app/enterprises';
import { IdentityDirectoryModule, IdentityModule } from '@app/identity';
import { JobPostsModule } from '@app/jobs';
import { InternshipRepository } from './internship.repository';
import { InternshipsController } from './internships.controller';
import { InternshipsService } from './internships.service';

/** 就业见习: host units, internship details, progress toward 80, interns. */
@Module({
  imports: [
    PolicyPacksModule,
    AuditModule,
    IdentityModule,
    IdentityDirectoryModule,
    EnterprisesModule,
    JobPostsModule,
    ApplicationsModule,
  ],
  controllers: [InternshipsController],
  providers: [InternshipRepository, InternshipsService],
  exports: [InternshipsService],
})
export class InternshipsModule {}
