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
} from './pack';
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
export * from './vocabulary';
