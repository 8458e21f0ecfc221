import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, PageQuery } from '@app/platform';
import { POST_KINDS, type PostKind } from '@app/subsidy-engine';
import {
  EMPLOYER_REGISTRATION_STATUSES,
  FAIR_MODES,
  FAIR_OUTCOME_KINDS,
  FAIR_STATUSES,
  FAIR_THEMES,
  SEEKER_REGISTRATION_STATUSES,
  type FairMode,
  type FairOutcomeKind,
  type FairStatus,
  type FairTheme,
} from './fair.rules';

const TOWNSHIP = /^[a-z]{2,20}$/;
/** ISO 8601 with its offset: a time is never read in the server's zone by accident. */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const offsetMessage = (f: string) => ({
  message: `${f} must be an ISO 8601 time with its offset, e.g. 2027-03-06T09:00:00+08:00`,
});

function Time(field: string, example: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ example, format: 'date-time' })(target, key);
    IsISO8601({ strict: true }, offsetMessage(field))(target, key);
    Matches(WITH_OFFSET, offsetMessage(field))(target, key);
  };
}

export class CreateFairDto {
  @ApiProperty({ example: '2027年春风行动·装备制造业专场招聘会' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ enum: FAIR_THEMES })
  @IsIn(FAIR_THEMES, { message: `theme must be one of ${FAIR_THEMES.join(', ')}` })
  theme: FairTheme;

  @ApiProperty({ enum: FAIR_MODES })
  @IsIn(FAIR_MODES, { message: `mode must be one of ${FAIR_MODES.join(', ')}` })
  mode: FairMode;

  @Time('startsAt', '2027-03-06T09:00:00+08:00') startsAt: string;
  @Time('endsAt', '2027-03-06T12:00:00+08:00') endsAt: string;

  @ApiProperty({ minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100000)
  seekerCapacity: number;

  @ApiProperty({ minimum: 0, maximum: 2000 })
  @IsInt()
  @Min(0)
  @Max(2000)
  boothCount: number;

  @Time('seekerRegistrationOpensAt', '2027-02-20T09:00:00+08:00') seekerRegistrationOpensAt: string;
  @Time('seekerRegistrationClosesAt', '2027-03-06T12:00:00+08:00') seekerRegistrationClosesAt: string;
  @Time('employerRegistrationOpensAt', '2027-02-10T09:00:00+08:00') employerRegistrationOpensAt: string;
  @Time('employerRegistrationClosesAt', '2027-03-03T18:00:00+08:00') employerRegistrationClosesAt: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  venueId?: string;

  @ApiPropertyOptional({ example: 'jifeng' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;

  @ApiPropertyOptional({ example: '装备制造' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  industry?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  description?: string;

  @ApiPropertyOptional({ description: '直播带岗: the livestream address' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @Length(1, 500)
  livestreamUrl?: string;
}

export class ListFairsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: FAIR_STATUSES,
    description: 'staff: any status; the public sees open, closed, held and reported',
  })
  @IsOptional()
  @IsIn(FAIR_STATUSES)
  status?: FairStatus;

  @ApiPropertyOptional({ example: '2027', description: 'fairs starting in this year (China time)' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'year must be a year, e.g. 2027' })
  year?: string;
}

export class FairView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: FAIR_THEMES }) theme: FairTheme;
  @ApiProperty({ enum: FAIR_MODES }) mode: FairMode;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() seekerCapacity: number;
  @ApiProperty({ description: 'confirmed places taken (walk-ins not counted)' }) seekersConfirmed: number;
  @ApiProperty() boothCount: number;
  @ApiProperty({ format: 'date-time' }) seekerRegistrationOpensAt: string;
  @ApiProperty({ format: 'date-time' }) seekerRegistrationClosesAt: string;
  @ApiProperty({ format: 'date-time' }) employerRegistrationOpensAt: string;
  @ApiProperty({ format: 'date-time' }) employerRegistrationClosesAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) venueId: string | null;
  @ApiProperty({ nullable: true, type: String }) venueName: string | null;
  @ApiProperty({ nullable: true, type: String }) townshipCode: string | null;
  @ApiProperty({ nullable: true, type: String }) livestreamUrl: string | null;
  @ApiProperty({ enum: FAIR_STATUSES }) status: FairStatus;
}

export class FairListView {
  @ApiProperty({ type: [FairView] }) items: FairView[];
  @ApiProperty() total: number;
}

export class SeekerRegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fairId: string;
  @ApiProperty({ enum: SEEKER_REGISTRATION_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: Number, description: '1 = next to be confirmed' }) waitlistPosition:
    number | null;
  @ApiProperty({ nullable: true, type: String, description: 'only when confirmed; the QR code carries it' })
  ticketCode: string | null;
  @ApiProperty() walkIn: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) checkedInAt: string | null;
}

/** A fair's registration as staff list it: the seeker's name, no ticket. */
export class FairSeekerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) seekerUserId: string;
  @ApiProperty() seekerDisplayName: string;
  @ApiProperty({ enum: SEEKER_REGISTRATION_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: Number }) waitlistPosition: number | null;
  @ApiProperty() walkIn: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) checkedInAt: string | null;
}

export class FairSeekerListView {
  @ApiProperty({ type: [FairSeekerView] }) items: FairSeekerView[];
  @ApiProperty() total: number;
}

export class ListFairSeekersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SEEKER_REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(SEEKER_REGISTRATION_STATUSES)
  status?: (typeof SEEKER_REGISTRATION_STATUSES)[number];
}

export class WalkInDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  seekerUserId: string;
}

export class CheckInDto {
  @ApiProperty({ description: 'what the QR code carries' })
  @IsString()
  @Length(1, 200)
  ticketCode: string;

  @ApiProperty({ description: 'unique per scan on its device (a retry sends the same)' })
  @IsString()
  @Length(1, 100)
  nonce: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  deviceId: string;

  @ApiPropertyOptional({ format: 'date-time', description: "the device's time of the scan; default: now" })
  @IsOptional()
  @IsISO8601({ strict: true }, offsetMessage('scannedAt'))
  @Matches(WITH_OFFSET, offsetMessage('scannedAt'))
  scannedAt?: string;
}

export class CheckInView {
  @ApiProperty({ enum: ['checked-in', 'already-checked-in'] }) result: 'checked-in' | 'already-checked-in';
  @ApiProperty({ format: 'date-time', description: 'the attendance time: the first scan’s' })
  checkedInAt: string;
  @ApiProperty({ format: 'uuid' }) registrationId: string;
}

export class OfflineScanDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  ticketCode: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  nonce: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, offsetMessage('scannedAt'))
  @Matches(WITH_OFFSET, offsetMessage('scannedAt'))
  scannedAt: string;
}

export class CheckInBatchDto {
  @ApiProperty()
  @IsString()
  @Length(1, 100)
  deviceId: string;

  @ApiProperty({ type: [OfflineScanDto], maxItems: 5000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => OfflineScanDto)
  scans: OfflineScanDto[];
}

export class CheckInBatchView {
  @ApiProperty({ description: 'scans that now hold their person’s attendance' }) accepted: number;
  @ApiProperty({ description: 'scans of a person checked in earlier, or sent before' }) duplicates: number;
  @ApiProperty({ description: 'scans of no confirmed ticket of this fair' }) unknown: number;
}

export class FairEmployerRegistrationDto {
  @ApiProperty({ type: [String], description: 'the published posts the enterprise brings' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  jobPostIds: string[];

  @ApiPropertyOptional({ type: [String], description: 'who staffs the booth' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  staffNames?: string[];
}

export class DecideEmployerDto {
  @ApiProperty({ description: 'true: approve (a booth is assigned); false: reject' })
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({ description: 'required when rejecting' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class EmployerAttendanceDto {
  @ApiProperty({ description: 'true: came to its booth; false: no-show' })
  @IsBoolean()
  present: boolean;
}

export class EmployerRegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fairId: string;
  @ApiProperty({ format: 'uuid' }) employerOrganisationId: string;
  @ApiProperty() employerName: string;
  @ApiProperty({ type: [String] }) jobPostIds: string[];
  @ApiProperty({ description: 'the places of those posts' }) places: number;
  @ApiProperty({ type: [String] }) staffNames: string[];
  @ApiProperty({ enum: EMPLOYER_REGISTRATION_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: Number }) boothNo: number | null;
  @ApiProperty({ nullable: true, type: String, enum: ['present', 'no-show'] }) attendance: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class HireTermsDto {
  @ApiProperty({ example: '2027-03-15' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ example: '2028-03-14' })
  @IsOptional()
  @IsCalendarDate()
  contractEndDate?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'one of the posts the enterprise brought' })
  @IsOptional()
  @IsUUID()
  jobPostId?: string;

  @ApiPropertyOptional({ example: 'jifeng', description: 'without jobPostId: the township of the work' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;

  @ApiPropertyOptional({ enum: POST_KINDS, default: 'regular' })
  @IsOptional()
  @IsIn(POST_KINDS)
  postKind?: PostKind;

  @ApiPropertyOptional({ description: 'integer fen per month' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employerSocialInsuranceMonthlyFen?: number;
}

export class RecordOutcomeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  employerOrganisationId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  seekerUserId: string;

  @ApiProperty({ enum: FAIR_OUTCOME_KINDS })
  @IsIn(FAIR_OUTCOME_KINDS, { message: `kind must be one of ${FAIR_OUTCOME_KINDS.join(', ')}` })
  kind: FairOutcomeKind;

  @ApiPropertyOptional({
    type: HireTermsDto,
    description: 'required for kind hired: the placement it records',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => HireTermsDto)
  hire?: HireTermsDto;
}

export class FairOutcomeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fairId: string;
  @ApiProperty({ format: 'uuid' }) employerOrganisationId: string;
  @ApiProperty({ format: 'uuid' }) seekerUserId: string;
  @ApiProperty({ enum: FAIR_OUTCOME_KINDS }) kind: FairOutcomeKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) placementId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreateVenueDto {
  @ApiProperty({ example: '稷山县人力资源市场' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 300)
  address?: string;

  @ApiPropertyOptional({ example: 'jifeng' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;

  @ApiProperty({ minimum: 0, maximum: 2000 })
  @IsInt()
  @Min(0)
  @Max(2000)
  boothCount: number;

  @ApiProperty({ minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100000)
  seekerCapacity: number;
}

export class VenueView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) townshipCode: string | null;
  @ApiProperty() boothCount: number;
  @ApiProperty() seekerCapacity: number;
}

export class FairPlanDto {
  @ApiProperty({ minimum: 0, example: 18 })
  @IsInt()
  @Min(0)
  @Max(1000)
  fairsTarget: number;

  @ApiProperty({ minimum: 0, example: 1000 })
  @IsInt()
  @Min(0)
  @Max(1000000)
  hiresTarget: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class FairYearView {
  @ApiProperty() year: number;
  @ApiProperty() fairsTarget: number;
  @ApiProperty() hiresTarget: number;
  @ApiProperty({ description: 'fairs of the year not cancelled' }) fairsPlanned: number;
  @ApiProperty() fairsHeld: number;
  @ApiProperty() hires: number;
  @ApiProperty({ type: [FairView] }) fairs: FairView[];
}

export class YearParam {
  @ApiProperty({ example: '2027' })
  @Matches(/^\d{4}$/, { message: 'year must be a year, e.g. 2027' })
  year: string;
}

export class FairReportSeekersView {
  @ApiProperty() confirmed: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() cancelled: number;
  @ApiProperty() walkIns: number;
  @ApiProperty({ description: 'checked in at the door' }) present: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'among those present: graduate, rural-labourer, difficult, poverty-alleviated',
  })
  keyGroups: Record<string, number>;
}

export class FairReportEmployersView {
  @ApiProperty() registered: number;
  @ApiProperty() approved: number;
  @ApiProperty() rejected: number;
  @ApiProperty() present: number;
  @ApiProperty() noShow: number;
}

export class FairReportView {
  @ApiProperty({ type: 'object', additionalProperties: true }) fair: Record<string, unknown>;
  @ApiProperty({ type: FairReportSeekersView }) seekers: FairReportSeekersView;
  @ApiProperty({ type: FairReportEmployersView }) employers: FairReportEmployersView;
  @ApiProperty({ description: 'posts brought by approved enterprises' }) posts: number;
  @ApiProperty({ description: 'places of those posts' }) places: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'total, duplicates, unknown, offline',
  })
  scans: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'intention, interview, offer, hired',
  })
  outcomes: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'visits, resumes, slots, interviewsBooked',
  })
  booth: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description:
      'online fairs, apart from attendance: visits (per visitor, booth and day), visitors, applications',
  })
  online: Record<string, number>;
  @ApiProperty() hires: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    description: 'each step against the one before, in basis points (10000 = 100%)',
  })
  conversion: Record<string, number | null>;
}

export class SlotTimeDto {
  @Time('startsAt', '2027-03-06T09:30:00+08:00') startsAt: string;
  @Time('endsAt', '2027-03-06T09:45:00+08:00') endsAt: string;
}

export class OfferSlotsDto {
  @ApiProperty({ type: [SlotTimeDto], maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SlotTimeDto)
  slots: SlotTimeDto[];
}

export class InterviewSlotView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fairId: string;
  @ApiProperty({ format: 'uuid' }) employerRegistrationId: string;
  @ApiProperty({ format: 'uuid' }) employerOrganisationId: string;
  @ApiProperty() employerName: string;
  @ApiProperty({ nullable: true, type: Number }) boothNo: number | null;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ description: 'booked (by anyone)' }) booked: boolean;
  @ApiProperty({ description: 'booked by the one asking' }) mine: boolean;
}

export class BoothVisitDto {
  @ApiProperty({ description: "the seeker's ticket, read at the booth" })
  @IsString()
  @Length(1, 200)
  ticketCode: string;

  @ApiPropertyOptional({ default: false, description: '收到简历' })
  @IsOptional()
  @IsBoolean()
  resumeReceived?: boolean;
}

export class BoothVisitView {
  @ApiProperty({ format: 'uuid' }) seekerUserId: string;
  @ApiProperty() seekerDisplayName: string;
  @ApiProperty({ format: 'date-time' }) visitedAt: string;
  @ApiProperty() resumeReceived: boolean;
}

// ---- online fairs (线上招聘会) ----

export class BoothParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'the enterprise’s registration for the fair (its booth)' })
  @IsUUID('all', { message: 'registrationId must be a UUID' })
  registrationId: string;
}

export class OnlineVisitDto {
  @ApiPropertyOptional({
    description:
      'a visitor not signed in: a random key the browser keeps (8–80 characters); ignored when signed in',
  })
  @IsOptional()
  @IsString()
  @Length(8, 80)
  visitorKey?: string;
}

export class OnlineVisitView {
  @ApiProperty({ description: 'false: this visitor was at this booth today already (counted once)' })
  counted: boolean;
}

export class BoothApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'jobPostId must be a UUID' })
  jobPostId: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  coverNote?: string;
}

export class OnlineBoothPostView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) occupation: string | null;
  @ApiProperty() headcount: number;
  @ApiProperty({ type: Number, nullable: true }) wageMinFen: number | null;
  @ApiProperty({ type: Number, nullable: true }) wageMaxFen: number | null;
  @ApiProperty({ type: String, nullable: true, example: '稷峰镇' }) township: string | null;
  @ApiProperty({ example: 'full-time' }) employmentType: string;
}

export class OnlineBoothView {
  @ApiProperty({ format: 'uuid' }) registrationId: string;
  @ApiProperty({ type: Number, nullable: true }) boothNo: number | null;
  @ApiProperty() employerName: string;
  @ApiProperty({ type: [OnlineBoothPostView] }) posts: OnlineBoothPostView[];
  @ApiProperty({ description: 'online visits (one per visitor and day)' }) visits: number;
  @ApiProperty({ description: 'applications sent from the booth' }) applications: number;
}

export class OnlineBoothListView {
  @ApiProperty({ type: String, nullable: true, description: '直播带岗: the livestream address' })
  livestreamUrl: string | null;
  @ApiProperty({ type: [OnlineBoothView] }) items: OnlineBoothView[];
}
