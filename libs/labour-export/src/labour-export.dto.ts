import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, PageQuery } from '@app/platform';
import { PARTICIPANT_STATUSES, ParticipantStatus } from './labour-export.rules';

export class DestinationDto {
  @ApiProperty({ example: '江苏省', description: '省 (山西 or 山西省 both read as 山西省)' })
  @IsString()
  @Length(2, 20)
  province: string;

  @ApiPropertyOptional({ example: '苏州市' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  city?: string;

  @ApiPropertyOptional({ example: '昆山市' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  county?: string;
}

export class CreateTripDto {
  @ApiProperty({ type: DestinationDto })
  @IsDefined({ message: 'destination is required: {province, city?, county?}' })
  @IsObject({ message: 'destination must be an object {province, city?, county?}' })
  @ValidateNested()
  @Type(() => DestinationDto)
  destination: DestinationDto;

  @ApiProperty({ example: '2023-03-06', description: '出发日期' })
  @IsCalendarDate()
  departureDate: string;

  @ApiProperty({ example: 40, description: '计划输出人数' })
  @IsInt({ message: 'plannedHeadcount must be a whole number' })
  @Min(1, { message: 'plannedHeadcount must be at least 1' })
  @Max(5000)
  plannedHeadcount: number;

  @ApiPropertyOptional({ format: 'uuid', description: '组织输出的人力资源服务机构 (earns the referral fee)' })
  @IsOptional()
  @IsUUID('all', { message: 'organisingAgencyId must be a UUID' })
  organisingAgencyId?: string;

  @ApiPropertyOptional({ example: '昆山某电子有限公司', description: '输入地用工单位' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  employerName?: string;

  @ApiPropertyOptional({
    example: '稷山县驻昆山劳务工作站 李站长 0512-55550000',
    description: '省外劳务工作站联系人',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  stationContact?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class EnrolDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'staff: the seeker enrolled; a seeker enrols themself (omit it)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'seekerUserId must be a UUID' })
  seekerUserId?: string;
}

export class DepartureDto {
  @ApiPropertyOptional({
    example: '2023-03-06',
    description: 'the day they set off (default: the trip’s departure date)',
  })
  @IsOptional()
  @IsCalendarDate()
  departedOn?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'only these participants (default: everyone enrolled)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true, message: 'seekerUserIds must be UUIDs' })
  seekerUserIds?: string[];
}

export class ExportPlacementDto {
  @ApiProperty({ format: 'uuid', description: 'the employer at the destination (a registered enterprise)' })
  @IsUUID('all', { message: 'employerOrganisationId must be a UUID' })
  employerOrganisationId: string;

  @ApiProperty({ example: '2023-03-08' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ example: '2024-03-07' })
  @IsOptional()
  @IsCalendarDate()
  contractEndDate?: string;
}

export class FollowUpDto {
  @ApiProperty({ example: '2023-06-08', description: '回访日期: 3 months after the start or later' })
  @IsCalendarDate()
  onDate: string;

  @ApiProperty({ description: '仍在岗' })
  @IsBoolean({ message: 'stillEmployed must be true or false' })
  stillEmployed: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class CancelTripDto {
  @ApiProperty({ example: '输入地企业停产' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class TripListQuery extends PageQuery {}

export class ProgressQuery {
  @ApiPropertyOptional({ example: 2023, description: 'trips departing in this year (default: every trip)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a year such as 2023' })
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class DestinationView {
  @ApiProperty() province: string;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) county: string | null;
}

export class TripCountsView {
  @ApiProperty() enrolled: number;
  @ApiProperty() departed: number;
  @ApiProperty() placed: number;
  @ApiProperty({ description: 'placed and still employed at the 3-month follow-up' }) stillEmployed: number;
}

export class TripView {
  @ApiProperty() id: string;
  @ApiProperty({ type: DestinationView }) destination: DestinationView;
  @ApiProperty({ example: '江苏省苏州市昆山市' }) destinationText: string;
  @ApiProperty({ description: 'true: outside Shanxi (跨省); false: in Shanxi outside the county' })
  crossProvince: boolean;
  @ApiProperty({ nullable: true, type: String }) employerName: string | null;
  @ApiProperty({ nullable: true, type: String }) organisingAgencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) organisingAgencyName: string | null;
  @ApiProperty() departureDate: string;
  @ApiProperty() plannedHeadcount: number;
  @ApiProperty({ nullable: true, type: String }) stationContact: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() cancelled: boolean;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ type: TripCountsView }) counts: TripCountsView;
  @ApiProperty() createdAt: string;
}

export class TripListView {
  @ApiProperty({ type: [TripView] }) items: TripView[];
  @ApiProperty() total: number;
}

export class ParticipantView {
  @ApiProperty() tripId: string;
  @ApiProperty() seekerUserId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: PARTICIPANT_STATUSES }) status: ParticipantStatus;
  @ApiProperty() statusName: string;
  @ApiProperty({ description: '农村劳动力' }) ruralLabourer: boolean;
  @ApiProperty({ description: '脱贫人口 (transport subsidies follow their placement)' })
  povertyAlleviated: boolean;
  @ApiProperty({ nullable: true, type: String }) departedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) placementId: string | null;
  @ApiProperty({ nullable: true, type: String }) followUpOn: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) stillEmployed: boolean | null;
  @ApiProperty({ nullable: true, type: String }) followUpNote: string | null;
  @ApiProperty() enrolledAt: string;
}

export class TripDetailView extends TripView {
  @ApiProperty({ type: [ParticipantView] }) participants: ParticipantView[];
}

export class MyTripView {
  @ApiProperty({ type: TripView }) trip: TripView;
  @ApiProperty({ type: ParticipantView }) participation: ParticipantView;
}

export class MyTripsView {
  @ApiProperty({ type: [MyTripView] }) items: MyTripView[];
}

export class ExportPlacementView {
  @ApiProperty() placementId: string;
  @ApiProperty({ type: ParticipantView }) participant: ParticipantView;
}

export class ExportProgressView {
  @ApiProperty({ example: 12 }) targetTrips: number;
  @ApiProperty({ example: 1200 }) targetPeople: number;
  @ApiProperty({ description: 'trips not cancelled' }) trips: number;
  @ApiProperty() enrolled: number;
  @ApiProperty() departed: number;
  @ApiProperty() placed: number;
  @ApiProperty() stillEmployedAfter3Months: number;
  @ApiProperty({ type: [TripView] }) byTrip: TripView[];
}
