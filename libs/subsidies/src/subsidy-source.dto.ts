import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
  ValidateIf,
} from 'class-validator';
import { IsCreditCode } from '@app/identity';
import { IsCalendarDate, PageQuery } from '@app/platform';
import { BUSINESS_KINDS, CERTIFICATE_LEVELS, EMPLOYER_SIZES } from '@app/subsidy-engine';

const TOWNSHIP = /^[a-z]{2,20}$/;

export class RecordCertificateDto {
  @ApiProperty({ format: 'uuid', description: 'the seeker who obtained it' })
  @IsUUID()
  personUserId: string;

  @ApiProperty({
    enum: CERTIFICATE_LEVELS,
    description: 'junior 初级(五级) · intermediate 中级(四级) · senior 高级(三级)',
  })
  @IsIn(CERTIFICATE_LEVELS, { message: `level must be one of ${CERTIFICATE_LEVELS.join(', ')}` })
  level: (typeof CERTIFICATE_LEVELS)[number];

  @ApiProperty({ example: '焊工', description: '职业（工种）' })
  @IsString()
  @Length(1, 100)
  occupation: string;

  @ApiPropertyOptional({ example: 'S000014082400123' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  certificateNo?: string;

  @ApiProperty({ example: '2023-10-10', description: '发证日期 (not in the future)' })
  @IsCalendarDate()
  issuedOn: string;

  @ApiProperty({ example: '运城市职业技能鉴定中心' })
  @IsString()
  @Length(1, 200)
  issuingBody: string;

  @ApiPropertyOptional({ description: 'months insured for unemployment when it was obtained', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  insuredMonths?: number;

  @ApiPropertyOptional({ default: false, description: '领取失业保险金' })
  @IsOptional()
  @IsBoolean()
  receivingUnemploymentBenefit?: boolean;
}

export class RecordBusinessDto {
  @ApiProperty({ format: 'uuid', description: 'the founder (a registered seeker)' })
  @IsUUID()
  founderUserId: string;

  @ApiProperty({ example: '稷山县小李电商服务部' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: '92140824MA0KT0011P' })
  @IsOptional()
  @IsCreditCode()
  creditCode?: string;

  @ApiProperty({ enum: BUSINESS_KINDS })
  @IsIn(BUSINESS_KINDS, { message: `kind must be one of ${BUSINESS_KINDS.join(', ')}` })
  kind: (typeof BUSINESS_KINDS)[number];

  @ApiProperty({ example: '2023-09-01', description: '营业执照日期 (not in the future)' })
  @IsCalendarDate()
  licensedOn: string;

  @ApiProperty({ description: '首次创业' })
  @IsBoolean()
  firstBusiness: boolean;

  @ApiProperty({ minimum: 0, description: '带动就业人数' })
  @IsInt()
  @Min(0)
  @Max(100000)
  employees: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  paysTax?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  paysSocialInsurance?: boolean;

  @ApiPropertyOptional({ example: 'jifeng' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;
}

export class RecordInsuranceYearDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  employerOrganisationId: string;

  @ApiProperty({ example: 2022, description: 'the insurance year (the refund is for its premiums)' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1000000)
  insuredStaff: number;

  @ApiProperty({ minimum: 0, description: '当年裁员人数' })
  @IsInt()
  @Min(0)
  @Max(1000000)
  laidOff: number;

  @ApiProperty({
    minimum: 0,
    description: 'unemployment-insurance premiums paid by the employer and its staff, fen',
  })
  @IsInt()
  @Min(0)
  @Max(10_000_000_000_000)
  premiumsFen: number;

  @ApiPropertyOptional({ enum: EMPLOYER_SIZES, description: 'default: the enterprise profile’s' })
  @IsOptional()
  @IsIn(EMPLOYER_SIZES)
  employerSize?: (typeof EMPLOYER_SIZES)[number];
}

export class RecordPublicWelfareAssignmentDto {
  @ApiProperty({
    format: 'uuid',
    description: 'the organisation that develops the post (an enterprise record)',
  })
  @IsUUID()
  employerOrganisationId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  seekerUserId: string;

  @ApiProperty({ example: '2023-09-01' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ example: '2025-08-31' })
  @IsOptional()
  @IsCalendarDate()
  contractEndDate?: string;

  @ApiProperty({ example: 'jifeng' })
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode: string;

  @ApiPropertyOptional({ enum: ['public-welfare', 'public-welfare-community'], default: 'public-welfare' })
  @IsOptional()
  @IsIn(['public-welfare', 'public-welfare-community'])
  postKind?: 'public-welfare' | 'public-welfare-community';

  @ApiPropertyOptional({ default: false, description: '原属国有企业大龄就业困难人员' })
  @IsOptional()
  @IsBoolean()
  formerStateEnterpriseOlderWorker?: boolean;
}

export class SourceListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'jifeng' })
  @IsOptional()
  @ValidateIf((o: SourceListQuery) => o.townshipCode !== undefined)
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;
}

export class SkillCertificateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personUserId: string;
  @ApiProperty({ description: "the person's name as registered" }) personDisplayName: string;
  @ApiProperty({ enum: CERTIFICATE_LEVELS }) level: string;
  @ApiProperty() occupation: string;
  @ApiProperty({ nullable: true, type: String }) certificateNo: string | null;
  @ApiProperty() issuedOn: string;
  @ApiProperty() issuingBody: string;
  @ApiProperty({ nullable: true, type: Number }) insuredMonths: number | null;
  @ApiProperty() receivingUnemploymentBenefit: boolean;
  @ApiProperty({ nullable: true, type: String }) townshipCode: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CertificateListView {
  @ApiProperty({ type: [SkillCertificateView] }) items: SkillCertificateView[];
  @ApiProperty() total: number;
}

export class BusinessView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) founderUserId: string;
  @ApiProperty() founderDisplayName: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) creditCode: string | null;
  @ApiProperty({ enum: BUSINESS_KINDS }) kind: string;
  @ApiProperty() licensedOn: string;
  @ApiProperty() firstBusiness: boolean;
  @ApiProperty() employees: number;
  @ApiProperty() paysTax: boolean;
  @ApiProperty() paysSocialInsurance: boolean;
  @ApiProperty({ nullable: true, type: String }) townshipCode: string | null;
  @ApiProperty({ nullable: true, type: String }) closedOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BusinessListView {
  @ApiProperty({ type: [BusinessView] }) items: BusinessView[];
  @ApiProperty() total: number;
}

export class InsuranceYearView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) employerOrganisationId: string;
  @ApiProperty() employerName: string;
  @ApiProperty() year: number;
  @ApiProperty() insuredStaff: number;
  @ApiProperty() laidOff: number;
  @ApiProperty() premiumsFen: number;
  @ApiProperty({ nullable: true, type: String, enum: EMPLOYER_SIZES }) employerSize: string | null;
  @ApiProperty({ nullable: true, type: String }) townshipCode: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class InsuranceYearListView {
  @ApiProperty({ type: [InsuranceYearView] }) items: InsuranceYearView[];
  @ApiProperty() total: number;
}

export class ImportedCertificateView {
  @ApiProperty({ description: 'the row of the sheet (the header is row 1)' }) rowNumber: number;
  @ApiProperty({ format: 'uuid' }) personUserId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id: string | null;
  @ApiProperty({ enum: ['recorded', 'already-recorded'] }) status: 'recorded' | 'already-recorded';
}

export class CertificateImportView {
  @ApiProperty({ description: 'data rows read' }) rows: number;
  @ApiProperty({ description: 'certificates recorded now' }) recorded: number;
  @ApiProperty({ description: 'rows whose certificate was recorded before (skipped)' })
  alreadyRecorded: number;
  @ApiProperty({ type: [ImportedCertificateView] }) certificates: ImportedCertificateView[];
}
