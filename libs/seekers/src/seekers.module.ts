import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityDirectoryModule, IdentityModule } from '@app/identity';
import { SeekerController } from './seeker.controller';
import { SeekerBirthYearBackfill } from './seeker-birth-year.backfill';
import { SeekerProfileRepository } from './seeker-profile.repository';
import { SeekerProfiles } from './seeker-profiles';
import { SeekerService } from './seeker.service';

/** Profiles for other domains (no personal data, no key): the API's and the worker's. */
@Module({
  providers: [SeekerProfileRepository, SeekerProfiles],
  exports: [SeekerProfileRepository, SeekerProfiles],
})
export class SeekerProfilesModule {}

/**
 * The API side: seeker profiles, consent, staff registration and one-to-one help notes, and the
 * start-up backfill of birth years (it needs the PII key, which only the API holds).
 */
@Module({
  imports: [AuditModule, IdentityModule, IdentityDirectoryModule, SeekerProfilesModule],
  controllers: [SeekerController],
  providers: [SeekerService, SeekerBirthYearBackfill],
  exports: [SeekerService, SeekerProfilesModule],
})
export class SeekersModule {}
