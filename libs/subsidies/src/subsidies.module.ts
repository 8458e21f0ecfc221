import { Module } from '@nestjs/common';
import { ApplicationsModule, PlacementRecordsModule } from '@app/applications';
import { AuditModule } from '@app/audit';
import { EnterprisesModule } from '@app/enterprises';
import { IdentityDirectoryModule, IdentityModule, IdentityPiiModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { SeekerProfilesModule } from '@app/seekers';
import { ClaimPipeline } from './claim-pipeline.handlers';
import { ClaimQueries } from './claim-queries';
import { ApproveClaim, PayClaims, RejectClaim } from './claim-review';
import { FileClaims } from './file-claims';
import { MeasureNames } from './measure-names';
import { PolicyCalculatorController } from './policy-calculator.controller';
import { POLICY_REGISTRY, policyRegistryProvider } from './policy-registry.provider';
import { RecomputeClaims } from './recompute';
import { ExportRoster } from './roster';
import { PlacementDecisionsController, SubsidyClaimsController } from './subsidy-claims.controller';
import { SubsidyClaimRepository } from './subsidy-claim.repository';
import {
  InsuranceYearsController,
  PublicWelfareAssignmentsController,
  SkillCertificatesController,
  StartupBusinessesController,
} from './subsidy-sources.controller';
import { SubsidySourceRepository } from './subsidy-source.repository';
import { RecordSubsidySources } from './subsidy-sources.service';
import { ImportCertificates } from './certificate-import';
import { SubsidyPlanFigures } from './plan-figures';

/** The policy packs, loaded and validated once (matching's hints and the pipeline read them). */
@Module({
  providers: [policyRegistryProvider, MeasureNames],
  exports: [POLICY_REGISTRY, MeasureNames],
})
export class PolicyPacksModule {}

/** The filing of claims: what the worker runs (no key, no HTTP), and the reconciliation and recompute tools. */
@Module({
  imports: [
    PolicyPacksModule,
    PlacementRecordsModule,
    SeekerProfilesModule,
    EnterprisesModule,
    IdentityDirectoryModule,
    NotificationsModule,
  ],
  providers: [SubsidyClaimRepository, SubsidySourceRepository, FileClaims, ClaimPipeline, RecomputeClaims],
  exports: [SubsidyClaimRepository, SubsidySourceRepository, FileClaims, ClaimPipeline, RecomputeClaims],
})
export class ClaimFilingModule {}

/** What the plan's targets and the monthly report read: records and claim totals, no personal data. */
@Module({
  imports: [PolicyPacksModule],
  providers: [SubsidyClaimRepository, SubsidySourceRepository, SubsidyPlanFigures],
  exports: [SubsidyPlanFigures],
})
export class SubsidyFiguresModule {}

/** The rosters (补贴发放花名册): claims with names and masked ID numbers; needs PII_ENCRYPTION_KEY. */
@Module({
  imports: [PolicyPacksModule, ClaimFilingModule, IdentityDirectoryModule, IdentityPiiModule],
  providers: [ExportRoster],
  exports: [ExportRoster],
})
export class SubsidyRosterModule {}

/**
 * The API side: the public policy calculator and the packs, the claims (list, review, payment,
 * rosters, decisions), the records that trigger money, notifications.
 */
@Module({
  imports: [
    PolicyPacksModule,
    ClaimFilingModule,
    ApplicationsModule,
    AuditModule,
    EnterprisesModule,
    IdentityModule,
    IdentityDirectoryModule,
    SeekerProfilesModule,
    NotificationsModule,
    SubsidyRosterModule,
  ],
  controllers: [
    PolicyCalculatorController,
    SubsidyClaimsController,
    PlacementDecisionsController,
    SkillCertificatesController,
    StartupBusinessesController,
    InsuranceYearsController,
    PublicWelfareAssignmentsController,
  ],
  providers: [ClaimQueries, ApproveClaim, RejectClaim, PayClaims, RecordSubsidySources, ImportCertificates],
  exports: [PolicyPacksModule, ClaimQueries],
})
export class SubsidiesModule {}
