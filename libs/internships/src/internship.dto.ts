import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@app/platform';
import {
  HOST_AFFILIATIONS,
  HOST_UNIT_KINDS,
  HostAffiliation,
  HostUnitKind,
  INTERN_OUTCOMES,
  INTERN_STATUSES,
  InternOutcome,
  InternStatus,
} from './internship.rules';

export class PutHostUnitDto {
  @ApiProperty({ enum: HOST_UNIT_KINDS, description: '见习单位类别: 医疗卫生, 学校, 企业, 社区, 项目' })
  @IsIn(HOST_UNIT_KINDS, { message: `kind must be one of ${HOST_UNIT_KINDS.join(', ')}` })
  kind: HostUnitKind;

  @ApiPropertyOptional({ enum: HOST_AFFILIATIONS, nullable: true, description: '县医疗集团 / 县教育局' })
  @IsOptional()
  @IsIn(HOST_AFFILIATIONS, { message: `affiliation must be one of ${HOST_AFFILIATIONS.join(', ')}` })
  affiliation?: HostAffiliation | null;
}

export class DemonstrationDto {
  @ApiProperty({ example: '2023-09-15', description: '认定日期' })
  @IsCalendarDate()
  designatedOn: string;

  @ApiProperty({ example: '见习岗位多、留用率高，带教规范', description: '认定理由' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class InternshipDetailsDto {
  @ApiProperty({ minimum: 3, maximum: 12, description: '见习期限 (months)' })
  @IsInt({ message: 'durationMonths must be a whole number of months' })
  @Min(3, { message: 'durationMonths must be 3 to 12' })
  @Max(12, { message: 'durationMonths must be 3 to 12' })
  durationMonths: number;

  @ApiProperty({ example: 180000, description: '见习生活补助 per month, fen' })
  @IsInt({ message: 'stipendFen must be whole fen' })
  @Min(0, { message: 'stipendFen must not be below zero' })
  @Max(10_000_000)
  stipendFen: number;

  @ApiProperty({ minimum: 1, maximum: 500, description: '见习名额' })
  @IsInt()
  @Min(1, { message: 'places must be at least 1' })
  @Max(500)
  places: number;

  @ApiPropertyOptional({ example: '王主任', description: '带教老师' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  mentor?: string;
}

export class AcceptInternDto {
  @ApiProperty({ format: 'uuid', description: 'the application to an internship post' })
  @IsUUID('all', { message: 'applicationId must be a UUID' })
  applicationId: string;
}

export class StartInternDto {
  @ApiProperty({ example: '2023-10-08' })
  @IsCalendarDate()
  startDate: string;
}

export class EndInternDto {
  @ApiProperty({ example: '2024-04-07' })
  @IsCalendarDate()
  endDate: string;

  @ApiProperty({ enum: INTERN_OUTCOMES, description: '留用, 到其他单位就业, 中途离开' })
  @IsIn(INTERN_OUTCOMES, { message: `outcome must be one of ${INTERN_OUTCOMES.join(', ')}` })
  outcome: InternOutcome;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class InternshipDetailsView {
  @ApiProperty() jobPostId: string;
  @ApiProperty() durationMonths: number;
  @ApiProperty() stipendFen: number;
  @ApiProperty() places: number;
  @ApiProperty({ nullable: true, type: String }) mentor: string | null;
}

export class HostUnitView {
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: HOST_UNIT_KINDS }) kind: HostUnitKind;
  @ApiProperty() kindName: string;
  @ApiProperty({ enum: HOST_AFFILIATIONS, nullable: true, type: String }) affiliation: HostAffiliation | null;
  @ApiProperty({ nullable: true, type: String }) affiliationName: string | null;
  @ApiProperty({ description: '见习示范单位' }) demonstration: boolean;
  @ApiProperty({ nullable: true, type: String }) designatedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) designationReason: string | null;
}

export class HostUnitListView {
  @ApiProperty({ type: [HostUnitView] }) items: HostUnitView[];
}

class ProgressHostUnit {
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: HOST_UNIT_KINDS }) kind: HostUnitKind;
  @ApiProperty() kindName: string;
  @ApiProperty({ enum: HOST_AFFILIATIONS, nullable: true, type: String }) affiliation: HostAffiliation | null;
  @ApiProperty() demonstration: boolean;
  @ApiProperty() posts: number;
  @ApiProperty() places: number;
}

class ProgressSector {
  @ApiProperty({ enum: HOST_UNIT_KINDS }) sector: HostUnitKind;
  @ApiProperty() name: string;
  @ApiProperty() posts: number;
  @ApiProperty() places: number;
}

class ProgressAffiliation {
  @ApiProperty({ enum: HOST_AFFILIATIONS }) affiliation: HostAffiliation;
  @ApiProperty() name: string;
  @ApiProperty() posts: number;
  @ApiProperty() places: number;
}

export class InternshipProgressView {
  @ApiProperty({ example: 80, description: '二(十一): posts to gather county-wide' }) target: number;
  @ApiProperty({ description: 'published internship posts open today' }) posts: number;
  @ApiProperty({ description: 'their places (名额; the headcount where none is given)' }) places: number;
  @ApiProperty({ type: [ProgressHostUnit] }) byHostUnit: ProgressHostUnit[];
  @ApiProperty({ type: [ProgressSector] }) bySector: ProgressSector[];
  @ApiProperty({
    type: [ProgressAffiliation],
    description: 'the county medical group and the education bureau, apart',
  })
  byAffiliation: ProgressAffiliation[];
  @ApiProperty() demonstrationUnits: number;
}

export class InternView {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() jobPostId: string;
  @ApiProperty() jobPostTitle: string;
  @ApiProperty() hostOrganisationId: string;
  @ApiProperty() hostName: string;
  @ApiProperty() seekerUserId: string;
  @ApiProperty() seekerDisplayName: string;
  @ApiProperty({ enum: INTERN_STATUSES }) status: InternStatus;
  @ApiProperty() statusName: string;
  @ApiProperty({ nullable: true, type: String }) startDate: string | null;
  @ApiProperty({ nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ enum: INTERN_OUTCOMES, nullable: true, type: String }) outcome: InternOutcome | null;
  @ApiProperty({ nullable: true, type: String }) outcomeName: string | null;
  @ApiProperty({ nullable: true, type: String }) outcomeNote: string | null;
  @ApiProperty() createdAt: string;
}

export class InternListView {
  @ApiProperty({ type: [InternView] }) items: InternView[];
  @ApiProperty() total: number;
}
