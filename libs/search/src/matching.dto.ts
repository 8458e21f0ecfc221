import { AVAILABILITIES } from '@app/seekers/vocabulary';
import { EMPLOYMENT_TYPES } from '@app/jobs/vocabulary';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MATCH_LIMIT_DEFAULT = 20;
export const MATCH_LIMIT_MAX = 50;

export class MatchLimitQuery {
  @ApiPropertyOptional({ default: MATCH_LIMIT_DEFAULT, minimum: 1, maximum: MATCH_LIMIT_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MATCH_LIMIT_MAX)
  limit?: number;
}

export class MatchPartsView {
  @ApiProperty({ description: 'of 35' }) occupation: number;
  @ApiProperty({ description: 'of 25' }) skills: number;
  @ApiProperty({ description: 'of 15' }) distance: number;
  @ApiProperty({ description: 'of 15' }) wage: number;
  @ApiProperty({ description: 'of 10' }) education: number;
}

export class MatchedPostView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() employerName: string;
  @ApiProperty({ nullable: true, type: String, description: '稷峰镇; null for a place outside the county' })
  township: string | null;
  @ApiProperty({ description: 'The place as written (劳务输出: 江苏省苏州市…)' }) placeText: string;
  @ApiProperty({ nullable: true, type: Number }) wageMinFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) wageMaxFen: number | null;
  @ApiProperty({ enum: EMPLOYMENT_TYPES }) employmentType: string;
}

export class PostMatchView {
  @ApiProperty({ type: MatchedPostView }) post: MatchedPostView;
  @ApiProperty({ description: '0..100' }) score: number;
  @ApiProperty({ type: [String], example: ['技能匹配：持中级焊工证', '同在稷峰镇', '薪资符合期望'] })
  reasons: string[];
  @ApiProperty({ type: MatchPartsView }) parts: MatchPartsView;
}

export class SeekerMatchesView {
  @ApiProperty({ type: [PostMatchView] }) matches: PostMatchView[];
  @ApiProperty({ description: 'true when the search index was unavailable and the database answered' })
  degraded: boolean;
}

/** What an employer or staff member sees of a consenting seeker: no name, ID number or phone. */
export class CandidateSeekerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) township: string | null;
  @ApiProperty({ nullable: true, type: String }) townshipCode: string | null;
  @ApiProperty({ type: [String] }) desiredOccupations: string[];
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ type: [String], example: ['焊工证 中级'] }) certificates: string[];
  @ApiProperty({ nullable: true, type: String }) education: string | null;
  @ApiProperty({ nullable: true, type: String, example: '25-34' }) ageBand: string | null;
  @ApiProperty({ nullable: true, type: Number }) wageExpectationFen: number | null;
  @ApiProperty({ enum: AVAILABILITIES }) availability: string;
}

export class CandidateMatchView {
  @ApiProperty({ type: CandidateSeekerView }) seeker: CandidateSeekerView;
  @ApiProperty({ description: '0..100' }) score: number;
  @ApiProperty({
    type: [String],
    description: 'Chinese; includes the employer’s likely subsidy for this hire when one is eligible',
    example: ['岗位匹配：意向「焊工」与岗位「电焊工」相符', '同在稷峰镇', '可享岗位补贴每月300元（一(一)）'],
  })
  reasons: string[];
  @ApiProperty({ type: MatchPartsView }) parts: MatchPartsView;
}

export class PostCandidatesView {
  @ApiProperty({ type: [CandidateMatchView] }) candidates: CandidateMatchView[];
  @ApiProperty() degraded: boolean;
}
