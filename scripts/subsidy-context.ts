import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DatabaseOnlyConfigModule, PlatformDatabaseModule } from '@app/platform';
import { ClaimFilingModule, SubsidyRosterModule } from '@app/subsidies';

/** Recompute and reconcile: Postgres and the filing of claims, no HTTP, no Redis, no key. */
@Module({ imports: [DatabaseOnlyConfigModule, PlatformDatabaseModule, ClaimFilingModule] })
export class SubsidyToolsModule {}

/** The roster: as the tools, plus PII_ENCRYPTION_KEY for the masked ID numbers. */
@Module({ imports: [PlatformDatabaseModule, SubsidyRosterModule] })
export class SubsidyRosterToolsModule {}

/** A Nest context for a subsidy CLI, errors only in the log (stdout is the tool's output). */
export function subsidyToolsContext(roster = false): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(roster ? SubsidyRosterToolsModule : SubsidyToolsModule, {
    logger: ['error'],
  });
}
