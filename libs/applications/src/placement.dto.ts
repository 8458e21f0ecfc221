import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { WidePageQuery } from '@app/platform';
import { IsCalendarDate } from '@app/platform';
import { MAX_MONTHLY_FEN } from './application.dto';
import { POST_KINDS, type AgencyKind, type PostKind } from '@app/subsidy-engine';
import type { HireSituation } from './placement.rules';

const TOWNSHIP = /^[a-z]{2,20}$/;

/** How many placements one batch may record (one transaction; a fair's hires fit many times over). */
export const MAX_PLACEMENTS_PER_BATCH = 500;

/**
 * A placement recorded by staff (fairs, agencies, walk-ins). The place of work comes from the post
 * when `jobPostId` is given; otherwise give `townshipCode` (in the county) or `outsideProvince`
 * (+ city, county) for work elsewhere (劳务输出).
 */
export class RecordPlacementDto {
  @ApiProperty({ format: 'uuid', description: 'the enterprise (用人单位)' })
  @IsUUID('all')
  employerOrganisationId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  seekerUserId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "a post of that enterprise; its place is the job's place",
  })
  @IsOptional()
  @IsUUID('all')
  jobPostId?: string;

  @ApiProperty({ example: '2025-09-01' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ example: '2027-08-31', description: 'omit for an open-ended contract (无固定期限)' })
  @IsOptional()
  @IsCalendarDate()
  contractEndDate?: string;

  @ApiPropertyOptional({ example: 'jifeng', description: 'work in the county: its township' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;

  @ApiPropertyOptional({ example: '江苏省', description: 'work outside the county: province' })
  @IsOptional()
  @IsString()
  @Length(2, 50)
  outsideProvince?: string;

  @ApiPropertyOptional({ example: '苏州市' })
  @IsOptional()
  @IsString()
  @Length(2, 50)
  outsideCity?: string;

  @ApiPropertyOptional({ example: '昆山市' })
  @IsOptional()
  @IsString()
  @Length(2, 50)
  outsideCounty?: string;

  @ApiPropertyOptional({ enum: POST_KINDS, default: 'regular' })
  @IsOptional()
  @IsIn(POST_KINDS)
  postKind?: PostKind;

  @ApiPropertyOptional({ example: 90000, description: 'integer fen per month' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONTHLY_FEN)
  employerSocialInsuranceMonthlyFen?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the HR service organisation that referred the seeker',
  })
  @IsOptional()
  @IsUUID('all')
  referringAgencyId?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'the referral was free of charge (needs referringAgencyId)',
  })
  @IsOptional()
  @IsBoolean()
  referralFree?: boolean;

  @ApiPropertyOptional({ example: 'trip-2025-03-kunshan', description: '组织劳务输出: the trip, when any' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  organisedExportTripId?: string;
}

/** A batch of placements staff record at once (a fair's or an agency's 录用名单): all, or none. */
export class RecordPlacementsDto {
  @ApiProperty({ type: [RecordPlacementDto], minItems: 1, maxItems: MAX_PLACEMENTS_PER_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PLACEMENTS_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => RecordPlacementDto)
  placements: RecordPlacementDto[];
}

export class RecordedPlacementsView {
  @ApiProperty({ type: [String], description: 'the new placements, in the order given' })
  ids: string[];
}

export class EndPlacementDto {
  @ApiProperty({ example: '2026-02-28', description: 'the last day of work' })
  @IsCalendarDate()
  endedOn: string;

  @ApiProperty({ example: '合同期满' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class ListPlacementsQuery extends WidePageQuery {}

export class PlacementLocationView {
  @ApiProperty({ example: '山西省' }) province: string;
  @ApiProperty({ example: '运城市', nullable: true, type: String }) city: string | null;
  @ApiProperty({ example: '稷山县', nullable: true, type: String }) county: string | null;
  @ApiProperty({ example: 'jifeng', nullable: true, type: String }) townshipCode: string | null;
}

export class PlacementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) applicationId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) jobPostId: string | null;
  @ApiProperty({ format: 'uuid' }) employerOrganisationId: string;
  @ApiProperty() employerName: string;
  @ApiProperty({ format: 'uuid' }) seekerUserId: string;
  @ApiProperty() seekerDisplayName: string;
  @ApiProperty({ example: '2025-09-01' }) startDate: string;
  @ApiProperty({ nullable: true, type: String }) contractEndDate: string | null;
  @ApiProperty({ type: PlacementLocationView }) jobLocation: PlacementLocationView;
  @ApiProperty({ enum: POST_KINDS }) postKind: PostKind;
  @ApiProperty({ nullable: true, type: Number }) employerSocialInsuranceMonthlyFen: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) referringAgencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) referringAgencyKind: AgencyKind | null;
  @ApiProperty() referralFree: boolean;
  @ApiProperty({ nullable: true, type: String }) organisedExportTripId: string | null;
  @ApiProperty({ enum: ['application', 'staff'] }) source: 'application' | 'staff';
  @ApiProperty({ nullable: true, type: String }) endedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) endReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the `hire` section of a subsidy situation (contracts/subsidy-evaluate.md)',
  })
  hire: HireSituation;
}

export class PlacementListView {
  @ApiProperty({ type: [PlacementView] }) items: PlacementView[];
  @ApiProperty() total: number;
}
