/**
 * evaluateSituation: one situation (unknown JSON) and a registry of packs in, a result with one
 * decision per triggered measure out — or an error result naming the path of the bad input.
 *
 * Error paths: dotted from the situation's root (`person.idNumber`, `person.groups[1]`); the root
 * itself is `$`. In `evaluateMany` each path is prefixed by the index in the input array:
 * `[2].hire.contractEndDate`, and `[2]` for an element that is not an object.
 */
import { fullYears } from './calendar';
import {
  Decision,
  DecisionBuilder,
  ErrorResult,
  EvaluationResult,
  MeasureTexts,
  measureTexts,
  PackConflictError,
} from './decision';
import { ContractMemo, contractEndPlus1, Ctx, MeasureRule, newContractMemo, RULES } from './measures';
import { Benefit, formatPath, MeasureDef, Pack } from './pack';
import { PolicyRegistry, PolicyRegistryError } from './registry';
import { checkResidentId } from './resident-id';
import { Facts, matches } from './selector';
import { isPlainValidSituation, Situation, situationSchema } from './situation';
import { LocationClass, PersonGroup } from './vocabulary';

const ID_REASONS: Record<string, string> = {
  length: 'must have 18 characters (身份证号码应为18位)',
  format: 'must be 17 digits and a digit or X (格式错误)',
  area: 'unknown province code (地区码错误)',
  'birth-date': 'birth date is not a real date, before 1900 or after asOf (出生日期错误)',
  'check-digit': 'check digit is wrong (校验码错误)',
};

function fail(code: string, message: string, path: string): ErrorResult {
  return { error: { code, message, path: path || '$' } };
}

export function isErrorResult(r: unknown): r is ErrorResult {
  return typeof r === 'object' && r !== null && 'error' in r;
}

interface ZodLikeIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  params?: { code?: string };
  origin?: string;
  expected?: string;
  values?: unknown[];
}

function issueToError(issue: ZodLikeIssue): ErrorResult {
  const path = formatPath(issue.path);
  const last = String(issue.path[issue.path.length - 1] ?? '');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys?.[0] ?? '';
      return fail('unknown-field', `unknown field "${key}" (未知字段)`, path ? `${path}.${key}` : key);
    }
    case 'invalid_value':
      return fail(
        'unknown-value',
        `unknown value; expected one of: ${(issue.values ?? []).join(', ')} (取值无效)`,
        path,
      );
    case 'too_small':
      if (issue.origin === 'number') {
        return fail(
          last.endsWith('Fen') ? 'negative-amount' : 'negative-number',
          `must not be negative (不能为负数)`,
          path,
        );
      }
      return fail('too-short', issue.message, path);
    case 'too_big':
      return fail('out-of-range', issue.message, path);
    case 'invalid_type':
      if (/received undefined/.test(issue.message))
        return fail('missing-field', `required field is missing (缺少必填字段)`, path);
      if (issue.expected === 'int')
        return fail('not-an-integer', 'must be an integer (须为整数；金额以分计)', path);
      if (path === '' && issue.expected === 'object')
        return fail('not-an-object', 'a situation must be a JSON object', path);
      return fail('invalid-type', `expected ${issue.expected ?? 'another type'} (类型错误)`, path);
    case 'custom':
      return fail(issue.params?.code ?? 'invalid-value', issue.message, path);
    default:
      return fail('invalid-value', issue.message, path);
  }
}

/** Checks beyond the schema: ID number, dates in order. Returns an error or the derived person facts. */
function semanticChecks(
  s: Situation,
): ErrorResult | { asOf: string; birthDate?: string; sex?: 'male' | 'female' } {
  const asOf =
    s.asOf ??
    [s.hire?.startDate, s.certificate?.date]
      .filter((d): d is string => !!d)
      .sort()
      .pop();
  if (!asOf)
    return fail(
      'missing-field',
      'asOf is required when there is no hire or certificate date (缺少asOf)',
      'asOf',
    );
  const p = s.person;
  let birthDate = p?.birthDate;
  let sex = p?.sex;
  if (p?.idNumber !== undefined) {
    const id = checkResidentId(p.idNumber, asOf);
    if (!id.ok) return fail('invalid-id-number', `ID number: ${ID_REASONS[id.reason]}`, 'person.idNumber');
    if (birthDate !== undefined && birthDate !== id.birthDate) {
      return fail(
        'inconsistent',
        `birthDate differs from the ID number's ${id.birthDate} (出生日期与身份证号码不符)`,
        'person.birthDate',
      );
    }
    if (sex !== undefined && sex !== id.sex)
      return fail('inconsistent', `sex differs from the ID number (性别与身份证号码不符)`, 'person.sex');
    birthDate = id.birthDate;
    sex = id.sex;
  }
  if (birthDate !== undefined && birthDate > asOf)
    return fail('birth-date-in-future', 'birth date is after asOf (出生日期晚于评估日)', 'person.birthDate');
  const h = s.hire;
  if (h?.contractEndDate !== undefined && h.contractEndDate < h.startDate) {
    return fail(
      'contract-ends-before-start',
      `contract ends ${h.contractEndDate} before it starts ${h.startDate} (合同终止日期早于起始日期)`,
      'hire.contractEndDate',
    );
  }
  if (birthDate !== undefined && h && h.startDate < birthDate) {
    return fail(
      'inconsistent',
      'hire starts before the person was born (入职日期早于出生日期)',
      'hire.startDate',
    );
  }
  return { asOf, birthDate, sex };
}

function locationClass(pack: Pack, loc: Situation['region']): LocationClass | undefined {
  if (!loc) return undefined;
  if (loc.province !== pack.region.province) return 'outside';
  const sameCity = loc.city === undefined || loc.city === pack.region.city;
  return sameCity && loc.county === pack.region.county ? 'county' : 'province';
}

function contractYears(h: NonNullable<Situation['hire']>, memo: ContractMemo): number {
  if (h.contractEndDate === undefined) return 99; // open-ended contract (无固定期限)
  return Math.max(0, fullYears(h.startDate, contractEndPlus1(memo, h.contractEndDate)));
}

function buildFacts(s: Situation, location: LocationClass | undefined, memo: ContractMemo): Facts {
  const f: Facts = {};
  if (s.employer?.size) f.employerSize = s.employer.size;
  if (s.employer?.insuredStaff !== undefined) f.insuredStaff = s.employer.insuredStaff;
  if (location) f.location = location;
  if (s.hire) {
    f.postKind = s.hire.postKind ?? 'regular';
    f.formerStateEnterpriseOlderWorker = s.hire.formerStateEnterpriseOlderWorker === true;
    f.contractYears = contractYears(s.hire, memo);
    if (s.hire.referral) {
      f.agencyKind = s.hire.referral.agencyKind;
      f.organisedExport = s.hire.referral.organisedExport === true;
    }
  }
  if (s.certificate) f.certificateLevel = s.certificate.level;
  if (s.business?.kind) f.businessKind = s.business.kind;
  return f;
}

/** The date that chooses the pack: the hire's start, else the certificate's date, else asOf. */
function primaryEvent(s: Situation, asOf: string): { date: string; path: string } {
  if (s.hire) return { date: s.hire.startDate, path: 'hire.startDate' };
  if (s.certificate) return { date: s.certificate.date, path: 'certificate.date' };
  return { date: asOf, path: 'asOf' };
}

/** What evaluation needs of a pack beyond its definition, computed once per pack. */
interface PackPlan {
  /** The exclusive benefits with their measures (those with an appliesWhen). */
  exclusive: Array<{ id: string; measures: MeasureDef[] }>;
  firstInOrder: Benefit[];
  measures: Array<{ m: MeasureDef; rule: MeasureRule; texts: MeasureTexts }>;
}

const planCache = new WeakMap<Pack, PackPlan>();
function packPlan(pack: Pack): PackPlan {
  let plan = planCache.get(pack);
  if (!plan) {
    plan = {
      exclusive: pack.benefits
        .filter((b) => b.mode === 'exclusive')
        .map((b) => ({
          id: b.id,
          measures: pack.measures.filter((m) => b.measures.includes(m.id) && m.appliesWhen !== undefined),
        })),
      firstInOrder: pack.benefits.filter((b) => b.mode === 'first-in-order'),
      measures: pack.measures.map((m) => ({ m, rule: RULES[m.id], texts: measureTexts(m) })),
    };
    planCache.set(pack, plan);
  }
  return plan;
}

const NO_GROUPS: readonly PersonGroup[] = [];

/** Evaluates the measures of one pack on an already validated situation. Throws PackConflictError. */
export function evaluateWithPack(
  s: Situation,
  pack: Pack,
  derived: { asOf: string; birthDate?: string; sex?: 'male' | 'female' },
  eventDate = primaryEvent(s, derived.asOf).date,
): EvaluationResult {
  const location = locationClass(pack, s.hire?.jobLocation);
  const plan = packPlan(pack);
  const contract = newContractMemo();
  const ctx: Ctx = {
    s,
    asOf: derived.asOf,
    birthDate: derived.birthDate,
    sex: derived.sex,
    groups: s.person?.groups ?? NO_GROUPS,
    facts: buildFacts(s, location, contract),
    location,
    province: pack.region.province,
    contract,
  };
  // exclusive benefits: at most one member may apply (the loader proves it; this guards at run time)
  for (const group of plan.exclusive) {
    let applying: MeasureDef[] | undefined;
    for (const m of group.measures) {
      if (matches(m.appliesWhen, ctx.facts)) (applying ??= []).push(m);
    }
    if (applying && applying.length > 1) {
      const ids = applying.map((m) => m.id).join(', ');
      throw new PackConflictError(
        `exclusive measures ${ids} of benefit "${group.id}" all apply`,
        `benefits.${group.id}`,
      );
    }
  }
  const decisions: Decision[] = [];
  for (const { m, rule, texts } of plan.measures) {
    const date = rule.trigger(ctx);
    if (date === undefined) continue;
    if (m.appliesWhen !== undefined && !matches(m.appliesWhen, ctx.facts)) continue;
    const d = new DecisionBuilder(m, pack, ctx.facts, date, texts);
    const amount = rule.evaluate(d, ctx);
    const maxPeriods =
      d.maxPeriods !== undefined
        ? d.maxPeriods
        : m.per === 'once'
          ? 1
          : ((d.params.maxPeriods as number | null | undefined) ?? null);
    if (d.ok && amount === null) {
      d.reasons.push({
        code: 'amount-not-set',
        ok: true,
        text: `补贴标准按规定执行，本政策包未设定金额（${m.clause}）`,
      });
    }
    const decision: Decision = {
      measure: m.id,
      name: m.name,
      clause: m.clause,
      beneficiary: m.beneficiary,
      eligible: d.ok,
      amountFen: d.ok ? amount : 0,
      per: m.per,
      maxPeriods,
      advance: d.ok && d.advance,
      reasons: d.reasons,
      params: d.params,
      eventDate: date,
      window: { from: m.window.from, to: m.window.to },
      policy: pack.id,
      policyVersion: pack.version,
    };
    if (d.remainingPeriods !== undefined) decision.remainingPeriods = d.remainingPeriods;
    if (d.payableFrom !== undefined) decision.payableFrom = d.payableFrom;
    if (d.loan) decision.loan = true;
    decisions.push(decision);
  }
  // first-in-order benefits: one event yields at most one member; the first eligible is granted
  const got = s.person?.oneTimeSubsidiesGranted;
  for (const b of plan.firstInOrder) {
    const prior = got === undefined ? undefined : b.measures.find((id) => got.includes(id));
    let winner: string | undefined = prior;
    for (const id of b.measures) {
      const d = decisions.find((x) => x.measure === id);
      if (!d || !d.eligible) continue;
      if (winner === undefined) {
        winner = id;
        continue;
      }
      d.eligible = false;
      d.amountFen = 0;
      d.advance = false;
      d.reasons.push({
        code: 'already-granted',
        ok: false,
        text: `${prior ? '已享受过' : '同一次招用已享受'}${winner}，${b.name ?? b.id}只能享受一项（${b.clause}）`,
      });
    }
  }
  return { policy: pack.id, policyVersion: pack.version, asOf: derived.asOf, eventDate, decisions };
}

/** Validates and evaluates one situation. Never throws for bad input: returns an error result. */
export function evaluateSituation(input: unknown, registry: PolicyRegistry): EvaluationResult | ErrorResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail('not-an-object', 'a situation must be a JSON object (情形须为JSON对象)', '$');
  }
  let s: Situation;
  // fast path: input that certainly passes the schema unchanged is used as it is (never mutated);
  // everything else, errors included, is validated by zod
  if (isPlainValidSituation(input)) s = input;
  else {
    const parsed = situationSchema.safeParse(input);
    if (!parsed.success) return issueToError(parsed.error.issues[0] as ZodLikeIssue);
    s = parsed.data;
  }
  const derived = semanticChecks(s);
  if ('error' in derived) return derived;
  const event = primaryEvent(s, derived.asOf);
  let pack: Pack;
  try {
    pack = registry.choose(event.date, s.region);
  } catch (e) {
    if (e instanceof PolicyRegistryError)
      return fail(e.code, e.message, s.region && e.code === 'no-policy' ? 'region' : event.path);
    throw e;
  }
  try {
    return evaluateWithPack(s, pack, derived, event.date);
  } catch (e) {
    if (e instanceof PackConflictError)
      return fail('pack-conflict', `error in pack ${pack.id}: ${e.message}`, e.path);
    throw e;
  }
}

function prefix(r: EvaluationResult | ErrorResult, i: number): EvaluationResult | ErrorResult {
  if (!('error' in r)) return r;
  const p = r.error.path;
  const path = p === '$' ? `[${i}]` : p.startsWith('benefits.') || p.includes('.params.') ? p : `[${i}].${p}`;
  return { error: { ...r.error, path } };
}

/** An array in → an array of results in input order (errors in place); anything else → one result. */
export function evaluateMany(
  input: unknown,
  registry: PolicyRegistry,
): EvaluationResult | ErrorResult | Array<EvaluationResult | ErrorResult> {
  if (!Array.isArray(input)) return evaluateSituation(input, registry);
  return input.map((x, i) => prefix(evaluateSituation(x, registry), i));
}
