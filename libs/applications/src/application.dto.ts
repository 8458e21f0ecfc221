import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsResidentIdNumber } from '@app/identity';
import { IsCalendarDate, WidePageQuery } from '@app/platform';
import { APPLICATION_STATUSES, ApplicationStatus } from './application.rules';
import { POST_KINDS, type PostKind } from '@app/subsidy-engine';

/** The largest monthly amount of employer social insurance accepted (100,000 CNY). */
export const MAX_MONTHLY_FEN = 10_000_000;

export class ApplyDto {
  @ApiPropertyOptional({ example: '有三年电焊经验，持中级焊工证', description: '求职留言' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  coverNote?: string;
}

export class ListApplicationsQuery extends WidePageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

/**
 * A step taken by the employer (or staff for it). With `to = hired` the hire facts are required
 * (startDate, contractEndDate) or optional (postKind, employerSocialInsuranceMonthlyFen); with any
 * other `to` they are refused.
 */
export class TransitionDto {
  @ApiProperty({ enum: APPLICATION_STATUSES, example: 'screening' })
  @IsIn(APPLICATION_STATUSES)
  to: ApplicationStatus;

  @ApiPropertyOptional({ example: '已电话通知面试时间', description: 'visible to the seeker' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;

  @ApiPropertyOptional({ example: '2025-09-01', description: 'to = hired: the first day of work' })
  @IsOptional()
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({ example: '2027-08-31', description: 'to = hired: the last day of the contract' })
  @IsOptional()
  @IsCalendarDate()
  contractEndDate?: string;

  @ApiPropertyOptional({ enum: POST_KINDS, default: 'regular' })
  @IsOptional()
  @IsIn(POST_KINDS)
  postKind?: PostKind;

  @ApiPropertyOptional({ example: 90000, description: "employer's social insurance per month, integer fen" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONTHLY_FEN)
  employerSocialInsuranceMonthlyFen?: number;
}

export class WithdrawDto {
  @ApiPropertyOptional({ example: '已在别处就业' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

/** The seeker is named by their platform id or by the ID number on the card at the agency's desk. */
export class AgencyReferralDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'a registered seeker who consented to be found (this or seekerIdNumber)',
  })
  @ValidateIf((o: AgencyReferralDto) => o.seekerUserId !== undefined || o.seekerIdNumber === undefined)
  @IsUUID('all', { message: 'seekerUserId must be a UUID (or give seekerIdNumber)' })
  seekerUserId?: string;

  @ApiPropertyOptional({
    example: '140824199001010013',
    description: "the seeker's resident ID number instead of seekerUserId; looked up by its blind index",
  })
  @IsOptional()
  @IsResidentIdNumber()
  seekerIdNumber?: string;

  @ApiProperty({ format: 'uuid', description: 'a published post' })
  @IsUUID('all')
  jobPostId: string;

  @ApiProperty({ description: 'whether the referral is free of charge to the seeker (免费职业介绍)' })
  @IsBoolean()
  free: boolean;

  @ApiPropertyOptional({ example: '本人有叉车证' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class ApplicationEventView {
  @ApiProperty({ enum: APPLICATION_STATUSES, nullable: true, type: String })
  fromStatus: ApplicationStatus | null;
  @ApiProperty({ enum: APPLICATION_STATUSES }) toStatus: ApplicationStatus;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) jobPostId: string;
  @ApiProperty() jobPostTitle: string;
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty() employerName: string;
  @ApiProperty({ format: 'uuid' }) seekerUserId: string;
  @ApiProperty() seekerDisplayName: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) referredByAgencyId: string | null;
  @ApiProperty() referralFree: boolean;
  @ApiProperty({ nullable: true, type: String }) coverNote: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) placementId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) statusChangedAt: string;
  @ApiProperty({ type: [ApplicationEventView], description: 'every step, oldest first' })
  events: ApplicationEventView[];
}

export class ApplicationListView {
  @ApiProperty({ type: [ApplicationView] }) items: ApplicationView[];
  @ApiProperty() total: number;
}

export class AgencyReferralView {
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty({ type: ApplicationView }) application: ApplicationView;
}
