import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EnterprisesModule } from '@app/enterprises';
import { IdentityModule } from '@app/identity';
import { EnterpriseChangedHandler } from './enterprise-changed.handler';
import { JobPostExpiryScheduler } from './job-post-expiry.scheduler';
import { JobPostImportController } from './job-post-import.controller';
import { JobPostImportHandler } from './job-post-import.handler';
import { JobPostImportRepository } from './job-post-import.repository';
import { JobPostImportService } from './job-post-import.service';
import { JobPostController } from './job-post.controller';
import { JobPost } from './job-post.entity';
import { JobPostRepository } from './job-post.repository';
import { JobPostService } from './job-post.service';
import { JobPostUploadService } from './job-post-upload.service';

/**
 * Job posts without HTTP and without personal data: the service other domains call (search,
 * placements), the sheet import. Imported by the API, the worker and the command-line tools.
 */
@Module({
  imports: [TypeOrmModule.forFeature([JobPost]), AuditModule, EnterprisesModule],
  providers: [JobPostRepository, JobPostImportRepository, JobPostService, JobPostImportService],
  exports: [JobPostRepository, JobPostImportRepository, JobPostService, JobPostImportService],
})
export class JobPostsModule {}

/** The API side: job post routes and sheet uploads (stored here; the worker imports them). */
@Module({
  imports: [JobPostsModule, IdentityModule],
  // The imports controller first: its static paths must not be read as a post id.
  controllers: [JobPostImportController, JobPostController],
  providers: [JobPostUploadService],
  exports: [JobPostsModule],
})
export class JobsModule {}

/** The worker side: deadline expiry, uploaded sheets' imports, employer facts following their enterprise. */
@Module({
  imports: [JobPostsModule],
  providers: [JobPostExpiryScheduler, JobPostImportHandler, EnterpriseChangedHandler],
  exports: [JobPostExpiryScheduler, JobPostImportHandler],
})
export class JobsWorkerModule {}
