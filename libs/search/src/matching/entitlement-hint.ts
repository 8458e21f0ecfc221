import {
  Decision,
  PolicyRegistry,
  Situation,
  evaluateSituation,
  isErrorResult,
  type EmployerSize,
  type GraduationLevel,
  type PersonGroup,
} from '@app/subsidy-engine';

/** Where the county is, for posts inside it (the policy pack's home region). */
export const COUNTY_REGION = { province: '山西省', city: '运城市', county: '稷山县' } as const;

/** What the post side tells the engine: the employer's size and where the work is. */
export interface EntitlementPostFacts {
  employerSize: EmployerSize | null;
  /** Omitted when unknown; a county post is COUNTY_REGION. */
  jobLocation?: { province: string; city?: string; county?: string } | null;
}

/**
 * What the seeker side tells the engine: the profile facts from Postgres. The birth date is not
 * here on purpose: it would need the decrypted ID number (measures that need an age then answer
 * "not eligible", and no reason is shown).
 */
export interface EntitlementSeekerFacts {
  groups: readonly PersonGroup[];
  graduation?: { date: string; level: GraduationLevel; province?: string; fullTime?: boolean } | null;
  registeredUnemployedSince?: string | null;
  unemploymentInsuranceMonths?: number | null;
}

export interface EntitlementHint {
  /** e.g. `可享一次性吸纳就业补贴1000元（三(十三)）`; null when no employer measure is eligible. */
  reason: string | null;
  /** The eligible employer measures, in the pack's order. */
  measures: { measure: string; name: string; clause: string; amountFen: number | null; per: string }[];
}

/** YYYY-MM-DD plus `years`, minus one day (a contract of exactly `years` years). */
export function contractEndFor(startDate: string, years = 1): string {
  const [y, m, d] = startDate.split('-').map(Number);
  const end = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + 1 year rolls to 1 March: minus one day is then the last day of February.
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0);
  else end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** The situation of "this employer hires this seeker today on a one-year contract". */
export function hireSituation(
  post: EntitlementPostFacts,
  seeker: EntitlementSeekerFacts,
  today: string,
): Situation {
  const person: NonNullable<Situation['person']> = { groups: [...seeker.groups] };
  if (seeker.graduation) {
    const g = seeker.graduation;
    person.graduation = {
      date: g.date,
      level: g.level,
      ...(g.province ? { province: g.province } : {}),
      ...(g.fullTime !== undefined ? { fullTime: g.fullTime } : {}),
    };
  }
  if (seeker.registeredUnemployedSince) person.registeredUnemployedSince = seeker.registeredUnemployedSince;
  if (seeker.unemploymentInsuranceMonths !== null && seeker.unemploymentInsuranceMonths !== undefined)
    person.unemploymentInsuranceMonths = seeker.unemploymentInsuranceMonths;
  const hire: NonNullable<Situation['hire']> = {
    startDate: today,
    contractEndDate: contractEndFor(today, 1),
    postKind: 'regular',
  };
  if (post.jobLocation) {
    const l = post.jobLocation;
    hire.jobLocation = {
      province: l.province,
      ...(l.city ? { city: l.city } : {}),
      ...(l.county ? { county: l.county } : {}),
    };
  }
  return {
    asOf: today,
    person,
    ...(post.employerSize ? { employer: { size: post.employerSize } } : {}),
    hire,
  };
}

const yuan = (fen: number): string => {
  const y = fen / 100;
  return Number.isInteger(y) ? `${y}元` : `${y.toFixed(2)}元`;
};

/** `一次性吸纳就业补贴（大中型企业）` → `一次性吸纳就业补贴`: the qualifier is the engine's, not the reader's. */
const shortName = (name: string): string => name.replace(/（[^（）]*）$/, '');

function describe(d: Decision): string {
  const amount =
    d.amountFen === null || d.amountFen <= 0
      ? ''
      : d.per === 'month'
        ? `每月${yuan(d.amountFen)}`
        : d.per === 'year'
          ? `每年${yuan(d.amountFen)}`
          : yuan(d.amountFen);
  return `${shortName(d.name)}${amount}（${d.clause}）`;
}

/**
 * The employer's likely entitlement if it hired this seeker for this post today (一年期劳动合同):
 * the eligible employer measures of the subsidy engine, as one Chinese reason for the match.
 * Pure: the registry and `today` come in. An engine input error (a bad date in a profile) gives no
 * hint rather than failing the match.
 */
export function entitlementHint(
  post: EntitlementPostFacts,
  seeker: EntitlementSeekerFacts,
  registry: PolicyRegistry,
  today: string,
): EntitlementHint {
  const result = evaluateSituation(hireSituation(post, seeker, today), registry);
  if (isErrorResult(result)) return { reason: null, measures: [] };
  const eligible = result.decisions.filter(
    (d) => d.beneficiary === 'employer' && d.eligible && (d.amountFen === null || d.amountFen > 0),
  );
  return {
    reason: eligible.length ? `可享${eligible.map(describe).join('、')}` : null,
    measures: eligible.map((d) => ({
      measure: d.measure,
      name: d.name,
      clause: d.clause,
      amountFen: d.amountFen,
      per: d.per,
    })),
  };
}
