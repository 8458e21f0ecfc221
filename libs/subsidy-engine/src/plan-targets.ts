/**
 * Which targets hold for a year (table B of a plan): the pack that sets that year's, else the last
 * plan's targets carried on while its pack is still in force. Pure.
 */
import type { Pack, PlanTarget } from './pack';
import type { TargetMetric } from './target-specs';

/** The targets that hold for a year and the pack they come from. */
export interface YearTargets {
  year: number;
  pack: Pack;
  items: PlanTarget[];
  /**
   * The year of the pack's own targets when no pack sets this year's: the last plan's targets are
   * carried on (due dates moved to this year) until a new year's pack is published.
   */
  carriedFrom: number | null;
}

/** Years some pack sets targets for, ascending. */
export function targetYears(packs: readonly Pack[]): number[] {
  return [...new Set(packs.flatMap((p) => (p.targets ? [p.targets.year] : [])))].sort((a, b) => a - b);
}

/**
 * The targets of `year`: the pack that sets that year's, else the latest earlier targets of a pack
 * still in force during the year (carried on, flagged). `null` when none.
 */
export function targetsOfYear(packs: readonly Pack[], year: number): YearTargets | null {
  const own = packs.filter((p) => p.targets?.year === year);
  if (own.length > 0) {
    const superseded = new Set(own.flatMap((p) => p.supersedes));
    const pack = own.find((p) => !superseded.has(p.id)) ?? own[own.length - 1];
    return { year, pack, items: pack.targets!.items, carriedFrom: null };
  }
  const carried = packs
    .filter((p) => p.targets && p.targets.year < year)
    .filter((p) => p.window.from <= `${year}-12-31` && p.window.to >= `${year}-01-01`)
    .sort((a, b) => b.targets!.year - a.targets!.year)[0];
  if (!carried) return null;
  const from = carried.targets!.year;
  return {
    year,
    pack: carried,
    items: carried.targets!.items.map((t) => ({ ...t, due: moveToYear(t.due, year) })),
    carriedFrom: from,
  };
}

function moveToYear(iso: string, year: number): string {
  const md = iso.slice(5);
  // 29 February has no twin in a common year.
  if (md === '02-29' && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return `${year}-02-28`;
  return `${year}-${md}`;
}

/** The number a year's targets set for a metric (`null`: none, or "all" of what is found). */
export function targetNumber(packs: readonly Pack[], year: number, metric: TargetMetric): number | null {
  const t = targetsOfYear(packs, year)?.items.find((i) => i.metric === metric)?.target;
  return typeof t === 'number' ? t : null;
}
