import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, PageQuery } from '@app/platform';
import { IsMobileNumber, IsResidentIdNumber, LOGIN_PATTERN, TOWNSHIP_PATTERN } from '@app/identity';
import {
  CERTIFICATE_LEVELS,
  GRADUATION_LEVELS,
  PERSON_GROUPS,
  type CertificateLevel,
  type GraduationLevel,
  type PersonGroup,
} from '@app/subsidy-engine';
import { AVAILABILITIES, EDUCATION_LEVELS, type EducationLevel, type SeekerAvailability } from './vocabulary';

export class CertificateDto {
  @ApiProperty({ example: '焊工证', description: '证书名称' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ enum: CERTIFICATE_LEVELS, nullable: true, description: '初级/中级/高级' })
  @IsOptional()
  @IsIn(CERTIFICATE_LEVELS, { message: `level must be one of ${CERTIFICATE_LEVELS.join(', ')}` })
  level?: CertificateLevel | null;

  @ApiPropertyOptional({ example: '2021-06-30', nullable: true, type: String, description: 'issue date' })
  @IsOptional()
  @IsCalendarDate()
  date?: string | null;
}

export class GraduationDto {
  @ApiProperty({ example: '2025-07-01', description: '毕业时间' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ enum: GRADUATION_LEVELS, description: '高校 or 中职' })
  @IsIn(GRADUATION_LEVELS, { message: `level must be one of ${GRADUATION_LEVELS.join(', ')}` })
  level: GraduationLevel;

  @ApiProperty({ example: '山西', description: 'province of the school (院校所在省份)' })
  @IsString()
  @Length(1, 20)
  province: string;

  @ApiProperty({ description: '全日制' })
  @IsBoolean()
  fullTime: boolean;
}

/** Every profile field (求职登记). A PUT replaces the whole profile: an omitted field becomes empty. */
export class SeekerProfileFields {
  @ApiPropertyOptional({ type: [String], example: ['焊工', '电工'], description: '求职意向 (工种)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  desiredOccupations?: string[];

  @ApiPropertyOptional({ type: [String], example: ['氩弧焊'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: [CertificateDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CertificateDto)
  certificates?: CertificateDto[];

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, nullable: true, description: '文化程度' })
  @IsOptional()
  @IsIn(EDUCATION_LEVELS, { message: `education must be one of ${EDUCATION_LEVELS.join(', ')}` })
  education?: EducationLevel | null;

  @ApiProperty({ example: 'jifeng', description: 'home township (户籍/居住乡镇)' })
  @Matches(TOWNSHIP_PATTERN, { message: 'townshipCode must be a township code' })
  townshipCode: string;

  @ApiPropertyOptional({ example: 450000, nullable: true, type: Number, description: '期望月薪, fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  wageExpectationFen?: number | null;

  @ApiProperty({ enum: AVAILABILITIES, description: '到岗时间' })
  @IsIn(AVAILABILITIES, { message: `availability must be one of ${AVAILABILITIES.join(', ')}` })
  availability: SeekerAvailability;

  @ApiPropertyOptional({
    example: '2026-03-01',
    nullable: true,
    type: String,
    description: 'required when availability is later; not allowed when immediately',
  })
  @IsOptional()
  @IsCalendarDate()
  availableFrom?: string | null;

  @ApiPropertyOptional({
    type: GraduationDto,
    nullable: true,
    description: '毕业信息 (decides 高校毕业生 entitlements)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => GraduationDto)
  graduation?: GraduationDto | null;

  @ApiPropertyOptional({ example: '2025-01-10', nullable: true, type: String, description: '失业登记日期' })
  @IsOptional()
  @IsCalendarDate()
  registeredUnemployedSince?: string | null;

  @ApiPropertyOptional({
    example: '1408240101000123',
    nullable: true,
    type: String,
    minLength: 1,
    maxLength: 40,
    description: '户号（同一家庭的成员填写相同户号）',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40, { message: 'householdCode must be 1-40 characters' })
  householdCode?: string | null;

  @ApiPropertyOptional({ example: 14, nullable: true, type: Number, description: '失业保险缴费月数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  unemploymentInsuranceMonths?: number | null;

  @ApiPropertyOptional({ enum: PERSON_GROUPS, isArray: true, description: '人员类别 (subsidy groups)' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(PERSON_GROUPS, {
    each: true,
    message: `each value in groups must be one of ${PERSON_GROUPS.join(', ')}`,
  })
  groups?: PersonGroup[];
}

export class PutMySeekerProfileDto extends SeekerProfileFields {}

export class SeekerConsentDto {
  @ApiProperty({ description: 'employers (and staff matching) may find this profile (求职意向公开)' })
  @IsBoolean()
  searchableByEmployers: boolean;
}

/** Staff register a seeker on their behalf (窗口/上门登记): the login and the profile at once. */
export class RegisterSeekerByStaffDto extends SeekerProfileFields {
  @ApiProperty({ example: 'wang.cuihua', pattern: LOGIN_PATTERN.source })
  @IsString()
  @Matches(LOGIN_PATTERN, { message: 'login must be 3-64 letters, digits, _ . @ or -' })
  login: string;

  @ApiProperty({ minLength: 8, maxLength: 128, description: 'initial password, handed to the seeker' })
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @Length(8, 128, { message: 'password must be 8-128 characters' })
  password: string;

  @ApiProperty({ example: '王翠花' })
  @IsString()
  @Length(1, 50)
  displayName: string;

  @ApiProperty({ example: '13912345678' })
  @IsMobileNumber()
  mobile: string;

  @ApiPropertyOptional({
    example: '140824199001010013',
    description: 'resident ID number (stored encrypted)',
  })
  @IsOptional()
  @IsResidentIdNumber()
  idNumber?: string;
}

export class SeekerListQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '张',
    description:
      'a part of the name, the login, or the whole ID number (the first 1,000 people found county-wide)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  q?: string;

  @ApiPropertyOptional({ enum: PERSON_GROUPS })
  @IsOptional()
  @IsIn(PERSON_GROUPS, { message: `group must be one of ${PERSON_GROUPS.join(', ')}` })
  group?: PersonGroup;

  @ApiPropertyOptional({ example: 'jifeng', description: 'township staff see only their own anyway' })
  @IsOptional()
  @Matches(TOWNSHIP_PATTERN, { message: 'townshipCode must be a township code' })
  townshipCode?: string;
}

export class AddAssistanceNoteDto {
  @ApiProperty({ example: '推荐至晋南机械电焊岗位，约定下周二面试', minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  note: string;
}

// ---- answers ----

export class CertificateView {
  @ApiProperty() name: string;
  @ApiProperty({ enum: CERTIFICATE_LEVELS, nullable: true, type: String }) level: CertificateLevel | null;
  @ApiProperty({ nullable: true, type: String }) date: string | null;
}

export class GraduationView {
  @ApiProperty() date: string;
  @ApiProperty({ enum: GRADUATION_LEVELS }) level: GraduationLevel;
  @ApiProperty() province: string;
  @ApiProperty() fullTime: boolean;
}

/** The person behind a profile, personal data masked (shown to the seeker and to staff only). */
export class SeekerPersonView {
  @ApiProperty() login: string;
  @ApiProperty({ example: '张伟' }) displayName: string;
  @ApiProperty({ nullable: true, type: String, example: '139****5678', description: 'masked' })
  mobile: string | null;
  @ApiProperty({ nullable: true, type: String, example: '140824**********17', description: 'masked' })
  idNumber: string | null;
}

export class SeekerProfileView {
  @ApiProperty({ format: 'uuid', description: 'the identity user id' }) id: string;
  @ApiProperty({ type: SeekerPersonView }) person: SeekerPersonView;
  @ApiProperty({ type: [String] }) desiredOccupations: string[];
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ type: [CertificateView] }) certificates: CertificateView[];
  @ApiProperty({ enum: EDUCATION_LEVELS, nullable: true, type: String }) education: EducationLevel | null;
  @ApiProperty() townshipCode: string;
  @ApiProperty({ nullable: true, type: Number }) wageExpectationFen: number | null;
  @ApiProperty({ enum: AVAILABILITIES }) availability: SeekerAvailability;
  @ApiProperty({ nullable: true, type: String }) availableFrom: string | null;
  @ApiProperty({ type: GraduationView, nullable: true }) graduation: GraduationView | null;
  @ApiProperty({ nullable: true, type: String }) registeredUnemployedSince: string | null;
  @ApiProperty({ nullable: true, type: String, description: '户号（同一家庭的成员填写相同户号）' })
  householdCode: string | null;
  @ApiProperty({ nullable: true, type: Number }) unemploymentInsuranceMonths: number | null;
  @ApiProperty({ enum: PERSON_GROUPS, isArray: true }) groups: PersonGroup[];
  @ApiProperty() searchableByEmployers: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) consentChangedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '帮扶责任人 (staff)' })
  assistedBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SeekerPageDto {
  @ApiProperty({ type: [SeekerProfileView] }) items: SeekerProfileView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class AssistanceNoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seekerId: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty() authorName: string;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
