/**
 * The pure core of the money pipeline: which measures each kind of record can earn, who the
 * beneficiary of a decision is, the periods a claim is filed for (the contract's month rule and
 * the measures that wait for time to pass), and the history that caps need, as engine situation
 * fields. No I/O: the filer (claim-filer.ts) loads and writes; everything that decides is here.
 */
import type { Decision, MeasureId, Situation } from '@app/subsidy-engine';

export type SourceKind = 'placement' | 'certificate' | 'business' | 'insurance-year' | 'profile';
export type ClaimSourceKind = SourceKind | 'adjustment';
export type BeneficiaryKind = 'employer' | 'person' | 'agency';
export const BENEFICIARY_KINDS: readonly BeneficiaryKind[] = ['employer', 'person', 'agency'];
export const CLAIM_STATUSES = ['pending-review', 'approved', 'rejected', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_STATUS_NAMES: Readonly<Record<ClaimStatus, string>> = {
  'pending-review': '待审核',
  approved: '已审核',
  rejected: '未通过',
  paid: '已发放',
};
export const BENEFICIARY_KIND_NAMES: Readonly<Record<BeneficiaryKind, string>> = {
  employer: '用人单位',
  person: '个人',
  agency: '服务机构',
};

/** The measures a record of each kind can earn; a situation may trigger others (not this record's). */
export const MEASURES_OF_SOURCE: Readonly<Record<SourceKind, readonly MeasureId[]>> = {
  placement: [
    'post-subsidy',
    'social-insurance-subsidy',
    'hiring-youth-large',
    'hiring-youth-small',
    'hiring-long-unemployed',
    'referral-fee',
    'transport-cross-province',
    'transport-organised',
    'public-welfare-post',
    'public-welfare-post-half',
  ],
  certificate: ['skill-upgrade'],
  business: ['startup-once', 'startup-rent', 'startup-loan', 'graduate-startup'],
  'insurance-year': ['uib-refund'],
  profile: ['job-search'],
};

/** Paid per month while a placement lasts (the contract's month rule). */
export const MONTHLY_MEASURES: readonly MeasureId[] = [
  'post-subsidy',
  'social-insurance-subsidy',
  'public-welfare-post',
  'public-welfare-post-half',
];

/** One-time hiring measures: one benefit per hired person, whatever the employer. */
export const ONE_TIME_HIRING: readonly MeasureId[] = [
  'hiring-youth-large',
  'hiring-youth-small',
  'hiring-long-unemployed',
];

/** The period of the evaluation made when a record is written. */
export const EVENT_PERIOD = 'event';

/** Who a claim pays, by the decision's beneficiary (the pack's words) and the record's parties. */
export function beneficiaryOf(
  decision: Pick<Decision, 'beneficiary'>,
  parties: { employerId?: string | null; personId?: string | null; agencyId?: string | null },
): { kind: BeneficiaryKind; id: string } | null {
  const b = decision.beneficiary;
  if (b === 'employer') return parties.employerId ? { kind: 'employer', id: parties.employerId } : null;
  if (b === 'agency') return parties.agencyId ? { kind: 'agency', id: parties.agencyId } : null;
  // worker, founder, graduate: the person
  return parties.personId ? { kind: 'person', id: parties.personId } : null;
}

/** A claim the filer wants to exist (inserted ON CONFLICT DO NOTHING). */
export interface PlannedClaim {
  measure: string;
  clause: string;
  beneficiaryKind: BeneficiaryKind;
  beneficiaryId: string;
  subjectPersonId: string | null;
  sourceKind: ClaimSourceKind;
  sourceId: string;
  period: string;
  amountFen: number | null;
  policyId: string;
  policyVersion: string;
  reasons: Decision['reasons'];
  townshipCode: string | null;
}

/**
 * The claim a decision earns, or null: not eligible, a loan ceiling (not a grant), or nothing left
 * to pay (an amount of 0, e.g. a startup balance already paid in full).
 */
export function claimOf(
  d: Decision,
  key: {
    sourceKind: SourceKind;
    sourceId: string;
    period: string;
    parties: { employerId?: string | null; personId?: string | null; agencyId?: string | null };
    townshipCode: string | null;
  },
): PlannedClaim | null {
  if (!d.eligible || d.loan || d.amountFen === 0) return null;
  const beneficiary = beneficiaryOf(d, key.parties);
  if (!beneficiary) return null;
  return {
    measure: d.measure,
    clause: d.clause,
    beneficiaryKind: beneficiary.kind,
    beneficiaryId: beneficiary.id,
    subjectPersonId: key.parties.personId ?? null,
    sourceKind: key.sourceKind,
    sourceId: key.sourceId,
    period: key.period,
    amountFen: d.amountFen,
    policyId: d.policy,
    policyVersion: d.policyVersion,
    reasons: d.reasons,
    townshipCode: key.townshipCode,
  };
}

// ---- calendar ----

/** YYYY-MM of a date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** The last day of a month YYYY-MM. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The last month that has ended by `today`. */
export function lastEndedMonth(today: string): string {
  const [y, m] = today.slice(0, 7).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** `date` plus `months` calendar months (the day clamped to the month's end). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The contract's month rule: every calendar month, from the start month on, in which the placement
 * is in force on the month's last day, once that month has ended (by `today`), and not after the
 * placement's end. Caps (maxPeriods) and windows are the engine's and the filer's.
 */
export function monthsInForce(startDate: string, endedOn: string | null, today: string): string[] {
  const out: string[] = [];
  const last = lastEndedMonth(today);
  for (let m = monthOf(startDate); m <= last; m = nextMonth(m)) {
    const day = lastDayOf(m);
    if (startDate > day) continue;
    if (endedOn !== null && endedOn < day) break;
    out.push(m);
  }
  return out;
}

/** What a record's claims (of other sources) say was already granted: the engine's history fields. */
export interface GrantHistory {
  /** Measures of the person's one-time claims (not rejected), any source but this one. */
  oneTimeMeasures: string[];
  /** Months of each monthly measure already granted to the person (any placement), this period excluded. */
  monthsGranted: Partial<Record<string, number>>;
  /** The person's public-welfare placements other than this one. */
  otherPublicWelfarePlacements: number;
}

/** The history fields of a placement situation. */
export function withPlacementHistory(s: Situation, h: GrantHistory): Situation {
  const person = { ...(s.person ?? {}) };
  if (h.oneTimeMeasures.length) person.oneTimeSubsidiesGranted = [...new Set(h.oneTimeMeasures)];
  if (h.otherPublicWelfarePlacements > 0) person.publicWelfarePlacements = h.otherPublicWelfarePlacements;
  const hire = { ...(s.hire as NonNullable<Situation['hire']>) };
  const months = (m: string) => h.monthsGranted[m] ?? 0;
  if (months('post-subsidy')) hire.postSubsidyMonthsGranted = months('post-subsidy');
  if (months('social-insurance-subsidy'))
    hire.socialInsuranceSubsidyMonthsGranted = months('social-insurance-subsidy');
  const pw = Math.max(months('public-welfare-post'), months('public-welfare-post-half'));
  if (pw) hire.publicWelfareMonthsGranted = pw;
  return { ...s, person, hire };
}

/**
 * A deterministic uuid of a text (sha-1 based, RFC 4122 version 5 layout), so that the source of an
 * adjustment claim — one claim corrected by one pack version — is the same id however often the
 * recompute runs.
 */
export function uuidOf(sha1Hex: string): string {
  const h = sha1Hex.slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
