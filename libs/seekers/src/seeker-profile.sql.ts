import type { PersonGroup } from '@app/subsidy-engine';
import type { EducationLevel } from './vocabulary';
import type { GraduationLevel } from '@app/subsidy-engine';
import type { SeekerCertificate } from './seeker-profile.constants';
import type { SeekerAvailability } from './vocabulary';

/** One profile row joined with the identity fields staff and the seeker may see (PII still encrypted). */
export interface SeekerProfileRow {
  id: string;
  login: string;
  display_name: string;
  mobile_enc: Buffer | null;
  id_number_enc: Buffer | null;
  desired_occupations: string[];
  skills: string[];
  certificates: SeekerCertificate[];
  education: EducationLevel | null;
  township_code: string;
  /** int8 arrives as a string */
  wage_expectation_fen: string | null;
  availability: SeekerAvailability;
  available_from: string | null;
  graduation_date: string | null;
  graduation_level: GraduationLevel | null;
  graduation_province: string | null;
  graduation_full_time: boolean | null;
  registered_unemployed_since: string | null;
  unemployment_insurance_months: number | null;
  groups: PersonGroup[];
  searchable_by_employers: boolean;
  consent_changed_at: Date | null;
  assisted_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Dates come back as `YYYY-MM-DD` text, never as JS Dates shifted by the host's time zone. */
export const SELECT_SEEKER_PROFILE = `
  SELECT p.user_id AS id, u.login, u.display_name, u.mobile_enc, u.id_number_enc,
         p.desired_occupations, p.skills, p.certificates, p.education, p.township_code,
         p.wage_expectation_fen, p.availability, to_char(p.available_from, 'YYYY-MM-DD') AS available_from,
         to_char(p.graduation_date, 'YYYY-MM-DD') AS graduation_date, p.graduation_level,
         p.graduation_province, p.graduation_full_time,
         to_char(p.registered_unemployed_since, 'YYYY-MM-DD') AS registered_unemployed_since,
         p.unemployment_insurance_months, p.groups, p.searchable_by_employers, p.consent_changed_at,
         p.assisted_by, p.created_at, p.updated_at
    FROM seeker_profiles p JOIN users u ON u.id = p.user_id`;

/** The profile columns a PUT (or a staff registration) writes, in the order of `profileParams`. */
export const PROFILE_COLUMNS = [
  'desired_occupations',
  'skills',
  'certificates',
  'education',
  'township_code',
  'wage_expectation_fen',
  'availability',
  'available_from',
  'graduation_date',
  'graduation_level',
  'graduation_province',
  'graduation_full_time',
  'registered_unemployed_since',
  'unemployment_insurance_months',
  'groups',
] as const;
