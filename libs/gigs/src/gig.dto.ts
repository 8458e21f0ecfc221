import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDate, PageQuery } from '@app/platform';
import { IsMobileNumber } from '@app/identity';
import { ScreeningFlagView } from '@app/screening';
import {
  ACCEPTANCE_STATUSES,
  DISPUTE_KINDS,
  GIG_STATUSES,
  PAY_UNITS,
  POSTER_KINDS,
  REPORT_REASONS,
  type AcceptanceStatus,
  type DisputeKind,
  type GigStatus,
  type PayUnit,
  type PosterKind,
  type ReportReason,
} from './gig.rules';

const TOWNSHIP = /^[a-z]{2,20}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateGigDto {
  @ApiProperty({ example: '帮忙收红枣两天' })
  @IsString()
  @Length(1, 100)
  title: string;

  @ApiProperty({
    example: '红枣采摘',
    description: 'free text; the common trades are in GET /api/v1/gigs/vocabulary',
  })
  @IsString()
  @Length(1, 30)
  trade: string;

  @ApiProperty({ example: '2027-09-20', description: 'the gig day (YYYY-MM-DD), today or later' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: '08:00' })
  @Matches(HHMM, { message: 'startTime must be HH:MM (24 h)' })
  startTime: string;

  @ApiProperty({ example: '17:00' })
  @Matches(HHMM, { message: 'endTime must be HH:MM (24 h)' })
  endTime: string;

  @ApiProperty({ example: 'zhaidian' })
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code such as zhaidian' })
  townshipCode: string;

  @ApiPropertyOptional({ example: '翟店镇北街村' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  address?: string;

  @ApiProperty({ example: 20000, description: 'pay in fen per payUnit; 0 or more' })
  @IsInt()
  @Min(0, { message: 'payFen must not be negative' })
  @Max(10_000_000)
  payFen: number;

  @ApiProperty({ enum: PAY_UNITS })
  @IsIn(PAY_UNITS, { message: `payUnit must be one of ${PAY_UNITS.join(', ')}` })
  payUnit: PayUnit;

  @ApiProperty({ example: 5, minimum: 1, maximum: 500 })
  @IsInt()
  @Min(1, { message: 'headcount must be at least 1' })
  @Max(500)
  headcount: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @ApiPropertyOptional({ minimum: 16, maximum: 80 })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(80)
  ageMax?: number;

  @ApiPropertyOptional({ description: '欢迎大龄劳动者' })
  @IsOptional()
  @IsBoolean()
  olderWorkersWelcome?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['焊工证'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  certificates?: string[];

  @ApiPropertyOptional({ example: '王师傅' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  contactName?: string;

  @ApiPropertyOptional({ example: '13812345678', description: 'shown only to accepted workers and staff' })
  @IsOptional()
  @IsMobileNumber()
  contactPhone?: string;

  @ApiPropertyOptional({ description: 'staff only: who the gig is posted for (代发)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  onBehalfOf?: string;
}

export class GigSearchQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'words (Chinese, pinyin or initials)' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  q?: string;

  @ApiPropertyOptional({ description: 'sort by distance from this township' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code such as zhaidian' })
  townshipCode?: string;

  @ApiPropertyOptional({ description: '`today`, `tomorrow` or YYYY-MM-DD' })
  @IsOptional()
  @Matches(/^(today|tomorrow|\d{4}-\d{2}-\d{2})$/, { message: 'date must be today, tomorrow or YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ description: 'a trade; its synonyms match too' })
  @IsOptional()
  @IsString()
  @Length(1, 30)
  trade?: string;
}

export class NearMeQuery {
  @ApiPropertyOptional({ enum: ['today', 'tomorrow'], default: 'today' })
  @IsOptional()
  @IsIn(['today', 'tomorrow'], { message: 'date must be today or tomorrow' })
  date?: 'today' | 'tomorrow';
}

export class GigSearchHit {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() trade: string;
  @ApiProperty({ example: '2027-09-20' }) date: string;
  @ApiProperty({ example: '08:00' }) startTime: string;
  @ApiProperty({ example: '17:00' }) endTime: string;
  @ApiProperty() townshipCode: string;
  @ApiProperty() township: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty() payFen: number;
  @ApiProperty({ enum: PAY_UNITS }) payUnit: PayUnit;
  @ApiProperty() headcount: number;
  @ApiProperty({ description: 'places taken' }) accepted: number;
  @ApiProperty() olderWorkersWelcome: boolean;
  @ApiProperty({ nullable: true, type: Number }) ageMax: number | null;
  @ApiProperty({ enum: POSTER_KINDS }) posterKind: PosterKind;
  @ApiPropertyOptional({ description: 'from the asked township, between township centres' })
  distanceKm?: number;
}

export class GigSearchResult {
  @ApiProperty({ type: [GigSearchHit] }) hits: GigSearchHit[];
  @ApiProperty() total: number;
  @ApiProperty({ description: 'true when Postgres answered because Meilisearch could not' })
  degraded: boolean;
}

export class NearMeResult extends GigSearchResult {
  @ApiProperty({ example: '2027-09-20' }) date: string;
  @ApiProperty({ type: [String] }) trades: string[];
  @ApiProperty({ nullable: true, type: String }) townshipCode: string | null;
  @ApiProperty({ description: 'false when the worker has not published availability yet' })
  hasAvailability: boolean;
  @ApiProperty({ description: "true when the day is not among the worker's free weekdays (no hits then)" })
  offDay: boolean;
}

export class AcceptanceView {
  @ApiProperty() id: string;
  @ApiProperty() gigId: string;
  @ApiProperty() workerUserId: string;
  @ApiProperty() workerName: string;
  @ApiProperty({ enum: ACCEPTANCE_STATUSES }) status: AcceptanceStatus;
  @ApiProperty() statusName: string;
  @ApiProperty({ nullable: true, type: String }) acceptedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) checkedInAt: string | null;
  @ApiProperty({ nullable: true, type: String }) checkInTownship: string | null;
  @ApiProperty({ nullable: true, type: String }) checkedOutAt: string | null;
  @ApiProperty({ nullable: true, type: String }) checkOutTownship: string | null;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
  @ApiProperty() noShow: boolean;
  @ApiProperty({ nullable: true, type: Number }) wagePaidFen: number | null;
  @ApiProperty({ nullable: true, type: String }) wagePaidAt: string | null;
  @ApiProperty({ nullable: true, type: String }) wageReceivedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endReason: string | null;
  @ApiPropertyOptional({ description: 'the stars this worker gave / received on it' }) workerRating?: number;
  @ApiPropertyOptional() posterRating?: number;
}

export class GigView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() trade: string;
  @ApiProperty() description: string;
  @ApiProperty() date: string;
  @ApiProperty() startTime: string;
  @ApiProperty() endTime: string;
  @ApiProperty() townshipCode: string;
  @ApiProperty() township: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty() payFen: number;
  @ApiProperty({ enum: PAY_UNITS }) payUnit: PayUnit;
  @ApiProperty() headcount: number;
  @ApiProperty() accepted: number;
  @ApiProperty({ nullable: true, type: Number }) ageMax: number | null;
  @ApiProperty() olderWorkersWelcome: boolean;
  @ApiProperty({ type: [String] }) certificates: string[];
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'to accepted workers, the poster and staff only',
  })
  contactPhone: string | null;
  @ApiProperty({ enum: POSTER_KINDS }) posterKind: PosterKind;
  @ApiProperty() posterName: string;
  @ApiProperty({
    description:
      'the poster is checked: staff, a resident by real name, or an organisation the employment center verified (单位核验)',
  })
  posterVerified: boolean;
  @ApiProperty({ nullable: true, type: String }) onBehalfOf: string | null;
  @ApiProperty({ enum: GIG_STATUSES }) status: GigStatus;
  @ApiProperty() statusName: string;
  @ApiProperty({ type: [ScreeningFlagView], description: 'to the poster and staff only (empty otherwise)' })
  screeningFlags: ScreeningFlagView[];
  @ApiProperty({ nullable: true, type: String }) reviewNote: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'the viewer posted it (or is staff)' }) canManage: boolean;
  @ApiPropertyOptional({ type: AcceptanceView, description: "the signed-in worker's acceptance" })
  mine?: AcceptanceView;
}

export class GigListView {
  @ApiProperty({ type: [GigView] }) items: GigView[];
  @ApiProperty() total: number;
}

export class AcceptanceResult extends AcceptanceView {}

export class GigAcceptancesView {
  @ApiProperty({ type: GigView }) gig: GigView;
  @ApiProperty({ type: [AcceptanceView] }) acceptances: AcceptanceView[];
}

export class MyGigView {
  @ApiProperty({ type: GigView }) gig: GigView;
  @ApiProperty({ type: AcceptanceView }) acceptance: AcceptanceView;
}

export class MyGigListView {
  @ApiProperty({ type: [MyGigView] }) items: MyGigView[];
  @ApiProperty() total: number;
}

export class ReviewGigDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'decision must be approve or reject' })
  decision: 'approve' | 'reject';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class ReasonDto {
  @ApiProperty({ example: '下雨，改期' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class InviteDto {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'workerUserId must be a UUID',
  })
  workerUserId: string;
}

export class WorkerParam {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'id must be a UUID',
  })
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'workerUserId must be a UUID',
  })
  workerUserId: string;
}

export class CheckDto {
  @ApiProperty({ example: 'zhaidian', description: 'where the worker is' })
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code such as zhaidian' })
  townshipCode: string;

  @ApiPropertyOptional({
    description: 'when (ISO 8601 with offset); now when absent (an offline phone sends it later)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 time' })
  at?: string;
}

export class CompleteDto {
  @ApiProperty({ example: 20000, description: 'the wage paid to this worker, in fen' })
  @IsInt()
  @Min(0, { message: 'wagePaidFen must not be negative' })
  @Max(10_000_000)
  wagePaidFen: number;
}

export class RateDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  stars: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 300)
  comment?: string;
}

export class CreatedView {
  @ApiProperty() created: boolean;
}

export class DisputeDto {
  @ApiProperty({ enum: DISPUTE_KINDS })
  @IsIn(DISPUTE_KINDS, { message: `kind must be one of ${DISPUTE_KINDS.join(', ')}` })
  kind: DisputeKind;

  @ApiProperty({ example: '活干完三天了，工钱还没给' })
  @IsString()
  @Length(1, 1000)
  description: string;
}

export class HandleDisputeDto {
  @ApiProperty({ enum: ['note', 'resolve'] })
  @IsIn(['note', 'resolve'], { message: 'action must be note or resolve' })
  action: 'note' | 'resolve';

  @ApiProperty({ example: '已电话联系雇主，承诺周五前结清' })
  @IsString()
  @Length(1, 1000)
  note: string;
}

export class DisputeEventView {
  @ApiProperty() at: string;
  @ApiProperty() byName: string;
  @ApiProperty({ enum: ['raised', 'note', 'resolved'] }) kind: 'raised' | 'note' | 'resolved';
  @ApiProperty() note: string;
}

export class DisputeView {
  @ApiProperty() id: string;
  @ApiProperty() gigId: string;
  @ApiProperty() gigTitle: string;
  @ApiProperty() acceptanceId: string;
  @ApiProperty({ enum: ['poster', 'worker'] }) raisedSide: 'poster' | 'worker';
  @ApiProperty({ enum: DISPUTE_KINDS }) kind: DisputeKind;
  @ApiProperty() kindName: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status: 'open' | 'resolved';
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ type: [DisputeEventView] }) events: DisputeEventView[];
}

export class DisputeListView {
  @ApiProperty({ type: [DisputeView] }) items: DisputeView[];
  @ApiProperty() total: number;
}

export class DisputeListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'resolved'], { message: 'status must be open or resolved' })
  status?: 'open' | 'resolved';
}

export class ReportDto {
  @ApiProperty({ enum: REPORT_REASONS })
  @IsIn(REPORT_REASONS, { message: `reason must be one of ${REPORT_REASONS.join(', ')}` })
  reason: ReportReason;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class ReportView {
  @ApiProperty() id: string;
  @ApiProperty() gigId: string;
  @ApiProperty() gigTitle: string;
  @ApiProperty({ enum: REPORT_REASONS }) reason: ReportReason;
  @ApiProperty() reasonName: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: ['open', 'upheld', 'dismissed'] }) status: 'open' | 'upheld' | 'dismissed';
  @ApiProperty() createdAt: string;
}

export class ReportListView {
  @ApiProperty({ type: [ReportView] }) items: ReportView[];
  @ApiProperty() total: number;
}

export class ReportListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'upheld', 'dismissed'] })
  @IsOptional()
  @IsIn(['open', 'upheld', 'dismissed'], { message: 'status must be open, upheld or dismissed' })
  status?: 'open' | 'upheld' | 'dismissed';
}

export class DecideReportDto {
  @ApiProperty({ enum: ['upheld', 'dismissed'] })
  @IsIn(['upheld', 'dismissed'], { message: 'decision must be upheld or dismissed' })
  decision: 'upheld' | 'dismissed';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class CheckPosterDto {
  @ApiProperty({
    enum: ['verified', 'failed'],
    description: '单位核验: verified, or failed (its live gigs are taken down)',
  })
  @IsIn(['verified', 'failed'], { message: 'outcome must be verified or failed' })
  outcome: 'verified' | 'failed';

  @ApiPropertyOptional({ description: 'what was checked and how (required when failed)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class PosterOrganisationView {
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['enterprise', 'agency'] }) kind: string;
  @ApiProperty() creditCode: string;
  @ApiProperty({ enum: ['unchecked', 'verified', 'failed'] }) checkStatus: string;
  @ApiProperty({ nullable: true, type: String }) checkedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) checkNote: string | null;
  @ApiProperty() gigs: number;
  @ApiProperty({ description: 'open, filled or waiting for review' }) liveGigs: number;
}

export class PosterOrganisationListView {
  @ApiProperty({ type: [PosterOrganisationView] }) items: PosterOrganisationView[];
  @ApiProperty() total: number;
}

export class PosterCheckResult {
  @ApiProperty({ type: PosterOrganisationView }) organisation: PosterOrganisationView;
  @ApiProperty({ description: 'gigs taken down by a failed check' }) takenDown: number;
}

export class AvailabilityDto {
  @ApiProperty({ type: [String], example: ['搬运装卸', '农活采摘'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'trades must name at least one trade' })
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 30, { each: true })
  trades: string[];

  @ApiProperty({
    type: [Number],
    example: [1, 2, 3, 4, 5, 6, 7],
    description: 'ISO weekdays, 1 Monday … 7 Sunday',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'weekdays must name at least one day' })
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];

  @ApiProperty({
    type: [String],
    example: ['zhaidian', 'jifeng'],
    description: 'the townships the worker can reach',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'townshipCodes must name at least one township' })
  @ArrayMaxSize(9)
  @Matches(TOWNSHIP, { each: true, message: 'townshipCodes must be township codes such as zhaidian' })
  townshipCodes: string[];

  @ApiProperty({ example: 'zhaidian' })
  @Matches(TOWNSHIP, { message: 'homeTownship must be a township code such as zhaidian' })
  homeTownship: string;

  @ApiPropertyOptional({ example: 18000 })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'expectedPayFen must not be negative' })
  expectedPayFen?: number;

  @ApiPropertyOptional({ enum: PAY_UNITS })
  @IsOptional()
  @IsIn(PAY_UNITS, { message: `payUnit must be one of ${PAY_UNITS.join(', ')}` })
  payUnit?: PayUnit;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 300)
  note?: string;

  @ApiPropertyOptional({ default: true, description: 'false: not looking for gigs now' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class AvailabilityView {
  @ApiProperty({ type: [String] }) trades: string[];
  @ApiProperty({ type: [Number] }) weekdays: number[];
  @ApiProperty({ type: [String] }) townshipCodes: string[];
  @ApiProperty() homeTownship: string;
  @ApiProperty({ nullable: true, type: Number }) expectedPayFen: number | null;
  @ApiProperty({ nullable: true, enum: PAY_UNITS }) payUnit: PayUnit | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() updatedAt: string;
}

export class AvailableWorkerView {
  @ApiProperty() workerUserId: string;
  @ApiProperty() name: string;
  @ApiProperty() homeTownship: string;
  @ApiProperty() distanceKm: number;
  @ApiProperty({ type: [String] }) trades: string[];
  @ApiProperty({ nullable: true, type: Number }) expectedPayFen: number | null;
  @ApiProperty({ nullable: true, enum: PAY_UNITS }) payUnit: PayUnit | null;
  @ApiProperty({ description: 'average stars from posters (0 when none)' }) stars: number;
  @ApiProperty() completedGigs: number;
}

export class AvailableWorkersView {
  @ApiProperty({ type: [AvailableWorkerView] }) items: AvailableWorkerView[];
}

export class CreatePointDto {
  @ApiProperty({ example: '翟店镇零工驿站' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: 'zhaidian' })
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code such as zhaidian' })
  townshipCode: string;

  @ApiProperty({ example: '翟店镇人民路便民服务中心一楼' })
  @IsString()
  @Length(1, 200)
  address: string;

  @ApiProperty({ example: '每天 6:00—10:00' })
  @IsString()
  @Length(1, 100)
  openingHours: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  trades: string[];
}

export class GigPointView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() townshipCode: string;
  @ApiProperty() township: string;
  @ApiProperty() address: string;
  @ApiProperty() openingHours: string;
  @ApiProperty({ type: [String] }) trades: string[];
}

export class GigPointListView {
  @ApiProperty({ type: [GigPointView] }) items: GigPointView[];
}

export class GigListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GIG_STATUSES })
  @IsOptional()
  @IsIn(GIG_STATUSES, { message: `status must be one of ${GIG_STATUSES.join(', ')}` })
  status?: GigStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code such as zhaidian' })
  townshipCode?: string;
}

export class StatisticsQuery {
  @ApiProperty({ example: '2027-01-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2027-12-31' })
  @IsCalendarDate()
  to: string;
}

export class GigStatisticsRow {
  @ApiProperty() townshipCode: string;
  @ApiProperty() township: string;
  @ApiProperty() trade: string;
  @ApiProperty() posted: number;
  @ApiProperty() filled: number;
  @ApiProperty() completed: number;
  @ApiProperty() peopleServed: number;
  @ApiProperty() wagesConfirmedFen: number;
  @ApiProperty() disputes: number;
  @ApiProperty() disputesResolved: number;
  @ApiProperty({ nullable: true, type: Number, description: 'mean hours from a dispute raised to resolved' })
  resolutionHours: number | null;
}

export class GigStatisticsView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [GigStatisticsRow] }) rows: GigStatisticsRow[];
  @ApiProperty({ type: GigStatisticsRow, description: 'the whole county (townshipCode and trade empty)' })
  total: GigStatisticsRow;
}

/** A code → Chinese name map in the OpenAPI document. */
const NAMES = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class GigVocabularyView {
  @ApiProperty({ type: [String] }) trades: string[];
  @ApiProperty({ ...NAMES, description: 'pay unit → Chinese' }) payUnits: Record<string, string>;
  @ApiProperty(NAMES) statuses: Record<string, string>;
  @ApiProperty(NAMES) disputeKinds: Record<string, string>;
  @ApiProperty(NAMES) reportReasons: Record<string, string>;
}
