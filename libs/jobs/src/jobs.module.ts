import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EnterprisesModule } from '@app/enterprises';
import { IdentityModule } from '@app/identity';
import { SearchIndexingModule } from '@app/search';
import { JobPostExpiryScheduler } from './job-post-expiry.scheduler';
import { JobPostImportController } from './job-post-import.controller';
import { JobPostImportHandler } from './job-post-import.handler';
import { JobPostImportService } from './job-post-import.service';
import { JobPostIndexHandler } from './job-post-index.handler';
import { JobPostController } from './job-post.controller';
import { JobPost } from './job-post.entity';
import { JobPostService } from './job-post.service';
import { JobPostUploadService } from './job-post-upload.service';
import { OptionalUserResolver } from './optional-user';

/** The API side: job post routes and sheet uploads (stored here; the worker imports them). */
@Module({
  imports: [TypeOrmModule.forFeature([JobPost]), AuditModule, EnterprisesModule, IdentityModule],
  // The imports controller first: its static paths must not be read as a post id.
  controllers: [JobPostImportController, JobPostController],
  providers: [JobPostService, JobPostImportService, JobPostUploadService, OptionalUserResolver],
  exports: [JobPostService, JobPostImportService],
})
export class JobsModule {}

/** The worker side: the search-index feed, the deadline expiry and the uploaded sheets' imports. */
@Module({
  imports: [SearchIndexingModule, EnterprisesModule],
  providers: [JobPostIndexHandler, JobPostExpiryScheduler, JobPostImportService, JobPostImportHandler],
  exports: [JobPostExpiryScheduler],
})
export class JobsWorkerModule {}
