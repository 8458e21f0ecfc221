/**
 * The plan's targets (table B) against the records: which pack's targets hold for a year, how the
 * records behind a target add up (by month, by township, each person once where it is people),
 * the share reached and whether it is on track for the date. Pure: records in, figures out.
 */
import type { CountedRecord } from '@app/platform';
import { townshipByCode, TOWNSHIPS } from '@app/platform/geo';
import type { PlanTarget, TargetMetric } from '@app/subsidy-engine';

export const TARGET_STATUSES = ['met', 'on-track', 'behind', 'missed', 'not-tracked'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const TARGET_STATUS_NAMES: Readonly<Record<TargetStatus, string>> = {
  met: '已完成',
  'on-track': '进度正常',
  behind: '进度滞后',
  missed: '未完成',
  'not-tracked': '平台未统计',
};

/** How a metric's records count: people once each, records weighted, and whether townships apply. */
export interface MetricSpec {
  /** People: a person counts once, on their first record's day. */
  persons: boolean;
  /** A record counts for its `weight` (a business for the people it employs). */
  weighted: boolean;
  /** The records name the township they count for. */
  byTownship: boolean;
  /** A state at a date (stations, families), not things done during the year. */
  state: boolean;
}

export const METRIC_SPECS: Readonly<Record<TargetMetric, MetricSpec>> = {
  'fairs-held': { persons: false, weighted: false, byTownship: true, state: false },
  'fair-hires': { persons: false, weighted: false, byTownship: true, state: false },
  'startup-businesses': { persons: false, weighted: false, byTownship: true, state: false },
  'startup-jobs': { persons: false, weighted: true, byTownship: true, state: false },
  'subsidised-training': { persons: true, weighted: false, byTownship: true, state: false },
  'new-skilled-workers': { persons: true, weighted: false, byTownship: true, state: false },
  'new-highly-skilled-workers': { persons: true, weighted: false, byTownship: true, state: false },
  'export-trips': { persons: false, weighted: false, byTownship: false, state: false },
  'export-people': { persons: true, weighted: false, byTownship: false, state: false },
  'internship-posts': { persons: false, weighted: false, byTownship: true, state: false },
  'difficult-persons-placed': { persons: true, weighted: false, byTownship: true, state: false },
  'zero-employment-families-employed': { persons: false, weighted: false, byTownship: true, state: true },
  'township-stations-staffed': { persons: false, weighted: false, byTownship: true, state: true },
  'community-stations-staffed': { persons: false, weighted: false, byTownship: true, state: true },
};

/** The twelve months of a year, `YYYY-MM`. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** The last day of a month `YYYY-MM`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

export interface MonthFigure {
  month: string;
  /** Counted in that month. */
  count: number;
  /** Counted from the year's start to the month's end. */
  cumulative: number;
}

export interface TownshipFigure {
  code: string;
  name: string;
  actual: number;
}

export interface Tally {
  actual: number;
  monthly: MonthFigure[];
  byTownship: TownshipFigure[] | null;
  /** The records that counted (a person's later records left out), in date order. */
  counted: CountedRecord[];
}

/**
 * Adds up a metric's records up to `asOf`: a person counts once (first record); a weighted record
 * counts its weight. Records after `asOf` or outside the year do not count.
 */
export function tally(
  records: readonly CountedRecord[],
  spec: MetricSpec,
  year: number,
  asOf: string,
): Tally {
  const sorted = [...records]
    .filter((r) => r.on.startsWith(`${year}-`) && r.on <= asOf)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Set<string>();
  const counted: CountedRecord[] = [];
  for (const r of sorted) {
    if (spec.persons && r.personId) {
      if (seen.has(r.personId)) continue;
      seen.add(r.personId);
    }
    counted.push(r);
  }
  const value = (r: CountedRecord): number => (spec.weighted ? (r.weight ?? 0) : 1);
  const perMonth = new Map<string, number>();
  const perTownship = new Map<string, number>();
  let actual = 0;
  for (const r of counted) {
    const v = value(r);
    actual += v;
    perMonth.set(r.on.slice(0, 7), (perMonth.get(r.on.slice(0, 7)) ?? 0) + v);
    if (r.townshipCode) perTownship.set(r.townshipCode, (perTownship.get(r.townshipCode) ?? 0) + v);
  }
  let running = 0;
  const lastMonth = asOf.slice(0, 7);
  const monthly = monthsOf(year)
    .filter((m) => m <= lastMonth)
    .map((month) => {
      const count = perMonth.get(month) ?? 0;
      running += count;
      return { month, count, cumulative: running };
    });
  return { actual, monthly, byTownship: spec.byTownship ? townshipFigures(perTownship) : null, counted };
}

/** Every township of the county in its order, with zeros, and any other code after them. */
export function townshipFigures(counts: ReadonlyMap<string, number>): TownshipFigure[] {
  const known = TOWNSHIPS.map((t) => ({ code: t.code, name: t.name, actual: counts.get(t.code) ?? 0 }));
  const other = [...counts]
    .filter(([code]) => !townshipByCode(code))
    .map(([code, actual]) => ({ code, name: code, actual }));
  return [...known, ...other];
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface Standing {
  /** The number to reach (for `all`: every case found). */
  target: number;
  /** Reached / target, 0…(above 1 when passed); null when nothing to reach or not tracked. */
  share: number | null;
  /** What a steady pace would have reached by `asOf` (the year's start to the due date). */
  expected: number | null;
  status: TargetStatus;
}

/**
 * Where a target stands on `asOf`: met when reached; missed when its day is over unreached; on
 * track when at least a steady pace from 1 January to the due date would have reached by now
 * (state targets — stations, families — have no pace: they are behind until met).
 */
export function standing(
  t: Pick<PlanTarget, 'target' | 'due'>,
  actual: number | null,
  all: number | null,
  spec: MetricSpec | null,
  year: number,
  asOf: string,
  /** Today (China): the due day itself is missed only once it is over. */
  today: string,
): Standing {
  const target = t.target === 'all' ? (all ?? 0) : t.target;
  if (actual === null || spec === null) return { target, share: null, expected: null, status: 'not-tracked' };
  const share = target > 0 ? actual / target : null;
  if (actual >= target) return { target, share: target > 0 ? share : 1, expected: target, status: 'met' };
  if (asOf > t.due || (asOf === t.due && today > t.due))
    return { target, share, expected: target, status: 'missed' };
  if (spec.state) return { target, share, expected: target, status: 'behind' };
  const start = `${year}-01-01`;
  const span = days(start, t.due) + 1;
  const elapsed = Math.max(0, Math.min(span, days(start, asOf) + 1));
  const expected = Math.floor((target * elapsed) / span);
  return { target, share, expected, status: actual >= expected ? 'on-track' : 'behind' };
}
