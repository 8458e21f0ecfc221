import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DatabaseOnlyConfigModule, PlatformDatabaseModule } from '@app/platform';
import { JobPostsModule } from '@app/jobs';

/** The sheet import without HTTP, Redis or any secret: Postgres and the jobs domain. */
@Module({ imports: [DatabaseOnlyConfigModule, PlatformDatabaseModule, JobPostsModule] })
export class JobsImportScriptModule {}

/** A Nest context of JobsImportScriptModule, errors only in the log (stdout is the tool's JSON). */
export function jobsImportContext(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(JobsImportScriptModule, { logger: ['error'] });
}
