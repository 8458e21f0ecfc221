/** The subsidy engine: pure; policy packs and situations in, decisions with reasons out. */
export { loadPack, validatePack, PackError, formatPath } from './pack';
export type {
  Pack,
  Param,
  ParamException,
  MeasureDef,
  Benefit,
  Region,
  Window,
  LoadPackOptions,
  PlanTarget,
  PlanTargets,
} from './pack';
export { TARGET_METRICS } from './target-specs';
export { targetNumber, targetsOfYear, targetYears } from './plan-targets';
export type { YearTargets } from './plan-targets';
export type { TargetMetric } from './target-specs';
export { PolicyRegistry, PolicyRegistryError } from './registry';
export { evaluateSituation, evaluateMany, evaluateWithPack, isErrorResult } from './evaluate';
export { PackConflictError } from './decision';
export type { Decision, Reason, EvaluationResult, ErrorResult } from './decision';
export { describePack, summarisePack } from './describe-pack';
export type { PackSummary } from './describe-pack';
export { situationSchema, situationJsonSchema } from './situation';
export type { Situation } from './situation';
export { MEASURE_IDS, MEASURE_PARAMS, PACK_PARAMS } from './measure-specs';
export type { MeasureId } from './measure-specs';
export { FACT_DOMAINS, overlaps, matches } from './selector';
export type { Selector, Facts, FactName } from './selector';
export {
  PERSON_GROUPS,
  GRADUATION_LEVELS,
  EMPLOYER_SIZES,
  POST_KINDS,
  AGENCY_KINDS,
  CERTIFICATE_LEVELS,
  BUSINESS_KINDS,
  LOCATION_CLASSES,
  SEXES,
  PERIODS,
  PERSON_GROUP_NAMES,
  EMPLOYER_SIZE_NAMES,
  POST_KIND_NAMES,
  AGENCY_KIND_NAMES,
  CERTIFICATE_LEVEL_NAMES,
  BUSINESS_KIND_NAMES,
  GRADUATION_LEVEL_NAMES,
} from './vocabulary';
export type {
  PersonGroup,
  GraduationLevel,
  EmployerSize,
  PostKind,
  AgencyKind,
  CertificateLevel,
  BusinessKind,
  LocationClass,
  Sex,
  Period,
} from './vocabulary';
export {
  INTERNSHIP_GROUPS,
  INTERNSHIP_GROUP_NAMES,
  OVERSEAS_PROVINCE,
  ageOn,
  internshipEligibility,
} from './internship-eligibility';
export type { InternshipEligibility, InternshipFacts, InternshipGroup } from './internship-eligibility';
export { addMonths } from './calendar';
