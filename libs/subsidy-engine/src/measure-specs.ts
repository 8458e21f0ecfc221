/**
 * What each measure's rule reads from its pack: the parameter names and the kind of each value.
 * The pack loader checks every measure of a pack against this table, so a misspelt or mistyped
 * parameter refuses to load instead of silently reading `undefined`.
 */
import { z } from 'zod';
import { AGENCY_KINDS, BUSINESS_KINDS, EMPLOYER_SIZES, GRADUATION_LEVELS, PERSON_GROUPS } from './vocabulary';

const MAX_FEN = 10_000_000_000_000;

export const VALUE_KINDS = {
  fen: z.number().int().min(0).max(MAX_FEN),
  count: z.number().int().min(0).max(1_000_000),
  percent: z.number().int().min(0).max(100),
  basisPoints: z.number().int().min(0).max(10_000),
  bool: z.boolean(),
  groups: z.array(z.enum(PERSON_GROUPS)),
  sizes: z.array(z.enum(EMPLOYER_SIZES)).min(1),
  levels: z.array(z.enum(GRADUATION_LEVELS)).min(1),
  agencyKinds: z.array(z.enum(AGENCY_KINDS)).min(1),
  businessKinds: z.array(z.enum(BUSINESS_KINDS)).min(1),
} as const;
export type ValueKind = keyof typeof VALUE_KINDS;

const youth = {
  employerSizes: 'sizes',
  graduateLevels: 'levels',
  graduateYearsAfterSchool: 'count',
  youthAgeMin: 'count',
  youthAgeMax: 'count',
  amountFen: 'fen',
} as const;

/** Parameter kinds by measure id. `amountFen` set to null in a pack means "amount not set". */
export const MEASURE_PARAMS = {
  'post-subsidy': { groups: 'groups', amountFen: 'fen', maxPeriods: 'count' },
  'social-insurance-subsidy': {
    groups: 'groups',
    shareNumerator: 'count',
    shareDenominator: 'count',
    maxPeriods: 'count',
  },
  'uib-refund': { layoffRateMaxBasisPoints: 'basisPoints', refundPercent: 'percent', maxPeriods: 'count' },
  'startup-once': {
    businessKinds: 'businessKinds',
    founderGroups: 'groups',
    graduateLevels: 'levels',
    graduateYearsAfterSchool: 'count',
    operatingMonths: 'count',
    advanceOperatingMonths: 'count',
    advancePercent: 'percent',
    perEmployeeFen: 'fen',
    totalCapFen: 'fen',
  },
  'startup-rent': {
    businessKinds: 'businessKinds',
    graduateLevels: 'levels',
    graduateYearsAfterSchool: 'count',
    graduateOperatingMonths: 'count',
    returningGroups: 'groups',
    returningOperatingMonths: 'count',
    amountFen: 'fen',
    maxPeriods: 'count',
  },
  'startup-loan': {
    businessKinds: 'businessKinds',
    founderGroups: 'groups',
    graduateLevels: 'levels',
    graduateYearsAfterSchool: 'count',
    amountFen: 'fen',
  },
  'skill-upgrade': { insuranceMonths: 'count', amountFen: 'fen', maxPerYear: 'count' },
  'referral-fee': { agencyKinds: 'agencyKinds', groups: 'groups', amountFen: 'fen' },
  'transport-cross-province': { groups: 'groups', amountFen: 'fen' },
  'transport-organised': { groups: 'groups', amountFen: 'fen' },
  'hiring-youth-large': { ...youth, contractYears: 'count' },
  'hiring-youth-small': { ...youth, stableMonths: 'count' },
  'graduate-startup': { graduateLevels: 'levels', minEmployees: 'count', amountFen: 'fen' },
  'job-search': { graduateLevels: 'levels', groups: 'groups', fullTimeRequired: 'bool', amountFen: 'fen' },
  'hiring-long-unemployed': { registeredMonths: 'count', contractYears: 'count', amountFen: 'fen' },
  'public-welfare-post': {
    groups: 'groups',
    minimumWagePercent: 'percent',
    maxPeriods: 'count',
    retirementExtensionYears: 'count',
    maxPlacements: 'count',
  },
  'public-welfare-post-half': {
    groups: 'groups',
    minimumWagePercent: 'percent',
    contractYears: 'count',
    maxPeriods: 'count',
    retirementExtensionYears: 'count',
    maxPlacements: 'count',
  },
} as const satisfies Record<string, Record<string, ValueKind>>;

export type MeasureId = keyof typeof MEASURE_PARAMS;
export const MEASURE_IDS = Object.keys(MEASURE_PARAMS) as MeasureId[];

/** Pack-wide parameters (values the document leaves to others). */
export const PACK_PARAMS = {
  minimumWageMonthlyFen: 'fen', // 当地最低工资标准 (月)
  retirementAgeMale: 'count', // 法定退休年龄
  retirementAgeFemale: 'count',
} as const satisfies Record<string, ValueKind>;
export type PackParamName = keyof typeof PACK_PARAMS;
