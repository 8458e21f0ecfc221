import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the documents say the calculator and the policy pages answer (the engine's own shapes). */
export class EngineReasonView {
  @ApiProperty({ example: 'contract-1-year' }) code: string;
  @ApiProperty() ok: boolean;
  @ApiProperty({ example: '劳动合同期限10个月，不满1年（二(八)）' }) text: string;
}

export class EngineDecisionView {
  @ApiProperty({ example: 'hiring-youth-large' }) measure: string;
  @ApiProperty({ example: '一次性吸纳就业补贴' }) name: string;
  @ApiProperty({ example: '二(八)' }) clause: string;
  @ApiProperty({ example: 'employer' }) beneficiary: string;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'integer fen' }) amountFen: number | null;
  @ApiProperty({ enum: ['once', 'month', 'year'] }) per: 'once' | 'month' | 'year';
  @ApiProperty({ nullable: true, type: Number }) maxPeriods: number | null;
  @ApiProperty({ description: 'only an advance share is payable now' }) advance: boolean;
  @ApiProperty({ type: [EngineReasonView] }) reasons: EngineReasonView[];
  @ApiProperty({ format: 'date' }) eventDate: string;
  @ApiPropertyOptional() remainingPeriods?: number;
  @ApiPropertyOptional({ format: 'date' }) payableFrom?: string;
  @ApiPropertyOptional({ description: 'a loan ceiling rather than a grant' }) loan?: boolean;
}

export class EvaluationResultView {
  @ApiProperty({ example: 'jishan-2023' }) policy: string;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ format: 'date' }) eventDate: string;
  @ApiProperty({ type: [EngineDecisionView] }) decisions: EngineDecisionView[];
}

export class PolicyRegionView {
  @ApiProperty({ example: '山西省' }) province: string;
  @ApiPropertyOptional({ example: '运城市' }) city?: string;
  @ApiPropertyOptional({ example: '稷山县' }) county?: string;
}

export class PolicyWindowView {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
}

export class PolicySummaryView {
  @ApiProperty({ example: 'jishan-2023' }) id: string;
  @ApiProperty() version: string;
  @ApiProperty({ example: '稷山县2023年就业创业工作实施方案' }) title: string;
  @ApiProperty() document: string;
  @ApiProperty({ type: PolicyRegionView }) region: PolicyRegionView;
  @ApiProperty({ type: PolicyWindowView }) window: PolicyWindowView;
}

export class PolicyParamView {
  @ApiProperty({ description: 'a number (fen, months, a share) or null when the pack leaves it unset' })
  value: unknown;
  @ApiProperty() clause: string;
  @ApiProperty() set: boolean;
  @ApiPropertyOptional() note?: string;
}

export class PolicyMeasureView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '一次性吸纳就业补贴' }) name: string;
  @ApiProperty({ example: '二(八)' }) clause: string;
  @ApiProperty() beneficiary: string;
  @ApiProperty({ enum: ['once', 'month', 'year'] }) per: string;
  @ApiProperty({ type: PolicyWindowView }) window: PolicyWindowView;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/PolicyParamView' } })
  params: Record<string, PolicyParamView>;
}

export class PolicyDetailView extends PolicySummaryView {
  @ApiProperty({ format: 'date' }) issuedOn: string;
  @ApiProperty({ type: [PolicyMeasureView] }) measures: PolicyMeasureView[];
}
