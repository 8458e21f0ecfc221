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

/** A set of checked conditions; `ok` is false once any check fails. */
export class Checks {
  readonly reasons: Reason[] = [];
  ok = true;

  constructor(readonly clause: string) {}

  check(code: string, ok: boolean, text: string): boolean {
    this.reasons.push({ code, ok, text: `${text}（${this.clause}）` });
    if (!ok) this.ok = false;
    return ok;
  }

  /** Adds the reasons of the first route that holds; when none holds, all routes' reasons. */
  anyOf(routes: Checks[]): boolean {
    const good = routes.find((r) => r.ok);
    if (good) {
      this.reasons.push(...good.reasons);
      return true;
    }
    for (const r of routes) this.reasons.push(...r.reasons);
    this.ok = false;
    return false;
  }
}

/** The checker of one measure on one situation. */
export class DecisionBuilder extends Checks {
  readonly params: Record<string, unknown> = {};
  advance = false;
  extra: Partial<Decision> = {};

  constructor(
    readonly m: MeasureDef,
    readonly pack: Pack,
    readonly facts: Facts,
    readonly eventDate: string,
  ) {
    super(m.clause);
  }

  sub(): Checks {
    return new Checks(this.m.clause);
  }

  /** Reads a measure parameter: base value, or the one exception whose `when` matches; null outside its window. */
  read<T>(name: string): T | null {
    const v = resolveParam<T>(this.m.params[name] as Param<T>, this.facts, this.eventDate, this.m.id, name);
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
    if (d < from) return this.check('in-window', false, `${d}早于政策起始日${from}`);
    if (d > to) return this.check('in-window', false, `${d}已过政策期限（截至${to}）`);
    return this.check('in-window', true, `${d}在政策期限内（${from}至${to}）`);
  }
}

export function resolveParam<T>(
  p: Param<T>,
  facts: Facts,
  eventDate: string,
  measureId: string,
  name: string,
): T | null {
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
