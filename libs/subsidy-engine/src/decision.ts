/** Result types and the per-decision checker that records reasons and the parameter values read. */
import { matches, Facts } from './selector';
import { MeasureDef, Pack, Param } from './pack';
import { Period } from './vocabulary';

export interface Reason {
  code: string;
  ok: boolean;
  /** Short Chinese explanation citing the clause, e.g. `劳动合同期限10个月，不满1年（二(八)）`. */
  text: string;
}

export interface Decision {
  measure: string;
  name: string;
  clause: string;
  beneficiary: string;
  eligible: boolean;
  /** Integer fen; `null` only when eligible and the pack leaves the amount unset (`amount-not-set`). */
  amountFen: number | null;
  per: Period;
  maxPeriods: number | null;
  advance: boolean;
  reasons: Reason[];
  /** The parameter values this decision read from the pack (after exceptions and windows). */
  params: Record<string, unknown>;
  eventDate: string;
  window: { from: string; to: string };
  policy: string;
  policyVersion: string;
  /** Periods still payable given the history passed in (monthly / yearly measures). */
  remainingPeriods?: number;
  /** Earliest date the amount may be paid (e.g. after 6 months of stable employment). */
  payableFrom?: string;
  /** A loan ceiling rather than a grant (startup-loan). */
  loan?: boolean;
}

export interface EvaluationResult {
  policy: string;
  policyVersion: string;
  asOf: string;
  eventDate: string;
  decisions: Decision[];
}

export interface ErrorResult {
  error: { code: string; message: string; path: string };
}

export class PackConflictError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'PackConflictError';
  }
}

/** `（clause）`, appended to every reason text of a measure. */
export function clauseSuffix(clause: string): string {
  return `（${clause}）`;
}

/** A set of checked conditions; `ok` is false once any check fails. */
export class Checks {
  readonly reasons: Reason[] = [];
  ok = true;

  /** `suffix` is `clauseSuffix(clause)`, passed in when already computed. */
  constructor(
    readonly clause: string,
    readonly suffix: string = clauseSuffix(clause),
  ) {}

  check(code: string, ok: boolean, text: string): boolean {
    this.reasons.push({ code, ok, text: text + this.suffix });
    if (!ok) this.ok = false;
    return ok;
  }

  /** Adds the reasons of the first route that holds; when none holds, both routes' reasons. */
  anyOf(a: Checks, b: Checks): boolean {
    const good = a.ok ? a : b.ok ? b : undefined;
    if (good) {
      append(this.reasons, good.reasons);
      return true;
    }
    append(this.reasons, a.reasons);
    append(this.reasons, b.reasons);
    this.ok = false;
    return false;
  }
}

function append(to: Reason[], from: readonly Reason[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]);
}

/** What a pack's measure needs at run time beyond its definition, computed once per measure. */
export interface MeasureTexts {
  /** `（clause）` */
  suffix: string;
  /** The rest of the in-window reason text after the event date, suffix included. */
  windowEarly: string;
  windowLate: string;
  windowInside: string;
}

const textsCache = new WeakMap<MeasureDef, MeasureTexts>();
export function measureTexts(m: MeasureDef): MeasureTexts {
  let t = textsCache.get(m);
  if (t === undefined) {
    const suffix = clauseSuffix(m.clause);
    const { from, to } = m.window;
    t = {
      suffix,
      windowEarly: `早于政策起始日${from}${suffix}`,
      windowLate: `已过政策期限（截至${to}）${suffix}`,
      windowInside: `在政策期限内（${from}至${to}）${suffix}`,
    };
    textsCache.set(m, t);
  }
  return t;
}

/** The checker of one measure on one situation. */
export class DecisionBuilder extends Checks {
  readonly params: Record<string, unknown> = {};
  advance = false;
  /** Overrides the decision's maxPeriods when set (null included). */
  maxPeriods: number | null | undefined = undefined;
  remainingPeriods: number | undefined = undefined;
  payableFrom: string | undefined = undefined;
  loan = false;

  constructor(
    readonly m: MeasureDef,
    readonly pack: Pack,
    readonly facts: Facts,
    readonly eventDate: string,
    readonly texts: MeasureTexts = measureTexts(m),
  ) {
    super(m.clause, texts.suffix);
  }

  sub(): Checks {
    return new Checks(this.clause, this.suffix);
  }

  /** Reads a measure parameter: base value, or the one exception whose `when` matches; null outside its window. */
  read<T>(name: string): T | null {
    const p = this.m.params[name] as Param<T>;
    const v =
      p.from === undefined && p.to === undefined && p.exceptions === undefined
        ? p.value
        : resolveParam<T>(p, this.facts, this.eventDate, this.m.id, name);
    this.params[name] = v;
    return v;
  }

  /** Reads a parameter that a condition needs; an unset value fails the decision with `param-not-set`. */
  need<T>(name: string): T | undefined {
    const v = this.read<T>(name);
    if (v === null) {
      this.check('param-not-set', false, `政策包未设定参数${name}，无法判断`);
      return undefined;
    }
    return v;
  }

  /** Reads a pack-wide parameter (minimum wage, retirement ages). */
  packParam<T>(name: string): T | null {
    const v = resolveParam<T>(this.pack.parameters[name] as Param<T>, this.facts, this.eventDate, '', name);
    this.params[name] = v;
    return v;
  }

  inWindow(): boolean {
    const { from, to } = this.m.window;
    const d = this.eventDate;
    const t = this.texts;
    const ok = d >= from && d <= to;
    this.reasons.push({
      code: 'in-window',
      ok,
      text: d + (d < from ? t.windowEarly : d > to ? t.windowLate : t.windowInside),
    });
    if (!ok) this.ok = false;
    return ok;
  }
}

export function resolveParam<T>(
  p: Param<T>,
  facts: Facts,
  eventDate: string,
  measureId: string,
  name: string,
): T | null {
  if (p.from === undefined && p.to === undefined && p.exceptions === undefined) return p.value;
  if ((p.from !== undefined && eventDate < p.from) || (p.to !== undefined && eventDate > p.to)) return null;
  if (p.exceptions) {
    let hit: T | null | undefined;
    let hits = 0;
    for (const e of p.exceptions) {
      if (matches(e.when, facts)) {
        hits++;
        hit = e.value;
      }
    }
    if (hits > 1) {
      const path = measureId ? `${measureId}.params.${name}` : `parameters.${name}`;
      throw new PackConflictError(`${hits} exclusive exceptions of ${path} match one situation`, path);
    }
    if (hits === 1) return hit as T | null;
  }
  return p.value;
}
