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
