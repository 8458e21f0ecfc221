import { validateResidentId } from '@app/platform/validation';

/**
 * The year of birth a resident ID number carries (digits 7–10), or null when the number does not
 * validate (GB 11643). Only the year is kept in clear (seeker_profiles.birth_year): the age band of
 * the seekers index needs no more, and the worker then needs no key to read it.
 */
export function birthYearOf(idNumber: string, today?: string): number | null {
  const parsed = validateResidentId(idNumber.trim(), today);
  return parsed.ok ? Number(parsed.birthDate.slice(0, 4)) : null;
}
