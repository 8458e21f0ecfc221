import { todayInChina } from '@app/platform/validation';

/** 零工 statuses: live ones are `open` (places left) and `filled` (every place taken). */
export const GIG_STATUSES = ['pending-review', 'open', 'filled', 'closed', 'cancelled', 'rejected'] as const;
export type GigStatus = (typeof GIG_STATUSES)[number];
export const GIG_STATUS_NAMES: Record<GigStatus, string> = {
  'pending-review': '待审核',
  open: '招人中',
  filled: '已满员',
  closed: '已结束',
  cancelled: '已取消',
  rejected: '未通过审核',
};
export const LIVE_GIG_STATUSES: readonly GigStatus[] = ['open', 'filled'];

export const PAY_UNITS = ['day', 'hour', 'piece'] as const;
export type PayUnit = (typeof PAY_UNITS)[number];
export const PAY_UNIT_NAMES: Record<PayUnit, string> = { day: '元/天', hour: '元/小时', piece: '元/件' };

export const POSTER_KINDS = ['employer', 'agency', 'staff', 'resident'] as const;
export type PosterKind = (typeof POSTER_KINDS)[number];
export const POSTER_KIND_NAMES: Record<PosterKind, string> = {
  employer: '用人单位',
  agency: '人力资源服务机构',
  staff: '就业服务中心代发',
  resident: '居民个人',
};

export const ACCEPTANCE_STATUSES = ['invited', 'accepted', 'declined', 'withdrawn', 'cancelled'] as const;
export type AcceptanceStatus = (typeof ACCEPTANCE_STATUSES)[number];
export const ACCEPTANCE_STATUS_NAMES: Record<AcceptanceStatus, string> = {
  invited: '已邀请',
  accepted: '已接单',
  declined: '已婉拒',
  withdrawn: '本人已退出',
  cancelled: '发布方已取消',
};

export const DISPUTE_KINDS = ['wage-unpaid', 'no-show', 'other'] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];
export const DISPUTE_KIND_NAMES: Record<DisputeKind, string> = {
  'wage-unpaid': '拖欠工钱',
  'no-show': '爽约未到',
  other: '其他纠纷',
};

export const REPORT_REASONS = ['fake', 'fee', 'pyramid', 'unpaid', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_REASON_NAMES: Record<ReportReason, string> = {
  fake: '虚假信息',
  fee: '收取押金或费用',
  pyramid: '疑似传销',
  unpaid: '干活不给钱',
  other: '其他',
};

/** Upheld reports after which a poster may post no more gigs (暂停发布). */
export const SUSPEND_AFTER_UPHELD_REPORTS = 2;

/** Common trades of the county's day labour (suggestions on the form; the trade is free text). */
export const COMMON_GIG_TRADES = [
  '搬运装卸',
  '家政保洁',
  '建筑小工',
  '瓦工',
  '电焊',
  '水电维修',
  '农活采摘',
  '红枣采摘',
  '餐饮帮厨',
  '护工陪护',
  '绿化养护',
  '装修',
  '配送',
] as const;

const DAY_MS = 86_400_000;

/** `today` / `tomorrow` / an ISO date → the ISO date, in China time. Null when it is none of those. */
export function resolveGigDate(value: string, nowMs = Date.now()): string | null {
  const today = todayInChina(nowMs);
  if (value === 'today') return today;
  if (value === 'tomorrow') return addDays(today, 1);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of an ISO date (the index's filterable day number). */
export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(isoDate: string): number {
  const d = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Full years of age on `onDate` of someone born on `birthDate`. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** "08:00" → minutes; the times of a gig are wall-clock times of its date in China. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The instant a wall-clock time of a date in China is. */
export function chinaInstant(isoDate: string, hhmm: string): Date {
  return new Date(`${isoDate}T${hhmm.slice(0, 5)}:00+08:00`);
}
