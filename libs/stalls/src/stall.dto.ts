import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/platform';
import {
  STALL_APPLICATION_STATUSES,
  HOLDING_STATUSES,
  ZONE_KINDS,
  type StallApplicationStatus,
  type HoldingStatus,
  type ZoneKind,
} from './stall.rules';

const TOWNSHIP = /^[a-z]{2,20}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A–Z, digits and '-': what is painted on the ground (A-01, 12). */
const STALL_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;

export class CreateStallZoneDto {
  @ApiProperty({ example: '稷峰镇后稷广场夜市' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: 'jifeng', description: 'a township code (GET /api/v1/vocabularies)' })
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code such as jifeng' })
  townshipCode: string;

  @ApiProperty({ example: '稷峰镇后稷广场东侧' })
  @IsString()
  @Length(1, 200)
  address: string;

  @ApiProperty({ enum: ZONE_KINDS, description: 'night 夜市, car-trunk 后备箱集市, street 地摊' })
  @IsIn(ZONE_KINDS, { message: `kind must be one of ${ZONE_KINDS.join(', ')}` })
  kind: ZoneKind;

  @ApiProperty({ example: '18:00–22:30' })
  @IsString()
  @Length(1, 100)
  openingHours: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateStallZoneDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  address?: string;

  @ApiPropertyOptional({ enum: ZONE_KINDS })
  @IsOptional()
  @IsIn(ZONE_KINDS, { message: `kind must be one of ${ZONE_KINDS.join(', ')}` })
  kind?: ZoneKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  openingHours?: string;

  @ApiPropertyOptional({ description: 'false: the zone takes no applications and runs no rounds' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class NewStallDto {
  @ApiProperty({ example: 'A-01', description: 'unique within the zone' })
  @Matches(STALL_CODE, { message: 'code must be letters, digits and - (e.g. A-01), at most 20' })
  code: string;

  @ApiPropertyOptional({ example: '2米×2米，有电源' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  note?: string;
}

export class AddStallsDto {
  @ApiProperty({ type: [NewStallDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => NewStallDto)
  stalls: NewStallDto[];
}

export class StallApplyDto {
  @ApiProperty({ example: '烤红薯、糖炒栗子', description: 'what the applicant sells' })
  @IsString()
  @Length(1, 200)
  goods: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'a stall of the zone the applicant would like' })
  @IsOptional()
  @Matches(UUID, { message: 'preferredStallId must be a UUID' })
  preferredStallId?: string;
}

export class StallRevokeDto {
  @ApiProperty({ example: '多次占道经营，经劝导不改' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class StallGiveUpDto {
  @ApiPropertyOptional({ example: '找到工作了' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class StallZoneQuery {
  @ApiPropertyOptional({ example: 'jifeng' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code such as jifeng' })
  townshipCode?: string;
}

export class StallApplicationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STALL_APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(STALL_APPLICATION_STATUSES, {
    message: `status must be one of ${STALL_APPLICATION_STATUSES.join(', ')}`,
  })
  status?: StallApplicationStatus;
}

// ---- views ----

export class StallOccupancyView {
  @ApiProperty() stalls: number;
  @ApiProperty() held: number;
  @ApiProperty() free: number;
  @ApiProperty({ description: 'applications waiting for a round' }) waiting: number;
}

export class StallZoneView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() townshipCode: string;
  @ApiProperty({ example: '稷峰镇' }) township: string;
  @ApiProperty() address: string;
  @ApiProperty({ enum: ZONE_KINDS }) kind: ZoneKind;
  @ApiProperty({ example: '夜市' }) kindName: string;
  @ApiProperty() openingHours: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: StallOccupancyView }) occupancy: StallOccupancyView;
}

export class StallZoneListView {
  @ApiProperty({ type: [StallZoneView] }) items: StallZoneView[];
}

export class StallView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'A-01' }) code: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ description: 'nobody holds it now' }) free: boolean;
}

export class StallZoneDetailView extends StallZoneView {
  @ApiProperty({ type: [StallView] }) stalls: StallView[];
}

export class StallListView {
  @ApiProperty({ type: [StallView] }) items: StallView[];
}

export class StallApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) zoneId: string;
  @ApiProperty() zoneName: string;
  @ApiProperty() goods: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) preferredStallId: string | null;
  @ApiProperty({ type: String, nullable: true }) preferredStallCode: string | null;
  @ApiProperty({ enum: STALL_APPLICATION_STATUSES }) status: StallApplicationStatus;
  @ApiProperty({ example: '等待分配' }) statusName: string;
  @ApiProperty({ description: 'applied at (ISO)' }) appliedAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
}

/** The staff side: who applied, and whether they are served first. */
export class StaffStallApplicationView extends StallApplicationView {
  @ApiProperty({ format: 'uuid' }) seekerUserId: string;
  @ApiProperty() seekerName: string;
  @ApiProperty({ description: '就业困难人员等优先群体 (from the profile now)' }) priority: boolean;
  @ApiProperty({
    description: 'place in the queue, 1 = first (waiting ones only)',
    type: Number,
    nullable: true,
  })
  queuePosition: number | null;
}

export class StallApplicationListView {
  @ApiProperty({ type: [StaffStallApplicationView] }) items: StaffStallApplicationView[];
  @ApiProperty() total: number;
}

export class StallHoldingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) zoneId: string;
  @ApiProperty() zoneName: string;
  @ApiProperty({ format: 'uuid' }) stallId: string;
  @ApiProperty({ example: 'A-01' }) stallCode: string;
  @ApiProperty() goods: string;
  @ApiProperty({ enum: HOLDING_STATUSES }) status: HoldingStatus;
  @ApiProperty({ example: '使用中' }) statusName: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: String, nullable: true }) endedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason: string | null;
}

export class StaffStallHoldingView extends StallHoldingView {
  @ApiProperty({ format: 'uuid' }) seekerUserId: string;
  @ApiProperty() seekerName: string;
}

export class StaffStallHoldingListView {
  @ApiProperty({ type: [StaffStallHoldingView] }) items: StaffStallHoldingView[];
}

export class MyStallZoneView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() township: string;
  @ApiProperty() address: string;
  @ApiProperty() kindName: string;
  @ApiProperty() openingHours: string;
}

export class MyStallHoldingView extends StallHoldingView {
  @ApiProperty({ type: MyStallZoneView }) zone: MyStallZoneView;
}

export class MyStallsView {
  @ApiProperty({ type: [StallApplicationView] }) applications: StallApplicationView[];
  @ApiProperty({ type: [MyStallHoldingView] }) holdings: MyStallHoldingView[];
}

export class StallRoundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) zoneId: string;
  @ApiProperty() allocated: number;
  @ApiProperty({ description: 'applicants still waiting after the round' }) waitingLeft: number;
  @ApiProperty({ description: 'stalls still free after the round' }) freeLeft: number;
  @ApiProperty() runAt: string;
}

export class StallAllocationView extends StaffStallHoldingView {
  @ApiProperty() priority: boolean;
}

export class StallRoundResultView {
  @ApiProperty({ type: StallRoundView }) round: StallRoundView;
  @ApiProperty({ type: [StallAllocationView], description: 'in the order served' })
  allocations: StallAllocationView[];
}

export class StallRoundListView {
  @ApiProperty({ type: [StallRoundView] }) items: StallRoundView[];
}

export class StallNamedValue {
  @ApiProperty() value: string;
  @ApiProperty() name: string;
}

export class StallVocabularyView {
  @ApiProperty({ type: [StallNamedValue] }) kinds: StallNamedValue[];
  @ApiProperty({ type: [StallNamedValue] }) applicationStatuses: StallNamedValue[];
  @ApiProperty({ type: [StallNamedValue] }) holdingStatuses: StallNamedValue[];
  @ApiProperty({ type: [String], description: 'profile groups served first' }) priorityGroups: string[];
}
