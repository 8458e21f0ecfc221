import type { components } from '../../api/schema';
import { useTermName, type VocabularyKind } from '../../ui/vocab';

/** Options of an antd Select, in the vocabulary's own order. */
export { useTermOptions } from '../../ui/vocab';

/**
 * Words for the employer and agency pages. The Chinese names of the platform's codes (townships,
 * employment types, education, statuses…) come from GET /api/v1/vocabularies (`useTerm` below);
 * this file keeps only what that route does not give: tag colours, the employer's next steps and
 * their button words, and a few codes it does not cover. Keys are typed from the API schema, so a
 * new code is a type error here rather than a raw code on the page.
 */
type S = components['schemas'];

export type JobPostStatus = S['JobPostView']['status'];
export type EmploymentType = NonNullable<S['CreateJobPostDto']['employmentType']>;
export type Education = NonNullable<S['CreateJobPostDto']['education']>;
export type EmployerSize = NonNullable<S['UpsertMyEnterpriseDto']['size']>;
export type ApplicationStatus = S['ApplicationView']['status'];
export type PostKind = S['TransitionDto']['postKind'];
export type ClaimStatus = S['SubsidyClaimView']['status'];
export type Availability = S['CandidateSeekerView']['availability'];

export const JOB_POST_STATUS_COLOR: Readonly<Record<JobPostStatus, string>> = {
  draft: 'default',
  'pending-review': 'gold',
  published: 'green',
  closed: 'default',
  filled: 'blue',
  expired: 'default',
};
export const ENDED_POST_STATUSES: readonly JobPostStatus[] = ['closed', 'filled', 'expired'];

export const APPLICATION_STATUS_COLOR: Readonly<Record<ApplicationStatus, string>> = {
  applied: 'blue',
  screening: 'cyan',
  interview: 'purple',
  offer: 'gold',
  hired: 'green',
  rejected: 'default',
  withdrawn: 'default',
};

/** libs/applications/src/application.rules.ts EMPLOYER_TRANSITIONS: one step forward, or 不录用. */
export const EMPLOYER_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  applied: ['screening', 'rejected'],
  screening: ['interview', 'rejected'],
  interview: ['offer', 'rejected'],
  offer: ['hired', 'rejected'],
  hired: [],
  rejected: [],
  withdrawn: [],
};

/** The button that takes an application to this step. */
export const STEP_ACTION: Readonly<Partial<Record<ApplicationStatus, string>>> = {
  screening: '进入筛选',
  interview: '邀请面试',
  offer: '拟录用',
  hired: '录用',
  rejected: '不录用',
};

export const CLAIM_STATUS_COLOR: Readonly<Record<ClaimStatus, string>> = {
  'pending-review': 'gold',
  approved: 'blue',
  rejected: 'red',
  paid: 'green',
};

export const CLAIM_SOURCE_NAMES: Readonly<Record<S['ClaimSourceView']['kind'], string>> = {
  placement: '就业登记',
  certificate: '职业技能证书',
  business: '创业经营',
  'insurance-year': '社会保险缴费',
  profile: '求职登记',
  adjustment: '补发调整',
};

/** A claim's period: once | YYYY | YYYY-MM. */
export function periodText(period: string): string {
  if (period === 'once') return '一次性';
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(period);
  if (!m) return '—';
  return m[2] ? `${m[1]}年${Number(m[2])}月` : `${m[1]}年度`;
}

/** An age band such as 25-34. */
export function ageBandText(band: string | null): string {
  if (!band) return '年龄未填';
  const m = /^(\d+)-(\d+)$/.exec(band);
  if (m) return `${m[1]}–${m[2]}岁`;
  const over = /^(\d+)\+$/.exec(band);
  return over ? `${over[1]}岁以上` : '年龄未填';
}

/** Where a placement's work is: a township of the county or a place outside it. */
export function placementPlace(loc: S['PlacementLocationView'], term: Term): string {
  if (loc.townshipCode) return `稷山县${term('townships', loc.townshipCode, '')}`;
  return [loc.province, loc.city, loc.county].filter(Boolean).join('');
}

export type Term = (kind: VocabularyKind, code: string | null | undefined, fallback?: string) => string;

/**
 * A code's Chinese name from GET /api/v1/vocabularies; `fallback` (a dash unless given) while the
 * terms load, for an empty code, or for a code the list does not have — never the code itself.
 */
export function useTerm(): Term {
  const name = useTermName();
  return (kind, code, fallback = '—') => name(kind, code) || fallback;
}
