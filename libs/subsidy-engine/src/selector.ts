/**
 * Selectors: the `when` of an exception and the `appliesWhen` of a measure. A selector is a
 * conjunction of conditions on named facts of a situation, or `anyOf` a list of conjunctions.
 * Exclusive rules must be provably disjoint: `overlaps` finds two selectors that one situation can
 * satisfy at once, which the pack loader reports as a pack error.
 */
import { z } from 'zod';
import {
  AGENCY_KINDS,
  BUSINESS_KINDS,
  CERTIFICATE_LEVELS,
  EMPLOYER_SIZES,
  LOCATION_CLASSES,
  POST_KINDS,
} from './vocabulary';

/** The facts a selector may test, and their domains. */
export const FACT_DOMAINS = {
  employerSize: EMPLOYER_SIZES,
  location: LOCATION_CLASSES,
  postKind: POST_KINDS,
  certificateLevel: CERTIFICATE_LEVELS,
  agencyKind: AGENCY_KINDS,
  businessKind: BUSINESS_KINDS,
  formerStateEnterpriseOlderWorker: 'boolean',
  organisedExport: 'boolean',
  insuredStaff: 'number',
  contractYears: 'number',
} as const;
export type FactName = keyof typeof FACT_DOMAINS;
export type Facts = { [K in FactName]?: string | number | boolean };

type Scalar = string | number | boolean;
export type Condition = Scalar | Scalar[] | { min?: number; max?: number };
export type Conjunction = { [K in FactName]?: Condition };
export type Selector = Conjunction | { anyOf: Conjunction[] };

const range = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .refine((r) => r.min !== undefined || r.max !== undefined, 'a range needs min or max');

function conditionSchema(domain: (typeof FACT_DOMAINS)[FactName]): z.ZodType<Condition> {
  if (domain === 'boolean') return z.boolean();
  if (domain === 'number') return z.union([z.number(), range]);
  const e = z.enum(domain as readonly [string, ...string[]]);
  return z.union([e, z.array(e).min(1)]);
}

const conjunctionSchema = z.strictObject(
  Object.fromEntries(
    (Object.keys(FACT_DOMAINS) as FactName[]).map((k) => [k, conditionSchema(FACT_DOMAINS[k]).optional()]),
  ) as Record<FactName, z.ZodOptional<z.ZodType<Condition>>>,
);

export const selectorSchema: z.ZodType<Selector> = z.union([
  z.strictObject({ anyOf: z.array(conjunctionSchema).min(1) }),
  conjunctionSchema,
]);

function conjunctions(s: Selector | undefined): Conjunction[] {
  if (s === undefined) return [{}];
  return 'anyOf' in s ? (s.anyOf as Conjunction[]) : [s as Conjunction];
}

function conditionHolds(c: Condition, v: Scalar | undefined): boolean {
  if (v === undefined) return false;
  if (Array.isArray(c)) return c.includes(v);
  if (typeof c === 'object') {
    return (
      typeof v === 'number' && (c.min === undefined || v >= c.min) && (c.max === undefined || v <= c.max)
    );
  }
  return c === v;
}

function conjunctionHolds(c: Conjunction, facts: Facts): boolean {
  for (const k in c) {
    const name = k as FactName;
    if (!conditionHolds(c[name] as Condition, facts[name])) return false;
  }
  return true;
}

/** True when the situation's facts satisfy the selector (an absent selector always holds). */
export function matches(s: Selector | undefined, facts: Facts): boolean {
  if (s === undefined) return true;
  if ('anyOf' in s) return (s.anyOf as Conjunction[]).some((c) => conjunctionHolds(c, facts));
  return conjunctionHolds(s as Conjunction, facts);
}

function conditionsDisjoint(a: Condition, b: Condition): boolean {
  const isRange = (c: Condition): c is { min?: number; max?: number } =>
    typeof c === 'object' && !Array.isArray(c);
  const lo = (c: { min?: number }) => c.min ?? -Infinity;
  const hi = (c: { max?: number }) => c.max ?? Infinity;
  if (isRange(a) && isRange(b)) return hi(a) < lo(b) || hi(b) < lo(a);
  if (isRange(a) || isRange(b)) {
    const r = (isRange(a) ? a : b) as { min?: number; max?: number };
    const other = isRange(a) ? b : a;
    const values = Array.isArray(other) ? other : [other as Scalar];
    return values.every((v) => typeof v !== 'number' || v < lo(r) || v > hi(r));
  }
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  return !as.some((v) => bs.includes(v));
}

function conjunctionsDisjoint(a: Conjunction, b: Conjunction): boolean {
  for (const k in a) {
    const name = k as FactName;
    if (name in b && conditionsDisjoint(a[name] as Condition, b[name] as Condition)) return true;
  }
  return false;
}

/** True unless the two selectors are provably disjoint (some fact constrained to disjoint values). */
export function overlaps(a: Selector | undefined, b: Selector | undefined): boolean {
  for (const ca of conjunctions(a))
    for (const cb of conjunctions(b)) if (!conjunctionsDisjoint(ca, cb)) return true;
  return false;
}
