import type { EmployerSize, Situation } from '@app/subsidy-engine';

/**
 * The facts of a hire as they were when it was recorded (录用时的情况): the person's birth date and
 * sex (read in the API from the encrypted ID number — the worker holds no key), the groups and
 * graduation and unemployment facts of the seeker's profile, the employer's size, and the hire
 * itself. It is what the subsidy decisions are computed from, and what an auditor is shown.
 * Shaped as the engine's situation sections; the history that caps need is added by the worker.
 */
export interface HireSnapshot {
  capturedAt: string;
  person: NonNullable<Situation['person']>;
  employer: NonNullable<Situation['employer']>;
  hire: NonNullable<Situation['hire']>;
}

export interface SnapshotInputs {
  capturedAt: string;
  birth: { birthDate: string; sex: 'male' | 'female' } | null;
  profile: {
    groups: NonNullable<NonNullable<Situation['person']>['groups']>;
    graduation: {
      date: string;
      level: 'university' | 'secondary-vocational';
      province: string;
      fullTime: boolean;
    } | null;
    registeredUnemployedSince: string | null;
    unemploymentInsuranceMonths: number | null;
  } | null;
  employerSize: EmployerSize | null;
  hire: NonNullable<Situation['hire']>;
}

/** Builds the snapshot, leaving out what is not known (the engine reads absent as "not said"). */
export function hireSnapshotOf(i: SnapshotInputs): HireSnapshot {
  const person: HireSnapshot['person'] = {};
  if (i.birth) {
    person.birthDate = i.birth.birthDate;
    person.sex = i.birth.sex;
  }
  if (i.profile) {
    person.groups = [...i.profile.groups];
    if (i.profile.graduation) person.graduation = { ...i.profile.graduation };
    if (i.profile.registeredUnemployedSince)
      person.registeredUnemployedSince = i.profile.registeredUnemployedSince;
    if (i.profile.unemploymentInsuranceMonths !== null) {
      person.unemploymentInsuranceMonths = i.profile.unemploymentInsuranceMonths;
    }
  }
  const employer: HireSnapshot['employer'] = {};
  if (i.employerSize) employer.size = i.employerSize;
  return { capturedAt: i.capturedAt, person, employer, hire: i.hire };
}
