/**
 * The rules of each measure, written once; every number, group, age, month and year they use is
 * read from the pack. A rule returns the amount in fen (`null` = the pack leaves it unset) and
 * records each condition it checked as a reason. Where a situation cannot trigger a measure
 * (no hire, no certificate, no business), `trigger` returns undefined and no decision is made.
 */
import { addDays, addMonths, addYears, fullMonths, fullYears, yearOf } from './calendar';
import { Checks, DecisionBuilder } from './decision';
import { MeasureId } from './measure-specs';
import { Facts } from './selector';
import { Situation } from './situation';
import {
  BusinessKind,
  EmployerSize,
  GraduationLevel,
  LocationClass,
  PersonGroup,
  Sex,
  AgencyKind,
} from './vocabulary';

export interface Ctx {
  s: Situation;
  asOf: string;
  birthDate?: string;
  sex?: Sex;
  /** The person's groups (empty when none given). */
  groups: readonly PersonGroup[];
  facts: Facts;
  location?: LocationClass;
  province: string;
  /** Per-situation memo of contract arithmetic (filled on first use). */
  contract: ContractMemo;
}

/** Contract arithmetic of the hire, computed at most once per situation. */
export interface ContractMemo {
  /** `addDays(contractEndDate, 1)`, or undefined before it is computed / without an end date. */
  endPlus1: string | undefined;
  /** Full months from start to endPlus1, or -1 before it is computed. */
  months: number;
  /** `addDays(addYears(startDate, years), -1)` for the last `years` asked. */
  years: number;
  minEnd: string;
}

export function newContractMemo(): ContractMemo {
  return { endPlus1: undefined, months: -1, years: -1, minEnd: '' };
}

/** addDays(contractEndDate, 1), memoised. */
export function contractEndPlus1(memo: ContractMemo, contractEndDate: string): string {
  let e = memo.endPlus1;
  if (e === undefined) e = memo.endPlus1 = addDays(contractEndDate, 1);
  return e;
}

export const GROUP_NAMES: Record<PersonGroup, string> = {
  graduate: '高校毕业生',
  'registered-unemployed': '登记失业人员',
  difficult: '就业困难人员',
  'poverty-alleviated': '脱贫人口',
  'rural-labourer': '进城求职的农村劳动者',
  'returning-entrepreneur': '返乡入乡创业人员',
  researcher: '事业单位科研人员',
  'zero-employment-family': '零就业家庭成员',
  'minimum-living': '低保家庭成员',
  disabled: '残疾人',
};
const SIZE_NAMES: Record<EmployerSize, string> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};
const LOCATION_NAMES: Record<LocationClass, string> = {
  county: '县内',
  province: '省内县外',
  outside: '省外',
};
const BUSINESS_NAMES: Record<BusinessKind, string> = {
  'micro-enterprise': '微型企业',
  'small-enterprise': '小型企业',
  individual: '个体工商户',
};
const LEVEL_NAMES: Record<GraduationLevel, string> = {
  university: '高校',
  'secondary-vocational': '中职学校',
};

const REGISTERED_UNEMPLOYED: readonly PersonGroup[] = ['registered-unemployed'];
const NO_GROUPS: readonly PersonGroup[] = [];
const NO_KINDS: readonly BusinessKind[] = [];
const NO_YEARS: readonly number[] = [];
/** `属于…` by group. */
const BELONGS = Object.fromEntries(Object.entries(GROUP_NAMES).map(([g, n]) => [g, `属于${n}`])) as Record<
  PersonGroup,
  string
>;

const namesCache = new WeakMap<readonly PersonGroup[], string>();
function names(gs: readonly PersonGroup[]): string {
  let n = namesCache.get(gs);
  if (n === undefined) {
    n = gs.map((g) => GROUP_NAMES[g]).join('、');
    namesCache.set(gs, n);
  }
  return n;
}
/** `${bp / 100}` (e.g. 550 → "5.5"), memoised: the few values come from the packs. */
const bpTexts = new Map<number, string>();
function percentOfBasisPoints(bp: number): string {
  let t = bpTexts.get(bp);
  if (t === undefined) {
    t = `${bp / 100}`;
    if (bpTexts.size < 256) bpTexts.set(bp, t);
  }
  return t;
}
const fen = (n: number) =>
  n % 100 === 0 ? `${n / 100}元` : `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}元`;

/** floor(a × num / den) in exact integer arithmetic. */
export function mulDiv(a: number, num: number, den: number): number {
  const p = a * num;
  if (Number.isSafeInteger(p)) return Math.floor(p / den);
  return Number((BigInt(a) * BigInt(num)) / BigInt(den));
}

function hasAny(ctx: Ctx, gs: readonly PersonGroup[]): PersonGroup | undefined {
  for (const g of gs) if (ctx.groups.includes(g)) return g;
  if (gs.includes('registered-unemployed') && ctx.s.person?.registeredUnemployedSince)
    return 'registered-unemployed';
  return undefined;
}

function groupCheck(c: Checks, ctx: Ctx, gs: readonly PersonGroup[], code = 'eligible-group'): boolean {
  const g = hasAny(ctx, gs);
  return g
    ? c.check(code, true, BELONGS[g])
    : c.check(code, false, `不属于${names(gs) || '（政策包未列人群）'}`);
}

/** Contract ≥ n years: end ≥ start + n years − 1 day; no end date = open-ended contract. */
function contractCheck(c: Checks, ctx: Ctx, years: number): boolean {
  const h = ctx.s.hire;
  if (!h) return c.check(`contract-${years}-year`, false, '未提供劳动合同');
  if (h.contractEndDate === undefined) {
    return c.check(`contract-${years}-year`, true, `无固定期限劳动合同，满${years}年`);
  }
  const memo = ctx.contract;
  if (memo.years !== years) {
    memo.minEnd = addDays(addYears(h.startDate, years), -1);
    memo.years = years;
  }
  const ok = h.contractEndDate >= memo.minEnd;
  let months = memo.months;
  if (months < 0) months = memo.months = fullMonths(h.startDate, contractEndPlus1(memo, h.contractEndDate));
  const len = months % 12 === 0 && months > 0 ? `${months / 12}年` : `${months}个月`;
  return c.check(`contract-${years}-year`, ok, `劳动合同期限${len}，${ok ? '满' : '不满'}${years}年`);
}

/** Graduate "in the graduation year or ≤ n years after leaving school", counted to `date`. */
function graduateCheck(
  c: Checks,
  ctx: Ctx,
  levels: readonly GraduationLevel[],
  years: number,
  date: string,
  what: string,
): boolean {
  const g = ctx.s.person?.graduation;
  const code = `graduate-within-${years}-years`;
  if (!g) return c.check(code, false, '未提供毕业信息，不属于高校毕业生');
  if (!levels.includes(g.level))
    return c.check(
      code,
      false,
      `${LEVEL_NAMES[g.level]}毕业生，不属于${levels.map((l) => LEVEL_NAMES[l]).join('、')}毕业生`,
    );
  if (yearOf(g.date) === yearOf(date)) return c.check(code, true, `毕业年度（${yearOf(g.date)}年）${what}`);
  const limit = addYears(g.date, years);
  const ok = date >= g.date && date <= limit;
  return c.check(
    code,
    ok,
    `${g.date}毕业，${what}${date}${ok ? '在' : '不在'}离校${years}年内（至${limit}）`,
  );
}

function ageOn(ctx: Ctx, date: string): number | undefined {
  return ctx.birthDate === undefined ? undefined : fullYears(ctx.birthDate, date);
}

function youthRoute(d: DecisionBuilder, ctx: Ctx, date: string): Checks {
  const r = d.sub();
  const min = d.read<number>('youthAgeMin');
  const max = d.read<number>('youthAgeMax');
  groupCheck(r, ctx, REGISTERED_UNEMPLOYED, 'registered-unemployed');
  const age = ageOn(ctx, date);
  if (age === undefined) r.check('youth-age', false, '未提供出生日期或身份证号码，无法计算年龄');
  else if (min === null || max === null) r.check('youth-age', false, '政策包未设定青年年龄范围');
  else
    r.check(
      'youth-age',
      age >= min && age <= max,
      `入职时${age}周岁，${age >= min && age <= max ? '在' : '不在'}${min}-${max}岁范围内`,
    );
  return r;
}

function graduateRoute(d: DecisionBuilder, ctx: Ctx, date: string, what: string): Checks {
  const r = d.sub();
  const levels = d.read<GraduationLevel[]>('graduateLevels');
  const years = d.read<number>('graduateYearsAfterSchool');
  if (levels === null || years === null) r.check('param-not-set', false, '政策包未设定毕业生条件');
  else graduateCheck(r, ctx, levels, years, date, what);
  return r;
}

function employerSizeCheck(d: DecisionBuilder, ctx: Ctx): boolean {
  const sizes = d.need<EmployerSize[]>('employerSizes');
  if (!sizes) return false;
  const size = ctx.s.employer?.size;
  if (!size) return d.check('employer-size', false, '未提供单位规模');
  const ok = sizes.includes(size);
  return d.check(
    'employer-size',
    ok,
    `${SIZE_NAMES[size]}企业，${ok ? '属于' : '不属于'}${sizes.map((s) => SIZE_NAMES[s]).join('、')}企业`,
  );
}

function monthsRemaining(d: DecisionBuilder, granted: number | undefined, what: string): number | undefined {
  const max = d.need<number>('maxPeriods');
  if (max === undefined) return undefined;
  const used = granted ?? 0;
  const left = Math.max(0, max - used);
  d.remainingPeriods = left;
  d.check(
    'periods-remaining',
    left > 0,
    `已享受${what}${used}个月，最长${max}个月${left > 0 ? `，尚余${left}个月` : '，已达上限'}`,
  );
  return left;
}

function onceCheck(d: DecisionBuilder, ctx: Ctx): boolean {
  const got = ctx.s.person?.oneTimeSubsidiesGranted;
  if (got !== undefined && got.includes(d.m.id))
    return d.check('already-granted', false, `已享受过${d.m.name}，每人一次`);
  return true;
}

function businessBasics(d: DecisionBuilder, ctx: Ctx): void {
  const b = ctx.s.business;
  const kinds = d.need<BusinessKind[]>('businessKinds');
  if (!b || !kinds) return;
  if (!b.kind) d.check('business-kind', false, '未提供市场主体类型');
  else
    d.check(
      'business-kind',
      kinds.includes(b.kind),
      `${BUSINESS_NAMES[b.kind]}${kinds.includes(b.kind) ? '' : '不'}属于${kinds.map((k) => BUSINESS_NAMES[k]).join('、')}`,
    );
}

function operating(d: Checks, licensedOn: string, asOf: string, months: number): boolean {
  const since = fullMonths(licensedOn, asOf);
  const ok = addMonths(licensedOn, months) <= asOf;
  return d.check(
    `operating-${months}-months`,
    ok,
    `自${licensedOn}领取营业执照，至${asOf}正常经营${Math.max(0, since)}个月，${ok ? '满' : '不满'}${months}个月`,
  );
}

export interface MeasureRule {
  /** The event date of the measure (its window is checked on it), or undefined: not triggered. */
  trigger(ctx: Ctx): string | undefined;
  /** Checks the conditions; returns the amount in fen, or null when the pack leaves it unset. */
  evaluate(d: DecisionBuilder, ctx: Ctx): number | null;
}

const onHire = (ctx: Ctx) => ctx.s.hire?.startDate;
const onBusiness = (ctx: Ctx) => (ctx.s.business ? ctx.asOf : undefined);

function hiringYouth(large: boolean): MeasureRule {
  return {
    trigger: onHire,
    evaluate(d, ctx) {
      const start = (ctx.s.hire as NonNullable<Situation['hire']>).startDate;
      d.inWindow();
      employerSizeCheck(d, ctx);
      d.anyOf(graduateRoute(d, ctx, start, '入职'), youthRoute(d, ctx, start));
      if (large) {
        const years = d.need<number>('contractYears');
        if (years !== undefined) contractCheck(d, ctx, years);
      } else {
        const months = d.need<number>('stableMonths');
        if (months !== undefined) {
          const from = addMonths(start, months);
          const end = ctx.s.hire?.contractEndDate;
          const ok = end === undefined || end >= addDays(from, -1);
          d.payableFrom = from;
          d.check(
            `stable-${months}-months`,
            ok,
            ok ? `须稳定就业满${months}个月，${from}起可申领` : `劳动合同至${end}，不足${months}个月`,
          );
        }
      }
      onceCheck(d, ctx);
      return d.read<number>('amountFen');
    },
  };
}

function publicWelfare(half: boolean): MeasureRule {
  return {
    trigger: (ctx) => ctx.s.hire?.startDate,
    evaluate(d, ctx) {
      const start = (ctx.s.hire as NonNullable<Situation['hire']>).startDate;
      d.inWindow();
      const gs = d.need<PersonGroup[]>('groups');
      if (gs) groupCheck(d, ctx, gs);
      if (half && ctx.s.hire?.postKind !== 'public-welfare-community') {
        const y = d.need<number>('contractYears');
        if (y !== undefined) contractCheck(d, ctx, y);
      }
      const maxPlacements = d.need<number>('maxPlacements');
      if (maxPlacements !== undefined) {
        const prev = ctx.s.person?.publicWelfarePlacements ?? 0;
        d.check(
          'placements',
          prev < maxPlacements,
          `此前已安置公益性岗位${prev}次，累计不超过${maxPlacements}次`,
        );
      }
      // term: max months, or to retirement when fewer than N years from statutory retirement age
      let max = d.need<number>('maxPeriods');
      const extYears = d.read<number>('retirementExtensionYears');
      const age = ageOn(ctx, start);
      const retireAge = ctx.sex
        ? d.packParam<number>(ctx.sex === 'male' ? 'retirementAgeMale' : 'retirementAgeFemale')
        : null;
      if (
        max !== undefined &&
        ctx.birthDate &&
        age !== undefined &&
        retireAge !== null &&
        extYears !== null
      ) {
        const retireOn = addYears(ctx.birthDate, retireAge);
        if (start >= retireOn) {
          d.check('below-retirement-age', false, `入职时${age}周岁，已达法定退休年龄${retireAge}岁`);
        } else if (addYears(start, extYears) > retireOn) {
          // fewer than N years to retirement: the term runs to retirement (longer or shorter than max)
          max = fullMonths(start, retireOn);
          d.check(
            'retirement-extension',
            true,
            `距法定退休年龄（${retireAge}岁，${retireOn}）不足${extYears}年，补贴期限至退休，共${max}个月`,
          );
        }
      } else if (max !== undefined && extYears !== null) {
        d.check(
          'retirement-extension',
          true,
          `未能判断距法定退休年龄是否不足${extYears}年（缺少性别、出生日期或退休年龄参数），按最长${max}个月`,
        );
      }
      if (max !== undefined) {
        const used = ctx.s.hire?.publicWelfareMonthsGranted ?? 0;
        const left = Math.max(0, max - used);
        d.params.maxPeriods = max;
        d.maxPeriods = max;
        d.remainingPeriods = left;
        d.check('periods-remaining', left > 0, `本次安置已享受${used}个月，最长${max}个月`);
      }
      const wage = d.packParam<number>('minimumWageMonthlyFen');
      const pct = d.need<number>('minimumWagePercent');
      if (wage === null || pct === undefined) return null;
      return mulDiv(wage, pct, 100);
    },
  };
}

export const RULES: Record<MeasureId, MeasureRule> = {
  'post-subsidy': {
    trigger: onHire,
    evaluate(d, ctx) {
      d.inWindow();
      const gs = d.need<PersonGroup[]>('groups');
      if (gs) groupCheck(d, ctx, gs);
      monthsRemaining(d, ctx.s.hire?.postSubsidyMonthsGranted, '岗位补贴');
      return d.read<number>('amountFen');
    },
  },
  'social-insurance-subsidy': {
    trigger: onHire,
    evaluate(d, ctx) {
      d.inWindow();
      const gs = d.need<PersonGroup[]>('groups');
      if (gs) groupCheck(d, ctx, gs);
      monthsRemaining(d, ctx.s.hire?.socialInsuranceSubsidyMonthsGranted, '社保补贴');
      const num = d.need<number>('shareNumerator');
      const den = d.need<number>('shareDenominator');
      const paid = ctx.s.hire?.employerSocialInsuranceMonthlyFen;
      if (paid === undefined) {
        d.check('employer-contribution', false, '未提供单位实际缴纳的社会保险费（单位缴费部分）');
        return 0;
      }
      if (num === undefined || den === undefined || den === 0) return null;
      const amount = mulDiv(paid, num, den);
      d.check(
        'employer-contribution',
        paid > 0,
        `单位每月实际缴纳${fen(paid)}，补贴其${num}/${den}即${fen(amount)}`,
      );
      return amount;
    },
  },
  'uib-refund': {
    trigger: (ctx) => {
      const e = ctx.s.employer;
      return e &&
        (e.insuredStaff !== undefined ||
          e.uiPremiumsLastYearFen !== undefined ||
          e.laidOffLastYear !== undefined)
        ? ctx.asOf
        : undefined;
    },
    evaluate(d, ctx) {
      const e = ctx.s.employer as NonNullable<Situation['employer']>;
      d.inWindow();
      if (!e.size) d.check('employer-size', false, '未提供企业规模（大型或中小微）');
      const staff = e.insuredStaff;
      const laid = e.laidOffLastYear;
      const bp = d.need<number>('layoffRateMaxBasisPoints');
      if (staff === undefined || staff === 0) d.check('layoff-rate', false, '未提供参保职工人数');
      else if (laid === undefined) d.check('layoff-rate', false, '未提供上年度裁员人数');
      else if (laid === 0) d.check('layoff-rate', true, '上年度未裁员');
      else if (bp !== undefined) {
        const ok = laid * 10000 <= bp * staff;
        const small = staff <= 30 ? `参保职工${staff}人（30人及以下），` : `参保职工${staff}人，`;
        d.check(
          'layoff-rate',
          ok,
          `${small}上年度裁员${laid}人，裁员率${ok ? '不高于' : '高于'}${percentOfBasisPoints(bp)}%`,
        );
      }
      const years = e.uibRefundGrantedYears ?? NO_YEARS;
      const year = yearOf(ctx.asOf);
      d.check(
        'once-per-year',
        !years.includes(year),
        years.includes(year) ? `${year}年已享受稳岗返还` : `${year}年尚未享受稳岗返还`,
      );
      const maxPeriods = d.read<number>('maxPeriods');
      d.maxPeriods = maxPeriods;
      const pct = d.need<number>('refundPercent');
      const paid = e.uiPremiumsLastYearFen;
      if (paid === undefined) {
        d.check('premiums-paid', false, '未提供上年度实际缴纳的失业保险费');
        return 0;
      }
      if (pct === undefined) return null;
      const amount = mulDiv(paid, pct, 100);
      d.check('premiums-paid', paid > 0, `上年度实际缴纳失业保险费${fen(paid)}，按${pct}%返还${fen(amount)}`);
      return amount;
    },
  },
  'startup-once': {
    trigger: onBusiness,
    evaluate(d, ctx) {
      const b = ctx.s.business as NonNullable<Situation['business']>;
      d.inWindow();
      businessBasics(d, ctx);
      d.check(
        'first-business',
        b.firstBusiness === true,
        b.firstBusiness ? '首次创业' : '非首次创业或未说明',
      );
      const gs = d.read<PersonGroup[]>('founderGroups') ?? NO_GROUPS;
      const byGroup = d.sub();
      groupCheck(byGroup, ctx, gs, 'eligible-founder');
      d.anyOf(graduateRoute(d, ctx, b.licensedOn, '领取营业执照'), byGroup);
      const full = d.need<number>('operatingMonths');
      const adv = d.need<number>('advanceOperatingMonths');
      let stage: 'full' | 'advance' | undefined;
      if (full !== undefined && adv !== undefined) {
        if (addMonths(b.licensedOn, full) <= ctx.asOf)
          stage = operating(d, b.licensedOn, ctx.asOf, full) ? 'full' : undefined;
        else if (addMonths(b.licensedOn, adv) <= ctx.asOf) {
          operating(d, b.licensedOn, ctx.asOf, adv);
          stage = 'advance';
          d.advance = true;
        } else operating(d, b.licensedOn, ctx.asOf, adv);
      }
      const employees = b.employees ?? 0;
      d.check('employs-people', employees >= 1, `带动就业${employees}人`);
      const per = d.read<number>('perEmployeeFen');
      const cap = d.read<number>('totalCapFen');
      const pct = d.read<number>('advancePercent');
      if (per === null || cap === null || (stage === 'advance' && pct === null)) return null;
      const whole = Math.min(per * employees, cap);
      const due = stage === 'advance' ? mulDiv(whole, pct as number, 100) : whole;
      const granted = b.startupOnceGrantedFen ?? 0;
      if (granted > 0) {
        d.check(
          'already-granted',
          due > granted,
          `已领取${fen(granted)}，${due > granted ? `尚可领取${fen(due - granted)}` : '已领足'}`,
        );
      }
      d.reasons.push({
        code: 'amount',
        ok: true,
        text: `每带动1人${fen(per)}，总额不超过${fen(cap)}${stage === 'advance' ? `，正常经营未满1年先行发放${pct}%` : ''}（${d.m.clause}）`,
      });
      return Math.max(0, due - granted);
    },
  },
  'startup-rent': {
    trigger: onBusiness,
    evaluate(d, ctx) {
      const b = ctx.s.business as NonNullable<Situation['business']>;
      d.inWindow();
      const grad = graduateRoute(d, ctx, b.licensedOn, '领取营业执照');
      const gm = d.read<number>('graduateOperatingMonths');
      if (gm === null) grad.check('param-not-set', false, '政策包未设定经营月数');
      else operating(grad, b.licensedOn, ctx.asOf, gm);
      const ret = d.sub();
      const rg = d.read<PersonGroup[]>('returningGroups') ?? NO_GROUPS;
      groupCheck(ret, ctx, rg, 'eligible-founder');
      ret.check(
        'first-business',
        b.firstBusiness === true,
        b.firstBusiness ? '首次创业' : '非首次创业或未说明',
      );
      const kinds = d.read<BusinessKind[]>('businessKinds') ?? NO_KINDS;
      ret.check(
        'business-kind',
        b.kind !== undefined && kinds.includes(b.kind),
        b.kind ? `${BUSINESS_NAMES[b.kind]}` : '未提供市场主体类型',
      );
      const rm = d.read<number>('returningOperatingMonths');
      if (rm === null) ret.check('param-not-set', false, '政策包未设定经营月数');
      else operating(ret, b.licensedOn, ctx.asOf, rm);
      d.anyOf(grad, ret);
      const max = d.need<number>('maxPeriods');
      if (max !== undefined) {
        const used = b.startupRentYearsGranted ?? 0;
        d.remainingPeriods = Math.max(0, max - used);
        d.check('periods-remaining', used < max, `已享受场地租赁补贴${used}年，最长${max}年`);
      }
      return d.read<number>('amountFen');
    },
  },
  'startup-loan': {
    trigger: onBusiness,
    evaluate(d, ctx) {
      const b = ctx.s.business as NonNullable<Situation['business']>;
      d.inWindow();
      businessBasics(d, ctx);
      const byGroup = d.sub();
      groupCheck(byGroup, ctx, d.read<PersonGroup[]>('founderGroups') ?? NO_GROUPS, 'eligible-founder');
      d.anyOf(graduateRoute(d, ctx, b.licensedOn, '领取营业执照'), byGroup);
      d.loan = true;
      const amount = d.read<number>('amountFen');
      if (amount !== null)
        d.reasons.push({
          code: 'loan-ceiling',
          ok: true,
          text: `创业担保贷款最高额度${fen(amount)}（贷款，非补贴）（${d.m.clause}）`,
        });
      return amount;
    },
  },
  'skill-upgrade': {
    trigger: (ctx) => ctx.s.certificate?.date,
    evaluate(d, ctx) {
      const c = ctx.s.certificate as NonNullable<Situation['certificate']>;
      d.inWindow();
      const months = d.need<number>('insuranceMonths');
      const p = ctx.s.person;
      const insured = p?.unemploymentInsuranceMonths;
      if (p?.receivingUnemploymentBenefit) d.check('receiving-benefit', true, '领取失业保险金人员');
      else if (months !== undefined) {
        const ok = insured !== undefined && insured >= months;
        d.check(
          `insured-${months}-months`,
          ok,
          insured === undefined
            ? '未提供失业保险参保月数'
            : `参加失业保险${insured}个月，${ok ? '满' : '不满'}${months}个月`,
        );
      }
      const max = d.need<number>('maxPerYear');
      const n = c.subsidisedThisYear ?? 0;
      if (max !== undefined) d.check('times-this-year', n < max, `本年度已享受${n}次，每人每年最多${max}次`);
      return d.read<number>('amountFen');
    },
  },
  'referral-fee': {
    trigger: (ctx) => (ctx.s.hire?.referral ? ctx.s.hire.startDate : undefined),
    evaluate(d, ctx) {
      const r = (ctx.s.hire as NonNullable<Situation['hire']>).referral as NonNullable<
        NonNullable<Situation['hire']>['referral']
      >;
      d.inWindow();
      const kinds = d.need<AgencyKind[]>('agencyKinds');
      if (kinds)
        d.check(
          'agency-kind',
          kinds.includes(r.agencyKind),
          kinds.includes(r.agencyKind) ? '具有合法资质的服务机构' : '机构类型不在补贴范围内',
        );
      const free = r.free === true || r.organisedExport === true;
      d.check(
        'free-service',
        free,
        free ? (r.free ? '开展公益性就业服务' : '开展有组织劳务输出') : '非公益性就业服务或有组织劳务输出',
      );
      const gs = d.need<PersonGroup[]>('groups');
      if (gs) groupCheck(d, ctx, gs);
      if (!ctx.location) d.check('job-location', false, '未提供就业地点');
      else d.check('job-location', true, `${LOCATION_NAMES[ctx.location]}就业`);
      return d.read<number>('amountFen');
    },
  },
  'transport-cross-province': {
    trigger: onHire,
    evaluate(d, ctx) {
      d.inWindow();
      const gs = d.need<PersonGroup[]>('groups');
      if (gs) groupCheck(d, ctx, gs);
      const ok = ctx.location === 'outside';
      d.check('cross-province', ok, ok ? '跨省务工' : '未跨省务工');
      const start = ctx.s.hire?.startDate ?? ctx.asOf;
      d.check('this-year', yearOf(start) === yearOf(ctx.asOf), `${yearOf(start)}年务工`);
      onceCheck(d, ctx);
      return d.read<number>('amountFen');
    },
  },
  'transport-organised': {
    trigger: onHire,
    evaluate(d, ctx) {
      d.inWindow();
      const gs = d.need<PersonGroup[]>('groups');
      if (gs) groupCheck(d, ctx, gs);
      const org = ctx.s.hire?.referral?.organisedExport === true;
      d.check('organised-export', org, org ? '通过有组织劳务输出' : '非有组织劳务输出');
      const ok = ctx.location === 'province';
      d.check('province-outside-county', ok, ok ? '到县外省内就业' : '非县外省内就业');
      onceCheck(d, ctx);
      return d.read<number>('amountFen');
    },
  },
  'hiring-youth-large': hiringYouth(true),
  'hiring-youth-small': hiringYouth(false),
  'graduate-startup': {
    trigger: onBusiness,
    evaluate(d, ctx) {
      const b = ctx.s.business as NonNullable<Situation['business']>;
      d.inWindow();
      const g = ctx.s.person?.graduation;
      const levels = d.need<GraduationLevel[]>('graduateLevels');
      if (!g) d.check('graduation-year', false, '未提供毕业信息');
      else if (levels) {
        const ok = levels.includes(g.level) && yearOf(g.date) === yearOf(b.licensedOn);
        d.check(
          'graduation-year',
          ok,
          `${yearOf(g.date)}年${LEVEL_NAMES[g.level]}毕业，${yearOf(b.licensedOn)}年注册创业，${ok ? '属于' : '不属于'}应届高校毕业生创业`,
        );
      }
      d.check('registered', true, `${b.licensedOn}在市场监管部门注册`);
      d.check('pays-tax', b.paysTax === true, b.paysTax ? '有纳税行为' : '无纳税行为或未说明');
      d.check(
        'pays-social-insurance',
        b.paysSocialInsurance === true,
        b.paysSocialInsurance ? '有社会保险参保缴费行为' : '无社保缴费行为或未说明',
      );
      const min = d.need<number>('minEmployees');
      const n = b.employees ?? 0;
      if (min !== undefined)
        d.check('employs-people', n >= min, `带动就业${n}人，${n >= min ? '' : '不足'}${min}人以上`);
      onceCheck(d, ctx);
      return d.read<number>('amountFen');
    },
  },
  'job-search': {
    trigger: (ctx) => (ctx.s.person?.graduation ? ctx.asOf : undefined),
    evaluate(d, ctx) {
      const g = (ctx.s.person as NonNullable<Situation['person']>).graduation as NonNullable<
        NonNullable<Situation['person']>['graduation']
      >;
      d.inWindow();
      if (d.read<boolean>('fullTimeRequired'))
        d.check('full-time', g.fullTime === true, g.fullTime ? '全日制' : '非全日制或未说明');
      const levels = d.need<GraduationLevel[]>('graduateLevels');
      if (levels) d.check('school-level', levels.includes(g.level), `${LEVEL_NAMES[g.level]}毕业生`);
      const inProvince = g.province === ctx.province;
      d.check(
        'school-in-province',
        inProvince,
        g.province ? `${g.province}${inProvince ? '' : '，非' + ctx.province}院校` : '未提供院校所在省份',
      );
      const gs = d.need<PersonGroup[]>('groups');
      if (gs) groupCheck(d, ctx, gs);
      onceCheck(d, ctx);
      return d.read<number>('amountFen');
    },
  },
  'hiring-long-unemployed': {
    trigger: onHire,
    evaluate(d, ctx) {
      const start = (ctx.s.hire as NonNullable<Situation['hire']>).startDate;
      d.inWindow();
      const months = d.need<number>('registeredMonths');
      const since = ctx.s.person?.registeredUnemployedSince;
      if (months !== undefined) {
        const code = `unemployed-${months}-months`;
        if (!since) d.check(code, false, '未提供失业登记日期');
        else {
          const ok = addMonths(since, months) <= start;
          d.check(code, ok, `${since}登记失业，至入职${start}${ok ? '满' : '不满'}${months}个月`);
        }
      }
      const y = d.need<number>('contractYears');
      if (y !== undefined) contractCheck(d, ctx, y);
      onceCheck(d, ctx);
      return d.read<number>('amountFen');
    },
  },
  'public-welfare-post': publicWelfare(false),
  'public-welfare-post-half': publicWelfare(true),
};
