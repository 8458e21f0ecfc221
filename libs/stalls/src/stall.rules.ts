/** The vocabularies and the pure allocation rule of the street-stall zones (地摊经济, plan 一(四)). */

export const ZONE_KINDS = ['night', 'car-trunk', 'street'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];
export const ZONE_KIND_NAMES: Record<ZoneKind, string> = {
  night: '夜市',
  'car-trunk': '后备箱集市',
  street: '地摊',
};

export const STALL_APPLICATION_STATUSES = ['waiting', 'allocated', 'withdrawn', 'cancelled'] as const;
export type StallApplicationStatus = (typeof STALL_APPLICATION_STATUSES)[number];
export const STALL_APPLICATION_STATUS_NAMES: Record<StallApplicationStatus, string> = {
  waiting: '等待分配',
  allocated: '已分到摊位',
  withdrawn: '已撤回',
  cancelled: '已取消',
};

export const HOLDING_STATUSES = ['active', 'revoked', 'given-up'] as const;
export type HoldingStatus = (typeof HOLDING_STATUSES)[number];
export const HOLDING_STATUS_NAMES: Record<HoldingStatus, string> = {
  active: '使用中',
  revoked: '已收回',
  'given-up': '已退摊',
};

/**
 * Groups served first (优先安置): 就业困难人员, 零就业家庭, 低保家庭, 残疾人 — the plan asks the
 * zones for people with difficulty finding work.
 */
export const PRIORITY_GROUPS = ['difficult', 'zero-employment-family', 'minimum-living', 'disabled'] as const;

export function isPriority(groups: readonly string[] | null | undefined): boolean {
  return !!groups && groups.some((g) => (PRIORITY_GROUPS as readonly string[]).includes(g));
}

export interface Applicant {
  applicationId: string;
  /** The order of application: smaller came first. */
  seq: number;
  priority: boolean;
  preferredStallId: string | null;
}

export interface FreeStall {
  id: string;
  code: string;
}

/** Priority applicants first, each part in the order they applied (先到先得). */
export function orderApplicants<T extends Pick<Applicant, 'seq' | 'priority'>>(
  applicants: readonly T[],
): T[] {
  return [...applicants].sort((a, b) => Number(b.priority) - Number(a.priority) || a.seq - b.seq);
}

/** Stall codes in the order people read them: A-2 before A-10. */
export function compareStallCodes(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN', { numeric: true });
}

/**
 * One round: applicants in order each get a free stall while any is left — their preferred one
 * when still free, else the first free one (by code) that no later applicant of the round prefers,
 * else the first free one. Pure: the service runs it under the zone's lock.
 */
export function planRound(
  applicants: readonly Applicant[],
  freeStalls: readonly FreeStall[],
): { applicationId: string; stallId: string }[] {
  const free = [...freeStalls].sort((a, b) => compareStallCodes(a.code, b.code));
  const order = orderApplicants(applicants);
  const out: { applicationId: string; stallId: string }[] = [];
  for (let i = 0; i < order.length && free.length > 0; i++) {
    const a = order[i];
    let at = a.preferredStallId ? free.findIndex((s) => s.id === a.preferredStallId) : -1;
    if (at < 0) {
      const wantedLater = new Set(order.slice(i + 1).map((x) => x.preferredStallId));
      at = free.findIndex((s) => !wantedLater.has(s.id));
      if (at < 0) at = 0;
    }
    out.push({ applicationId: a.applicationId, stallId: free[at].id });
    free.splice(at, 1);
  }
  return out;
}
