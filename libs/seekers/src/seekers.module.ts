import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { SeekerController } from './seeker.controller';
import { SeekerBirthYearBackfill } from './seeker-birth-year.backfill';
import { SeekerIndexHandler } from './seeker-index.handler';
import { SeekerService } from './seeker.service';

/**
 * The API side: seeker profiles, consent, staff registration and one-to-one help notes, and the
 * start-up backfill of birth years (it needs the PII key, which only the API holds).
 */
@Module({
  imports: [AuditModule, IdentityModule],
  controllers: [SeekerController],
  providers: [SeekerService, SeekerBirthYearBackfill],
  exports: [SeekerService],
})
export class SeekersModule {}

/** The worker side: the feed of the `seekers` search index (no PII key: age bands from birth_year). */
@Module({
  providers: [SeekerIndexHandler],
})
export class SeekersWorkerModule {}
