/**
 * Policy packs: the county's policy as data. `loadPack` parses YAML text (pure: text in), validates
 * it with zod against the schema and against the parameters each measure's rule reads, and
 * checks that exclusive rules cannot both match one situation. A bad pack refuses to load with a
 * `PackError` naming the path of the bad value.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isIsoDate } from './calendar';
import { MEASURE_IDS, MEASURE_PARAMS, MeasureId, PACK_PARAMS, VALUE_KINDS, ValueKind } from './measure-specs';
import { overlaps, Selector, selectorSchema } from './selector';
import { PERIODS, Period } from './vocabulary';
import { TARGET_METRICS, TargetMetric } from './target-specs';

export interface ParamException<T = unknown> {
  when: Selector;
  value: T | null;
  clause: string;
  note?: string;
}

/** One value of the policy with its reference to the document; `null` = not set by the document. */
export interface Param<T = unknown> {
  value: T | null;
  clause: string;
  note?: string;
  /** A value is valid only inside its own window (defaults: the measure's window). */
  from?: string;
  to?: string;
  /** Base case plus exceptions: at most one exception may match a situation. */
  exceptions?: ParamException<T>[];
}

export interface Window {
  from: string;
  to: string;
  clause: string;
}

export interface MeasureDef {
  id: MeasureId;
  name: string;
  clause: string;
  beneficiary: string;
  per: Period;
  window: Window;
  appliesWhen?: Selector;
  params: Record<string, Param>;
}

export interface Benefit {
  id: string;
  name?: string;
  clause: string;
  /** first-in-order: several may qualify, the first is granted; exclusive: two matching is a pack error. */
  mode: 'first-in-order' | 'exclusive';
  measures: MeasureId[];
}

/** One number of the plan's table B (e.g. 一(一) 18 special fairs). */
export interface PlanTarget {
  id: string;
  clause: string;
  name: string;
  /** What counts toward it; `null` = the platform keeps no records for it (shown, not counted). */
  metric: TargetMetric | null;
  /** The number to reach; `all` = every case the metric finds (e.g. every zero-employment family). */
  target: number | 'all';
  unit: string;
  /** The date it is to be reached by (the year's end unless the plan says otherwise). */
  due: string;
  /** For station targets: the trained staff a station needs to count. */
  minStaff?: number;
  note?: string;
}

/** The plan's targets for one year: a new year's targets come in a new pack. */
export interface PlanTargets {
  year: number;
  clause: string;
  items: PlanTarget[];
}

export interface Region {
  province: string;
  city?: string;
  county?: string;
}

export interface Pack {
  id: string;
  version: string;
  title: string;
  document: string;
  issuedOn: string;
  region: Region & { clause: string };
  window: Window;
  supersedes: string[];
  parameters: Record<string, Param>;
  measures: MeasureDef[];
  benefits: Benefit[];
  targets?: PlanTargets;
  source?: string;
}

export class PackError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly source?: string,
  ) {
    super(`${source ? source + ': ' : ''}${path ? path + ': ' : ''}${message}`);
    this.name = 'PackError';
  }
}

const isoDate = z.string().refine(isIsoDate, 'not a real date YYYY-MM-DD');
const clause = z.string().min(1);
const windowSchema = z.strictObject({ from: isoDate, to: isoDate, clause });

const packSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id'),
  version: z.union([z.string().min(1), z.number()]).transform(String),
  title: z.string().min(1),
  document: z.string().min(1),
  issuedOn: isoDate,
  region: z.strictObject({
    province: z.string().min(1),
    city: z.string().min(1),
    county: z.string().min(1),
    clause,
  }),
  window: windowSchema,
  supersedes: z.array(z.string()).default([]),
  parameters: z.record(z.string(), z.unknown()),
  measures: z
    .array(
      z.strictObject({
        id: z.enum(MEASURE_IDS as [MeasureId, ...MeasureId[]]),
        name: z.string().min(1),
        clause,
        beneficiary: z.string().min(1),
        per: z.enum(PERIODS),
        window: windowSchema.optional(),
        appliesWhen: selectorSchema.optional(),
        params: z.record(z.string(), z.unknown()),
      }),
    )
    .min(1),
  benefits: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        name: z.string().optional(),
        clause,
        mode: z.enum(['first-in-order', 'exclusive']),
        measures: z.array(z.enum(MEASURE_IDS as [MeasureId, ...MeasureId[]])).min(2),
      }),
    )
    .default([]),
  targets: z
    .strictObject({
      year: z.number().int().min(2000).max(2100),
      clause,
      items: z
        .array(
          z.strictObject({
            id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id'),
            clause,
            name: z.string().min(1),
            metric: z.enum(TARGET_METRICS as unknown as [TargetMetric, ...TargetMetric[]]).nullable(),
            target: z.union([z.number().int().positive(), z.literal('all')]),
            unit: z.string().min(1),
            due: isoDate,
            minStaff: z.number().int().positive().optional(),
            note: z.string().optional(),
          }),
        )
        .min(1),
    })
    .optional(),
});

const paramSchemas = new Map<ValueKind, z.ZodType<Param>>();
function paramSchema(kind: ValueKind): z.ZodType<Param> {
  let s = paramSchemas.get(kind);
  if (!s) {
    const value = VALUE_KINDS[kind].nullable();
    s = z.strictObject({
      value,
      clause,
      note: z.string().optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      exceptions: z
        .array(z.strictObject({ when: selectorSchema, value, clause, note: z.string().optional() }))
        .min(1)
        .optional(),
    }) as z.ZodType<Param>;
    paramSchemas.set(kind, s);
  }
  return s;
}

/** `['measures', 3, 'params']` → `measures[3].params` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

function checkParams(
  raw: Record<string, unknown>,
  spec: Record<string, ValueKind>,
  base: (string | number)[],
  source: string | undefined,
  skipOverlapCheck = false,
): Record<string, Param> {
  const out: Record<string, Param> = {};
  for (const name of Object.keys(raw)) {
    if (!(name in spec)) {
      throw new PackError(
        `unknown parameter "${name}" (known: ${Object.keys(spec).join(', ')})`,
        formatPath([...base, name]),
        source,
      );
    }
  }
  for (const [name, kind] of Object.entries(spec)) {
    if (!(name in raw)) {
      throw new PackError(
        `missing parameter "${name}" (write value: null when the document leaves it unset)`,
        formatPath([...base, name]),
        source,
      );
    }
    const r = paramSchema(kind).safeParse(raw[name]);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new PackError(issue.message, formatPath([...base, name, ...issue.path]), source);
    }
    const p = r.data;
    if (p.from && p.to && p.from > p.to)
      throw new PackError('window ends before it starts', formatPath([...base, name, 'to']), source);
    const ex = skipOverlapCheck ? [] : (p.exceptions ?? []);
    for (let i = 0; i < ex.length; i++) {
      for (let j = i + 1; j < ex.length; j++) {
        if (overlaps(ex[i].when, ex[j].when)) {
          throw new PackError(
            `exclusive exceptions ${i} and ${j} can both match one situation (make their "when" disjoint)`,
            formatPath([...base, name, 'exceptions', j, 'when']),
            source,
          );
        }
      }
    }
    out[name] = p;
  }
  return out;
}

function checkTargets(t: PlanTargets, source: string | undefined): void {
  const ids = new Set<string>();
  const metrics = new Set<string>();
  t.items.forEach((item, i) => {
    const at = (k: string): string => `targets.items[${i}].${k}`;
    if (ids.has(item.id)) throw new PackError(`duplicate target "${item.id}"`, at('id'), source);
    ids.add(item.id);
    if (item.metric && metrics.has(item.metric))
      throw new PackError(`two targets measured by "${item.metric}"`, at('metric'), source);
    if (item.metric) metrics.add(item.metric);
    if (!item.due.startsWith(`${t.year}-`))
      throw new PackError(`due date is not in the targets' year ${t.year}`, at('due'), source);
    const station =
      item.metric === 'township-stations-staffed' || item.metric === 'community-stations-staffed';
    if (station !== (item.minStaff !== undefined))
      throw new PackError('minStaff is given for station targets, and only for them', at('minStaff'), source);
    if ((item.target === 'all') !== (item.metric === 'zero-employment-families-employed'))
      throw new PackError(
        'target "all" is for the zero-employment families, and only for them',
        at('target'),
        source,
      );
  });
}

export interface LoadPackOptions {
  /** Skip the static check that exclusive rules are disjoint (tests only: shows the runtime guard). */
  skipOverlapCheck?: boolean;
}

/** Parses and validates a pack from YAML (or JSON) text. Throws `PackError` naming the bad path. */
export function loadPack(text: string, source?: string, options: LoadPackOptions = {}): Pack {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new PackError(`not valid YAML: ${(e as Error).message.split('\n')[0]}`, '', source);
  }
  return validatePack(doc, source, options);
}

/** Validates an already-parsed pack object. */
export function validatePack(doc: unknown, source?: string, options: LoadPackOptions = {}): Pack {
  const r = packSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new PackError(issue.message, formatPath(issue.path), source);
  }
  const raw = r.data;
  if (raw.window.from > raw.window.to)
    throw new PackError('window ends before it starts', 'window.to', source);
  const parameters = checkParams(raw.parameters, PACK_PARAMS, ['parameters'], source);
  const seen = new Set<string>();
  const measures: MeasureDef[] = raw.measures.map((m, i) => {
    if (seen.has(m.id)) throw new PackError(`duplicate measure "${m.id}"`, `measures[${i}].id`, source);
    seen.add(m.id);
    const window = m.window ?? { ...raw.window };
    if (window.from > window.to)
      throw new PackError('window ends before it starts', `measures[${i}].window.to`, source);
    const params = checkParams(
      m.params,
      MEASURE_PARAMS[m.id],
      ['measures', i, 'params'],
      source,
      options.skipOverlapCheck,
    );
    const def: MeasureDef = {
      id: m.id,
      name: m.name,
      clause: m.clause,
      beneficiary: m.beneficiary,
      per: m.per,
      window,
      params,
    };
    if (m.appliesWhen) def.appliesWhen = m.appliesWhen;
    return def;
  });
  const benefits: Benefit[] = raw.benefits;
  benefits.forEach((b, bi) => {
    b.measures.forEach((id, k) => {
      if (!seen.has(id))
        throw new PackError(
          `benefit names unknown measure "${id}"`,
          `benefits[${bi}].measures[${k}]`,
          source,
        );
    });
    if (b.mode !== 'exclusive' || options.skipOverlapCheck) return;
    const defs = b.measures.map((id) => measures.find((m) => m.id === id) as MeasureDef);
    for (let i = 0; i < defs.length; i++) {
      for (let j = i + 1; j < defs.length; j++) {
        if (overlaps(defs[i].appliesWhen, defs[j].appliesWhen)) {
          throw new PackError(
            `exclusive measures "${defs[i].id}" and "${defs[j].id}" can both apply to one situation (make their appliesWhen disjoint)`,
            `benefits[${bi}].measures[${j}]`,
            source,
          );
        }
      }
    }
  });
  if (raw.targets) checkTargets(raw.targets, source);
  for (const b of benefits) {
    const dup = benefits.find((o) => o !== b && o.measures.some((id) => b.measures.includes(id)));
    if (dup) throw new PackError(`measure in two benefits "${b.id}" and "${dup.id}"`, `benefits`, source);
  }
  return {
    id: raw.id,
    version: raw.version,
    title: raw.title,
    document: raw.document,
    issuedOn: raw.issuedOn,
    region: raw.region,
    window: raw.window,
    supersedes: raw.supersedes,
    parameters,
    measures,
    benefits,
    ...(raw.targets ? { targets: raw.targets } : {}),
    ...(source ? { source } : {}),
  };
}
