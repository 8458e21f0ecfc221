/** Job seekers (求职者): profiles, consent, staff registration, one-to-one help. */
export type { SeekerCertificate, SeekerGraduation } from './seeker-profile.constants';
export type { DifficultPerson, SeekerProfileRecord, ZeroEmploymentMember } from './seeker-profile.repository';
export { SeekerProfiles } from './seeker-profiles';
export { SeekerService } from './seeker.service';
export { SeekerBirthYearBackfill } from './seeker-birth-year.backfill';
export { RegisterSeekerByStaffDto, SeekerProfileFields, SeekerProfileView } from './seeker.dto';
export { SeekerProfilesModule, SeekersModule } from './seekers.module';
export {
  AVAILABILITIES,
  AVAILABILITY_NAMES,
  EDUCATION_ALIASES,
  EDUCATION_LEVELS,
  EDUCATION_NAMES,
  EDUCATION_RANK,
} from './vocabulary';
export type { EducationLevel, SeekerAvailability } from './vocabulary';
