import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { MEASURE_IDS } from '@app/subsidy-engine';
import { BENEFICIARY_KINDS, CLAIM_STATUSES } from './claim-rules';

const PERIOD = /^(?:once|\d{4}|\d{4}-(?:0[1-9]|1[0-2]))$/;

/** The contract's filters of the claims list (and the roster). */
export class ClaimListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  placementId?: string;

  @ApiPropertyOptional({ enum: MEASURE_IDS })
  @IsOptional()
  @IsIn(MEASURE_IDS, { message: `measure must be one of ${MEASURE_IDS.join(', ')}` })
  measure?: string;

  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CLAIM_STATUSES, { message: `status must be one of ${CLAIM_STATUSES.join(', ')}` })
  status?: (typeof CLAIM_STATUSES)[number];

  @ApiPropertyOptional({ enum: BENEFICIARY_KINDS })
  @IsOptional()
  @IsIn(BENEFICIARY_KINDS, { message: `beneficiaryKind must be one of ${BENEFICIARY_KINDS.join(', ')}` })
  beneficiaryKind?: (typeof BENEFICIARY_KINDS)[number];

  @ApiPropertyOptional({ example: '2023-10', description: 'once, YYYY or YYYY-MM' })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be once, YYYY or YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ example: 'jifeng' })
  @IsOptional()
  @Matches(/^[a-z]{2,20}$/, { message: 'townshipCode must be a township code' })
  townshipCode?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class ApproveClaimDto {
  @ApiPropertyOptional({
    description: 'fen; at most the claim amountFen (lowering needs a reason)',
    minimum: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000_000_000)
  amountFen?: number;

  @ApiPropertyOptional({ example: '按实际缴费月数核定', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(2, 500)
  reason?: string;
}

export class RejectClaimDto {
  @ApiProperty({ example: '劳动合同未满一年', minLength: 2, maxLength: 500 })
  @IsString()
  @Length(2, 500)
  reason: string;
}

export class PayClaimsDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  claimIds: string[];

  @ApiProperty({
    example: 'JS-2023-11-001',
    description: 'the payment batch reference (e.g. the bank transfer batch)',
  })
  @IsString()
  @Length(1, 100)
  @Matches(/^[\p{L}\p{N}_.:/-]+$/u, { message: 'reference may hold letters, digits, _ . : / -' })
  reference: string;
}

export class ClaimReasonView {
  @ApiProperty({ example: 'unemployed-6-months' }) code: string;
  @ApiProperty() ok: boolean;
  @ApiProperty({ example: '登记失业满6个月（三(十三)）' }) text: string;
}

export class ClaimBeneficiaryView {
  @ApiProperty({ enum: BENEFICIARY_KINDS }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '稷山县华晟机械制造有限公司' }) name: string;
}

export class ClaimSourceView {
  @ApiProperty({ enum: ['placement', 'certificate', 'business', 'insurance-year', 'profile', 'adjustment'] })
  kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class ClaimPolicyView {
  @ApiProperty({ example: 'jishan-2023' }) id: string;
  @ApiProperty() version: string;
}

/** A claim as the contract (subsidy-claims.md) shows it. */
export class SubsidyClaimView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'hiring-long-unemployed' }) measure: string;
  @ApiProperty({ example: '一次性吸纳就业补贴' }) measureName: string;
  @ApiProperty({ example: '三(十三)' }) clause: string;
  @ApiProperty({ type: ClaimBeneficiaryView }) beneficiary: ClaimBeneficiaryView;
  @ApiProperty({ type: ClaimSourceView }) source: ClaimSourceView;
  @ApiProperty({ example: 'once', description: 'once | YYYY | YYYY-MM' }) period: string;
  @ApiProperty({ nullable: true, type: Number, description: 'fen; null when the pack leaves it unset' })
  amountFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) approvedAmountFen: number | null;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: string;
  @ApiProperty({ type: ClaimPolicyView }) policy: ClaimPolicyView;
  @ApiProperty({ type: [ClaimReasonView] }) reasons: ClaimReasonView[];
  @ApiProperty({ nullable: true, type: String }) townshipCode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) adjustsClaimId: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paidAt: string | null;
  @ApiProperty({ nullable: true, type: String }) paymentReference: string | null;
}

export class SubsidyClaimListView {
  @ApiProperty({ type: [SubsidyClaimView] }) items: SubsidyClaimView[];
  @ApiProperty() total: number;
}

export class PaymentBatchView {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty() reference: string;
  @ApiProperty() totalFen: number;
  @ApiProperty({ format: 'date-time' }) paidAt: string;
  @ApiProperty({ type: [SubsidyClaimView] }) claims: SubsidyClaimView[];
}

export class DecisionView {
  @ApiProperty({ example: 'hiring-long-unemployed' }) measure: string;
  @ApiProperty({ example: '一次性吸纳就业补贴' }) name: string;
  @ApiProperty({ example: '三(十三)' }) clause: string;
  @ApiProperty({ example: 'event', description: 'event (when recorded), YYYY-MM (a month), or a due date' })
  period: string;
  @ApiProperty({ example: '2023-09-01' }) asOf: string;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ nullable: true, type: Number }) amountFen: number | null;
  @ApiProperty({ enum: ['once', 'month', 'year'] }) per: string;
  @ApiProperty({ example: 'employer' }) beneficiary: string;
  @ApiProperty({ type: [ClaimReasonView] }) reasons: ClaimReasonView[];
  @ApiProperty({ type: ClaimPolicyView }) policy: ClaimPolicyView;
}

export class PlacementDecisionsView {
  @ApiProperty({ format: 'uuid' }) placementId: string;
  @ApiProperty({ type: [DecisionView] }) decisions: DecisionView[];
}
