import { townshipByCode } from './geo';
import type { PersonGroup } from '@app/subsidy-engine';
import { EDUCATION_RANK, type EducationLevel, type SeekerAvailability } from '@app/seekers/vocabulary';

export interface Certificate {
  /** e.g. 焊工证, 电工证, 养老护理员 */
  name: string;
  /** e.g. 初级/中级/高级 or 五级…一级; free text. */
  level?: string | null;
}

/**
 * What the indexer may read about a seeker. Deliberately holds no name, ID number or phone: the
 * staff-only seeker index must not contain them (ARCHITECTURE, Security and personal data), and a
 * type without those fields makes passing them here a compile error rather than a review item.
 */
export type SeekerForIndex = SeekerFacts & SeekerBirth;

/**
 * When the seeker was born; only the age band reaches the index. The platform stores the year
 * alone (seeker_profiles.birth_year): the band is then that of the age the seeker reaches this
 * calendar year, so it moves up on 1 January rather than on the birthday — at most a year early.
 * A full date (YYYY-MM-DD), where a caller has one, gives the exact band.
 */
export type SeekerBirth =
  { birthYear: number | null; birthDate?: undefined } | { birthDate: string | null; birthYear?: undefined };

interface SeekerFacts {
  id: string;
  townshipCode: string | null;
  desiredOccupations: string[];
  skills: string[];
  certificates: Certificate[];
  education: EducationLevel | null;
  wageExpectationFen: number | null;
  availability: SeekerAvailability;
  groups: PersonGroup[];
  /** The seeker agreed that staff and employers may find the profile (求职意向公开). */
  consentToMatching: boolean;
  /** ISO timestamp of the last profile update. */
  updatedAt: string;
}

export type AgeBand = '16-24' | '25-34' | '35-44' | '45-54' | '55-64' | '65+';

export interface SeekerDocument {
  id: string;
  township: string | null;
  townshipCode: string | null;
  desiredOccupations: string[];
  skills: string[];
  /** `焊工证 中级` strings: searchable and facetable as a whole. */
  certificates: string[];
  certificateNames: string[];
  education: EducationLevel | null;
  educationRank: number;
  wageExpectationFen: number | null;
  availability: SeekerAvailability;
  ageBand: AgeBand | null;
  groups: PersonGroup[];
  consentToMatching: boolean;
  updatedAtTs: number;
}

/** Age in whole years on `today` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The band of an exact birth date, or of a birth year by the age reached in `today`'s year. */
export function ageBandOf(birth: SeekerBirth, today: string): AgeBand | null {
  if (birth.birthDate) return ageBand(ageOn(birth.birthDate, today));
  if (birth.birthYear) return ageBand(Number(today.slice(0, 4)) - birth.birthYear);
  return null;
}

export function ageBand(age: number): AgeBand {
  if (age < 25) return '16-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  return '65+';
}

/**
 * The staff/employer-facing seeker document. Fields are picked one by one, so extra properties on
 * the input object (an entity with a name or an encrypted ID) never reach the index. `today`
 * (YYYY-MM-DD, China) fixes the age band; re-index periodically so bands stay current.
 */
export function toSeekerDocument(seeker: SeekerForIndex, today: string): SeekerDocument {
  const township = seeker.townshipCode ? townshipByCode(seeker.townshipCode) : undefined;
  const doc: SeekerDocument = {
    id: seeker.id,
    township: township?.name ?? null,
    townshipCode: township?.code ?? null,
    desiredOccupations: [...seeker.desiredOccupations],
    skills: [...seeker.skills],
    certificates: seeker.certificates.map((c) => (c.level ? `${c.name} ${c.level}` : c.name)),
    certificateNames: seeker.certificates.map((c) => c.name),
    education: seeker.education,
    educationRank: seeker.education ? EDUCATION_RANK[seeker.education] : 0,
    wageExpectationFen: seeker.wageExpectationFen,
    availability: seeker.availability,
    ageBand: ageBandOf(seeker, today),
    groups: [...seeker.groups],
    consentToMatching: seeker.consentToMatching,
    updatedAtTs: Math.floor(Date.parse(seeker.updatedAt) / 1000),
  };
  return doc;
}
