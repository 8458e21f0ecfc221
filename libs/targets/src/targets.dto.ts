import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@app/platform';
import { TARGET_METRICS, type TargetMetric } from '@app/subsidy-engine';
import { STATION_KINDS, type StationKind } from './station.rules';
import { TARGET_STATUSES, type TargetStatus } from './target-rules';

const TOWNSHIP = /^[a-z]{2,20}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class TargetsQuery {
  @ApiPropertyOptional({ example: 2023, description: '年度（默认今年）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a year such as 2023' })
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '2023-11-30', description: '截至日期（默认今天，不晚于年末）' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class TargetRecordsQuery {
  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a year such as 2023' })
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '2023-11-30' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ example: '2023-11', description: '只看这个月计入的记录' })
  @IsOptional()
  @Matches(MONTH, { message: 'month must be a month such as 2023-11' })
  month?: string;

  @ApiPropertyOptional({ example: 'jifeng', description: '只看这个乡镇的记录' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code such as jifeng' })
  townshipCode?: string;
}

export class MonthlyReportQuery {
  @ApiProperty({ example: '2023-11', description: '报告月份' })
  @Matches(MONTH, { message: 'month must be a month such as 2023-11' })
  month: string;
}

export class MonthFigureView {
  @ApiProperty({ example: '2023-11' }) month: string;
  @ApiProperty({ description: '当月计入' }) count: number;
  @ApiProperty({ description: '年初至月末累计' }) cumulative: number;
}

export class TownshipFigureView {
  @ApiProperty({ example: 'jifeng' }) code: string;
  @ApiProperty({ example: '稷峰镇' }) name: string;
  @ApiProperty() actual: number;
}

export class TargetView {
  @ApiProperty({ example: 'fairs-held' }) id: string;
  @ApiProperty({ example: '一(一)' }) clause: string;
  @ApiProperty({ example: '专场招聘会' }) name: string;
  @ApiProperty({
    enum: TARGET_METRICS,
    nullable: true,
    description: 'null: the platform keeps no records for it',
  })
  metric: TargetMetric | null;
  @ApiProperty({ description: 'the number to reach (for 零就业家庭: every family registered)' })
  target: number;
  @ApiProperty({ description: 'the target reads "all" (every case found)' }) targetIsAll: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'null when not tracked' }) actual: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'actual / target' }) share: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'what a steady pace would have reached by asOf' })
  expected: number | null;
  @ApiProperty({
    description:
      'a steady pace applies (things done during the year); false for states due in full (stations, families) and untracked targets',
  })
  paced: boolean;
  @ApiProperty({ enum: TARGET_STATUSES }) status: TargetStatus;
  @ApiProperty({ example: '进度正常' }) statusName: string;
  @ApiProperty({ example: '场' }) unit: string;
  @ApiProperty({ example: '2023-12-31' }) due: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [MonthFigureView] }) monthly: MonthFigureView[];
  @ApiProperty({
    type: [TownshipFigureView],
    nullable: true,
    description: 'null where townships do not apply',
  })
  byTownship: TownshipFigureView[] | null;
}

export class TargetsPolicyView {
  @ApiProperty({ example: 'jishan-2023' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '稷政办发〔2023〕24号' }) document: string;
}

export class TargetsSummaryView {
  @ApiProperty() met: number;
  @ApiProperty() onTrack: number;
  @ApiProperty() behind: number;
  @ApiProperty() missed: number;
  @ApiProperty() notTracked: number;
}

export class TargetsView {
  @ApiProperty({ example: 2023 }) year: number;
  @ApiProperty({ example: '2023-11-30' }) asOf: string;
  @ApiProperty({ type: TargetsPolicyView }) policy: TargetsPolicyView;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the year whose targets are carried on, when no pack sets this year’s',
  })
  carriedFrom: number | null;
  @ApiProperty({ type: [Number], description: 'years some policy pack sets targets for' }) years: number[];
  @ApiProperty({ type: TargetsSummaryView }) summary: TargetsSummaryView;
  @ApiProperty({ type: [TargetView] }) targets: TargetView[];
}

export class TargetRecordView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2023-11-03' }) on: string;
  @ApiProperty({ type: String, nullable: true }) townshipCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: '稷峰镇' }) township: string | null;
  @ApiProperty() label: string;
  @ApiProperty({ type: String, nullable: true, description: '人员姓名（按人计的指标）' }) personName:
    string | null;
  @ApiProperty({ description: 'how much it counts (a business: the people it employs)' }) counts: number;
  @ApiProperty({ type: String, nullable: true, description: 'the staff console page of the record' })
  link: string | null;
}

export class TargetRecordsView {
  @ApiProperty() targetId: string;
  @ApiProperty() name: string;
  @ApiProperty() year: number;
  @ApiProperty() asOf: string;
  @ApiProperty({ description: 'the figure these records add up to' }) total: number;
  @ApiProperty({ type: [TargetRecordView] }) items: TargetRecordView[];
}

export class FamilyMemberView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() employed: boolean;
}

export class ZeroEmploymentFamilyView {
  @ApiProperty({ description: '户号, or the person when no household code is recorded' })
  householdKey: string;
  @ApiProperty({ type: String, nullable: true }) householdCode: string | null;
  @ApiProperty() townshipCode: string;
  @ApiProperty() township: string;
  @ApiProperty({ type: [FamilyMemberView] }) members: FamilyMemberView[];
  @ApiProperty({ description: 'at least one member employed on asOf' }) employed: boolean;
  @ApiProperty({ type: String, nullable: true, description: '帮扶责任人' }) helperName: string | null;
}

export class ZeroEmploymentFamiliesView {
  @ApiProperty() asOf: string;
  @ApiProperty() families: number;
  @ApiProperty() employed: number;
  @ApiProperty({
    type: [ZeroEmploymentFamilyView],
    description: 'families with nobody employed (the list that must be empty) first',
  })
  items: ZeroEmploymentFamilyView[];
}

export const DIFFICULT_STATES = ['placed', 'assisted', 'seeking'] as const;
export type DifficultState = (typeof DIFFICULT_STATES)[number];

export class DifficultPersonView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() townshipCode: string;
  @ApiProperty() township: string;
  @ApiProperty({
    enum: DIFFICULT_STATES,
    description: 'placed 已就业, assisted 一对一帮扶中, seeking 求职中',
  })
  state: DifficultState;
  @ApiProperty({ example: '一对一帮扶中' }) stateName: string;
  @ApiProperty({ type: String, nullable: true }) helperName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the day of the latest assistance note' })
  lastContactOn: string | null;
  @ApiProperty({ description: 'not placed and no contact for 30 days (or never)' }) noRecentContact: boolean;
}

export class DifficultPersonsView {
  @ApiProperty() asOf: string;
  @ApiProperty() placed: number;
  @ApiProperty() assisted: number;
  @ApiProperty() seeking: number;
  @ApiProperty({ description: 'not placed, no contact for 30 days' }) noRecentContact: number;
  @ApiProperty({ type: [DifficultPersonView] }) items: DifficultPersonView[];
}

export class ReportTargetView {
  @ApiProperty() id: string;
  @ApiProperty() clause: string;
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty() target: number;
  @ApiProperty({ type: Number, nullable: true }) month: number | null;
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty({ type: Number, nullable: true }) share: number | null;
  @ApiProperty({ enum: TARGET_STATUSES }) status: TargetStatus;
  @ApiProperty() statusName: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class ReportMeasureView {
  @ApiProperty() measure: string;
  @ApiProperty() name: string;
  @ApiProperty() clause: string;
  @ApiProperty() filed: number;
  @ApiProperty({ description: 'fen' }) filedFen: number;
  @ApiProperty() approved: number;
  @ApiProperty({ description: 'fen' }) approvedFen: number;
  @ApiProperty() paid: number;
  @ApiProperty({ description: 'fen' }) paidFen: number;
}

export class ReportClaimsView {
  @ApiProperty({ type: [ReportMeasureView] }) month: ReportMeasureView[];
  @ApiProperty({ type: [ReportMeasureView] }) year: ReportMeasureView[];
  @ApiProperty({ type: ReportMeasureView, description: 'the month’s totals' }) monthTotal: ReportMeasureView;
  @ApiProperty({ type: ReportMeasureView, description: 'the year’s totals to the month’s end' })
  yearTotal: ReportMeasureView;
}

export class ReportFairView {
  @ApiProperty() id: string;
  @ApiProperty() on: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) township: string | null;
  @ApiProperty() hires: number;
}

export class MonthlyReportView {
  @ApiProperty({ example: '2023-11' }) month: string;
  @ApiProperty({ example: '2023-11-30' }) asOf: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: TargetsPolicyView }) policy: TargetsPolicyView;
  @ApiProperty({ type: Number, nullable: true }) carriedFrom: number | null;
  @ApiProperty({ type: [ReportTargetView] }) targets: ReportTargetView[];
  @ApiProperty({ type: ReportClaimsView }) claims: ReportClaimsView;
  @ApiProperty({ type: [ReportFairView], description: 'fairs held in the month with their hires' })
  fairs: ReportFairView[];
  @ApiProperty() generatedAt: string;
}

export class StationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STATION_KINDS }) kind: StationKind;
  @ApiProperty({ example: '乡镇就业服务站' }) kindName: string;
  @ApiProperty() townshipCode: string;
  @ApiProperty() township: string;
  @ApiProperty() address: string;
  @ApiProperty({ description: '经培训的工作人员数' }) trainedStaff: number;
  @ApiProperty() openedOn: string;
  @ApiProperty({ type: String, nullable: true }) contact: string | null;
  @ApiProperty({ type: String, nullable: true }) closedOn: string | null;
}

export class StationListView {
  @ApiProperty({ type: [StationView] }) items: StationView[];
}

export class CreateStationDto {
  @ApiProperty({ example: '西社镇就业服务站' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: STATION_KINDS, description: 'township 乡镇站, community 社区站' })
  @IsIn(STATION_KINDS, { message: `kind must be one of ${STATION_KINDS.join(', ')}` })
  kind: StationKind;

  @ApiProperty({ example: 'xishe' })
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code such as jifeng' })
  townshipCode: string;

  @ApiProperty({ example: '西社镇政府便民服务中心一楼' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'address must not be blank' })
  address: string;

  @ApiProperty({ example: 3, description: '经培训的工作人员数' })
  @Type(() => Number)
  @IsInt({ message: 'trainedStaff must be a whole number' })
  @Min(0)
  @Max(100)
  trainedStaff: number;

  @ApiProperty({ example: '2023-03-01' })
  @IsCalendarDate()
  openedOn: string;

  @ApiPropertyOptional({ example: '0359-5551234' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'contact must not be blank' })
  contact?: string;
}

export class UpdateStationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'address must not be blank' })
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'trainedStaff must be a whole number' })
  @Min(0)
  @Max(100)
  trainedStaff?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  openedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'contact must not be blank' })
  contact?: string;

  @ApiPropertyOptional({ description: '撤站日期' })
  @IsOptional()
  @IsCalendarDate()
  closedOn?: string;
}
