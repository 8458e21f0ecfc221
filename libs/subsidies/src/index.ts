/** Subsidies (就业补贴): the public calculator, the claims filed after a hire (免申即享), their review and payment. */
export { POLICY_REGISTRY } from './policy-registry.provider';
export {
  ClaimFilingModule,
  PolicyPacksModule,
  SubsidiesModule,
  SubsidyFiguresModule,
  SubsidyRosterModule,
} from './subsidies.module';
export { SubsidyPlanFigures } from './plan-figures';
export { RecordSubsidySources } from './subsidy-sources.service';
export type { MeasureClaimTotals } from './plan-figures';
export { ClaimPipeline } from './claim-pipeline.handlers';
export type { SubsidyReconcileReport } from './claim-pipeline.handlers';
export { FileClaims } from './file-claims';
export { ExportRoster } from './roster';
export { RecomputeClaims } from './recompute';
export type { RecomputeReport } from './recompute';
export { BENEFICIARY_KIND_NAMES, CLAIM_STATUSES, CLAIM_STATUS_NAMES } from './claim-rules';
export { MEASURES_OF_SOURCE, MONTHLY_MEASURES, lastEndedMonth, monthsInForce } from './claim-rules';
export type { BeneficiaryKind, ClaimStatus, SourceKind } from './claim-rules';
export type { ClaimFilter } from './subsidy-claim.repository';
