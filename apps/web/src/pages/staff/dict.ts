/**
 * Chinese words for the codes the API gives no name for, neither in its answers nor in
 * GET /api/v1/vocabularies (townships, statuses, groups… come from there, see parts.tsx `useTerm`).
 * Each map is typed from the generated schema where the schema has the values, so a new value is
 * a type error here, not a raw code on the page. `zh(map, value)` never shows the code itself.
 */
import type { components, operations } from '../../api/schema';

type S = components['schemas'];

export type JobPostStatus = S['JobPostView']['status'];
export type EmploymentType = S['JobPostView']['employmentType'];
export type Education = NonNullable<S['SeekerProfileView']['education']>;
export type PersonGroup = S['SeekerProfileView']['groups'][number];
export type Availability = S['SeekerProfileView']['availability'];
export type ClaimStatus = S['SubsidyClaimView']['status'];
export type Measure = NonNullable<
  NonNullable<operations['SubsidyClaimsController_list']['parameters']['query']>['measure']
>;
export type BeneficiaryKind = S['ClaimBeneficiaryView']['kind'];
export type SourceKind = S['ClaimSourceView']['kind'];
export type PostKind = S['PlacementView']['postKind'];
export type EnterpriseSize = NonNullable<S['EnterpriseView']['size']>;
export type Role = S['UserView']['role'];
export type CertificateLevel = NonNullable<S['CertificateDto']['level']>;
export type GraduationLevel = S['GraduationDto']['level'];
export type Per = S['DecisionView']['per'];

export const CLAIM_STATUS_COLOR: Record<ClaimStatus, string> = {
  'pending-review': 'gold',
  approved: 'blue',
  rejected: 'red',
  paid: 'green',
};

export const SOURCE_KIND: Record<SourceKind, string> = {
  placement: '就业登记',
  certificate: '职业技能证书',
  business: '创业实体',
  'insurance-year': '失业保险参保年度',
  profile: '求职登记',
  adjustment: '补差调整',
};

export const ROLE: Record<Role, string> = {
  seeker: '求职者',
  employer: '用人单位',
  agency: '服务机构',
  staff: '工作人员',
  admin: '管理员',
};

export const PER: Record<Per, string> = {
  once: '一次性',
  month: '每月',
  year: '每年',
};

/** What the audit log calls each action (every `action:` the libs record). */
export const AUDIT_ACTION: Record<string, string> = {
  'job-post.approve': '岗位审核通过',
  'job-post.reject': '岗位审核驳回',
  'enterprise.create': '登记用人单位',
  'enterprise.set-key': '设置重点企业/服务专员',
  'seeker.register': '代为求职登记',
  'user.create': '创建工作人员账号',
  'user.reveal-id-number': '查看完整身份证号',
  'placement.record': '就业登记',
  'placement.end': '就业登记结束',
  'subsidy-claim.approve': '补贴审核通过',
  'subsidy-claim.reject': '补贴审核不通过',
  'subsidy-claim.pay': '补贴发放',
  'certificate.record': '登记职业技能证书',
  'business.record': '登记创业实体',
  'insurance-year.record': '登记失业保险参保年度',
};

export const AUDIT_TARGET: Record<string, string> = {
  'job-post': '招聘岗位',
  enterprise: '用人单位',
  user: '用户',
  placement: '就业登记',
  'subsidy-claim': '补贴申领',
  'subsidy-payment-batch': '补贴发放批次',
  'skill-certificate': '职业技能证书',
  'startup-business': '创业实体',
  'insurance-year': '失业保险参保年度',
};

/** The Chinese word for a code, never the code itself. */
export function zh<K extends string>(
  map: Record<K, string> | Record<string, string>,
  value: K | string | null | undefined,
  fallback = '—',
): string {
  if (value === null || value === undefined || value === '') return fallback;
  return (map as Record<string, string>)[value] ?? '其他';
}

/** A claim's period: once → 一次性, 2023 → 2023年, 2023-10 → 2023年10月. */
export function periodText(period: string): string {
  if (period === 'once') return '一次性';
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(period);
  if (m) return m[2] ? `${m[1]}年${Number(m[2])}月` : `${m[1]}年`;
  if (period === 'event') return '登记时';
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return `截至${period}`;
  return period;
}

/** `{value, label}` options of a dictionary, in its order. */
export function options<K extends string>(map: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(map) as K[]).map((k) => ({ value: k, label: map[k] }));
}
