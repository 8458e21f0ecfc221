import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '@app/platform';
import { ScreeningFlagView } from '@app/screening';
import { EDUCATION_LEVELS } from '@app/seekers/vocabulary';
import { JOB_POST_STATUSES, JobPostStatus } from './job-post.entity';
import { EMPLOYMENT_TYPES } from './vocabulary';

const TOWNSHIP = /^[a-z]{2,20}$/;
const PHONE = /^(?:1[3-9]\d{9}|0[1-9]\d{1,2}-?[2-9]\d{6,7})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WAGE_MAX_FEN = 100_000_000;

/** The editable fields of a post; on create, title, headcount and a place are required (checked in the service). */
export class JobPostFields {
  @ApiPropertyOptional({ example: '电焊工' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  title?: string;

  @ApiPropertyOptional({ example: '焊工', description: '工种' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  occupation?: string;

  @ApiPropertyOptional({ example: 5, minimum: 1, maximum: 100000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  headcount?: number;

  @ApiPropertyOptional({ example: 'jifeng', description: 'a county township; or give outsidePlace' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;

  @ApiPropertyOptional({
    example: '江苏省苏州市昆山市',
    description: 'a place outside the county (劳务输出)',
  })
  @IsOptional()
  @IsString()
  @Length(2, 60)
  outsidePlace?: string;

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES, default: 'full-time' })
  @IsOptional()
  @IsIn(EMPLOYMENT_TYPES)
  employmentType?: (typeof EMPLOYMENT_TYPES)[number];

  @ApiPropertyOptional({ example: 350000, description: 'monthly, integer fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(WAGE_MAX_FEN)
  wageMinFen?: number;

  @ApiPropertyOptional({ example: 500000, description: 'monthly, integer fen, ≥ wageMinFen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(WAGE_MAX_FEN)
  wageMaxFen?: number;

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS })
  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  education?: (typeof EDUCATION_LEVELS)[number];

  @ApiPropertyOptional({ minimum: 16, maximum: 70 })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(70)
  ageMin?: number;

  @ApiPropertyOptional({ minimum: 16, maximum: 70 })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(70)
  ageMax?: number;

  @ApiPropertyOptional({ type: [String], example: ['电焊', '气割'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: [String], example: ['五险一金', '包吃住'], description: '福利待遇' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  benefits?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ description: '任职要求' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  requirements?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  contactName?: string;

  @ApiPropertyOptional({ example: '0359-5521234' })
  @IsOptional()
  @Matches(PHONE, { message: 'contactPhone must be a mainland mobile or landline number' })
  contactPhone?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '截止日期, not in the past' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'deadline must be YYYY-MM-DD' })
  deadline?: string;
}

export class CreateJobPostDto extends JobPostFields {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the enterprise; employers may omit it (their own), staff must give it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'employerId must be a UUID' })
  employerId?: string;
}

export class UpdateJobPostDto extends JobPostFields {}

export class RejectJobPostDto {
  @ApiProperty({ example: '薪资信息不完整', minLength: 2, maxLength: 500 })
  @IsString()
  @Length(2, 500, { message: 'reason must be 2-500 characters' })
  reason: string;
}

export class ListJobPostsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: JOB_POST_STATUSES })
  @IsOptional()
  @IsIn(JOB_POST_STATUSES)
  status?: JobPostStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  employerId?: string;

  @ApiPropertyOptional({ example: 'jifeng' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;

  @ApiPropertyOptional({ description: 'title contains' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ description: 'staff: only posts of enterprises I am commissioner of' })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'only posts the listing screen flagged (筛查提示)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  flagged?: 'true' | 'false';
}

export class JobPostView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty() employerName: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) occupation: string | null;
  @ApiProperty() headcount: number;
  @ApiProperty({ nullable: true, type: String }) townshipCode: string | null;
  @ApiProperty({ nullable: true, type: String }) outsideProvince: string | null;
  @ApiProperty({ nullable: true, type: String }) outsideCity: string | null;
  @ApiProperty({ nullable: true, type: String }) outsideCounty: string | null;
  @ApiProperty() placeText: string;
  @ApiProperty({ enum: EMPLOYMENT_TYPES }) employmentType: string;
  @ApiProperty() isInternship: boolean;
  @ApiProperty({ nullable: true, type: Number }) wageMinFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) wageMaxFen: number | null;
  @ApiProperty({ nullable: true, enum: EDUCATION_LEVELS }) education: string | null;
  @ApiProperty({ nullable: true, type: Number }) ageMin: number | null;
  @ApiProperty({ nullable: true, type: Number }) ageMax: number | null;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ type: [String] }) benefits: string[];
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) requirements: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'masked for the public' }) contactPhone:
    string | null;
  @ApiProperty({ nullable: true, type: String }) deadline: string | null;
  @ApiProperty({ enum: JOB_POST_STATUSES }) status: JobPostStatus;
  @ApiProperty({ nullable: true, type: String }) rejectReason: string | null;
  @ApiProperty({
    type: [ScreeningFlagView],
    description:
      'why the listing screen asks the reviewer to look closely; to the employer and staff only (empty otherwise)',
  })
  screeningFlags: ScreeningFlagView[];
  @ApiProperty({ nullable: true, type: String }) reviewedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ enum: ['manual', 'import'] }) source: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class JobPostListView {
  @ApiProperty({ type: [JobPostView] }) items: JobPostView[];
  @ApiProperty() total: number;
}
