import type { FieldProblem } from '@app/platform';
import type { PersonGroup } from '@app/subsidy-engine';
import type { SeekerAvailability } from './vocabulary';

/** What the cross-field rules look at (the shape of a validated profile DTO). */
export interface ProfileFacts {
  availability: SeekerAvailability;
  availableFrom?: string | null;
  graduation?: { date: string } | null;
  registeredUnemployedSince?: string | null;
  groups?: PersonGroup[];
  certificates?: { date?: string | null }[];
}

/**
 * The rules that span fields (single fields are checked by the DTO's decorators). Pure; `today` is
 * YYYY-MM-DD in China. Every problem is reported at once, each naming its field.
 */
export function profileProblems(p: ProfileFacts, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const groups = p.groups ?? [];
  if (p.availability === 'immediately' && p.availableFrom) {
    out.push({ field: 'availableFrom', message: 'must be empty when availability is immediately' });
  }
  if (p.availability === 'later' && !p.availableFrom) {
    out.push({ field: 'availableFrom', message: 'is required when availability is later' });
  }
  if (p.registeredUnemployedSince && p.registeredUnemployedSince > today) {
    out.push({ field: 'registeredUnemployedSince', message: 'must not be in the future' });
  }
  // 登记失业人员 needs the registration date, 高校毕业生 the graduation facts: entitlements depend on them.
  if (groups.includes('registered-unemployed') && !p.registeredUnemployedSince) {
    out.push({
      field: 'registeredUnemployedSince',
      message: 'is required for the group registered-unemployed',
    });
  }
  if (groups.includes('graduate') && !p.graduation) {
    out.push({ field: 'graduation', message: 'is required for the group graduate' });
  }
  (p.certificates ?? []).forEach((c, i) => {
    if (c.date && c.date > today)
      out.push({ field: `certificates[${i}].date`, message: 'must not be in the future' });
  });
  return out;
}
