/**
 * The situation (contract: subsidy-evaluate.md), validated strictly with zod: unknown fields,
 * impossible dates, negative amounts and unknown enum values are rejected with their path.
 * History fields (what has already been granted) are optional extensions documented in README.md.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar';
import {
  AGENCY_KINDS,
  BUSINESS_KINDS,
  CERTIFICATE_LEVELS,
  EMPLOYER_SIZES,
  GRADUATION_LEVELS,
  PERSON_GROUPS,
  POST_KINDS,
  SEXES,
} from './vocabulary';

/** Largest money amount accepted (10^13 fen = 100 billion CNY) so that fen × percent stays a safe integer. */
export const MAX_FEN = 10_000_000_000_000;

const isoDate = z.string().refine(isIsoDate, {
  message: 'not a real calendar date YYYY-MM-DD (不是有效日期)',
  params: { code: 'invalid-date' },
});
const fen = z.number().int().min(0).max(MAX_FEN);
const count = z.number().int().min(0).max(1_000_000);

const region = z.strictObject({
  province: z.string().min(1),
  city: z.string().min(1).optional(),
  county: z.string().min(1).optional(),
});

export const situationSchema = z.strictObject({
  asOf: isoDate.optional(),
  /** Whose policy applies (default: the registry's home region). */
  region: region.optional(),
  person: z
    .strictObject({
      idNumber: z.string().optional(),
      birthDate: isoDate.optional(),
      sex: z.enum(SEXES).optional(),
      groups: z.array(z.enum(PERSON_GROUPS)).optional(),
      graduation: z
        .strictObject({
          date: isoDate,
          level: z.enum(GRADUATION_LEVELS),
          province: z.string().min(1).optional(),
          fullTime: z.boolean().optional(),
        })
        .optional(),
      registeredUnemployedSince: isoDate.optional(),
      unemploymentInsuranceMonths: count.optional(),
      receivingUnemploymentBenefit: z.boolean().optional(),
      // history (README.md): previous public-welfare placements, not counting this one
      publicWelfarePlacements: count.optional(),
      // history: one-time measures (ids) the person has already received, e.g. "job-search"
      oneTimeSubsidiesGranted: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  employer: z
    .strictObject({
      size: z.enum(EMPLOYER_SIZES).optional(),
      insuredStaff: count.optional(),
      laidOffLastYear: count.optional(),
      uiPremiumsLastYearFen: fen.optional(),
      // history: calendar years in which the job-retention refund was already granted
      uibRefundGrantedYears: z.array(z.number().int().min(1900).max(9999)).optional(),
    })
    .optional(),
  hire: z
    .strictObject({
      startDate: isoDate,
      contractEndDate: isoDate.optional(),
      jobLocation: region.optional(),
      postKind: z.enum(POST_KINDS).optional(),
      employerSocialInsuranceMonthlyFen: fen.optional(),
      referral: z
        .strictObject({
          agencyKind: z.enum(AGENCY_KINDS),
          free: z.boolean().optional(),
          organisedExport: z.boolean().optional(),
        })
        .optional(),
      /** 原属国有企业大龄就业困难人员 (三(十三)) */
      formerStateEnterpriseOlderWorker: z.boolean().optional(),
      // history: months already granted for this employment
      postSubsidyMonthsGranted: count.optional(),
      socialInsuranceSubsidyMonthsGranted: count.optional(),
      publicWelfareMonthsGranted: count.optional(),
    })
    .optional(),
  certificate: z
    .strictObject({
      level: z.enum(CERTIFICATE_LEVELS),
      date: isoDate,
      subsidisedThisYear: count.optional(),
    })
    .optional(),
  business: z
    .strictObject({
      licensedOn: isoDate,
      kind: z.enum(BUSINESS_KINDS).optional(),
      firstBusiness: z.boolean().optional(),
      employees: count.optional(),
      paysTax: z.boolean().optional(),
      paysSocialInsurance: z.boolean().optional(),
      // history
      startupOnceGrantedFen: fen.optional(),
      startupRentYearsGranted: count.optional(),
    })
    .optional(),
});

export type Situation = z.infer<typeof situationSchema>;

/** A plain JSON-Schema description of the situation (for the HTTP route's documentation). */
export function situationJsonSchema(): unknown {
  return z.toJSONSchema(situationSchema, { unrepresentable: 'any' });
}

/*
 * Fast path of the validation. `isPlainValidSituation` re-states the schema above as plain checks
 * and answers true only for input that the schema certainly accepts unchanged: plain objects and
 * arrays, only known keys, no `undefined` values, exact types, ranges and dates. Anything else
 * (including every invalid situation) answers false, and the caller validates with zod, which
 * stays the authority for error paths and messages. The spec (situation-fast-path.spec.ts) checks
 * that this never accepts what the schema rejects. When the schema changes, change this too; a
 * field missing here only costs speed (zod then validates), never correctness.
 */
type Check = (v: unknown) => boolean;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const str: Check = (v) => typeof v === 'string';
const nonEmpty: Check = (v) => typeof v === 'string' && v.length > 0;
const bool: Check = (v) => typeof v === 'boolean';
const intIn =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const fenCheck = intIn(0, MAX_FEN);
const countCheck = intIn(0, 1_000_000);
const oneOf = (values: readonly string[]): Check => {
  const set = new Set<unknown>(values);
  return (v) => typeof v === 'string' && set.has(v);
};
const arrayOf =
  (item: Check): Check =>
  (v) => {
    if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return false;
    for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
    return true;
  };
/** A strict object: every own key known and valid, every required key present. */
const objectOf = (fields: Record<string, Check>, required: readonly string[] = []): Check => {
  const known = new Map(Object.entries(fields));
  return (v) => {
    if (!isPlainObject(v)) return false;
    for (const k in v) {
      const check = known.get(k);
      if (check === undefined || !check(v[k])) return false;
    }
    for (const k of required) if (!(k in v)) return false;
    return true;
  };
};

const regionCheck = objectOf({ province: nonEmpty, city: nonEmpty, county: nonEmpty }, ['province']);
const fastSituation = objectOf({
  asOf: isIsoDate,
  region: regionCheck,
  person: objectOf({
    idNumber: str,
    birthDate: isIsoDate,
    sex: oneOf(SEXES),
    groups: arrayOf(oneOf(PERSON_GROUPS)),
    graduation: objectOf(
      { date: isIsoDate, level: oneOf(GRADUATION_LEVELS), province: nonEmpty, fullTime: bool },
      ['date', 'level'],
    ),
    registeredUnemployedSince: isIsoDate,
    unemploymentInsuranceMonths: countCheck,
    receivingUnemploymentBenefit: bool,
    publicWelfarePlacements: countCheck,
    oneTimeSubsidiesGranted: arrayOf(nonEmpty),
  }),
  employer: objectOf({
    size: oneOf(EMPLOYER_SIZES),
    insuredStaff: countCheck,
    laidOffLastYear: countCheck,
    uiPremiumsLastYearFen: fenCheck,
    uibRefundGrantedYears: arrayOf(intIn(1900, 9999)),
  }),
  hire: objectOf(
    {
      startDate: isIsoDate,
      contractEndDate: isIsoDate,
      jobLocation: regionCheck,
      postKind: oneOf(POST_KINDS),
      employerSocialInsuranceMonthlyFen: fenCheck,
      referral: objectOf({ agencyKind: oneOf(AGENCY_KINDS), free: bool, organisedExport: bool }, [
        'agencyKind',
      ]),
      formerStateEnterpriseOlderWorker: bool,
      postSubsidyMonthsGranted: countCheck,
      socialInsuranceSubsidyMonthsGranted: countCheck,
      publicWelfareMonthsGranted: countCheck,
    },
    ['startDate'],
  ),
  certificate: objectOf(
    { level: oneOf(CERTIFICATE_LEVELS), date: isIsoDate, subsidisedThisYear: countCheck },
    ['level', 'date'],
  ),
  business: objectOf(
    {
      licensedOn: isIsoDate,
      kind: oneOf(BUSINESS_KINDS),
      firstBusiness: bool,
      employees: countCheck,
      paysTax: bool,
      paysSocialInsurance: bool,
      startupOnceGrantedFen: fenCheck,
      startupRentYearsGranted: countCheck,
    },
    ['licensedOn'],
  ),
});

/**
 * True only when `input` certainly passes `situationSchema` as it is (see above); then it may be
 * used as the parsed situation without zod's copy. False means: validate with zod.
 */
export function isPlainValidSituation(input: unknown): input is Situation {
  return fastSituation(input);
}
