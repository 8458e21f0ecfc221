import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import * as QRCode from 'qrcode';
import { ApplicationService, ApplicationView } from '@app/applications';
import { requestIdOf } from '@app/audit';
import { OptionalUserResolver, UserDirectory } from '@app/identity';
import { AuthUser, CurrentUser, Public, Role, Roles, UuidParam, IdempotentPost } from '@app/platform';
import {
  CheckInBatchDto,
  CheckInBatchView,
  CheckInDto,
  CheckInView,
  CreateFairDto,
  CreateVenueDto,
  DecideEmployerDto,
  EmployerAttendanceDto,
  EmployerRegistrationView,
  FairListView,
  FairOutcomeView,
  FairPlanDto,
  FairReportView,
  FairSeekerListView,
  FairView,
  FairYearView,
  ListFairSeekersQuery,
  ListFairsQuery,
  OfferSlotsDto,
  InterviewSlotView,
  BoothVisitDto,
  BoothVisitView,
  RecordOutcomeDto,
  FairEmployerRegistrationDto,
  SeekerRegistrationView,
  VenueView,
  WalkInDto,
  YearParam,
  BoothApplicationDto,
  BoothParam,
  OnlineBoothListView,
  OnlineVisitDto,
  OnlineVisitView,
} from './fair.dto';
import { FairOnlineBooths } from './fair-online';
import { FairBooth } from './fair-booth.service';
import { FairDoor } from './fair-door.service';
import { FairEmployers } from './fair-employers.service';
import { FairReports } from './fair-report';
import { FairSeekers } from './fair-seekers.service';
import { FairStatus } from './fair.rules';
import { FairsService, PUBLIC_STATUSES } from './fairs.service';
import {
  chinaTime,
  employerRegistrationView,
  fairSeekerView,
  fairView,
  outcomeView,
  seekerRegistrationView,
  slotView,
  venueView,
} from './fair-views';
import { RecordFairOutcome } from './record-fair-outcome';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STAFF_SIDE = new Set<string>([Role.Staff, Role.Admin]);
const yearStart = (y: number) => new Date(`${y}-01-01T00:00:00+08:00`);

/** 专场招聘会: the calendar (public), planning and the door (staff), registrations (seekers, enterprises). */
@ApiTags('fairs')
@ApiBearerAuth()
@Controller('api/v1/fairs')
export class FairsController {
  constructor(
    private readonly fairs: FairsService,
    private readonly seekers: FairSeekers,
    private readonly employers: FairEmployers,
    private readonly door: FairDoor,
    private readonly reports: FairReports,
    private readonly outcomes: RecordFairOutcome,
    private readonly booth: FairBooth,
    private readonly optionalUser: OptionalUserResolver,
    private readonly directory: UserDirectory,
    private readonly online: FairOnlineBooths,
    private readonly applicationViews: ApplicationService,
  ) {}

  @IdempotentPost()
  @HttpCode(201)
  @Roles(Role.Staff)
  @ApiCreatedResponse({ type: FairView })
  @ApiBadRequestResponse({ description: 'times out of order, no such venue or township — names the field' })
  @ApiConflictResponse({ description: 'the venue is booked for another fair at these times' })
  async plan(@CurrentUser() u: AuthUser, @Body() b: CreateFairDto, @Req() req: unknown): Promise<FairView> {
    return fairView(
      await this.fairs.plan(
        u,
        {
          ...b,
          startsAt: new Date(b.startsAt),
          endsAt: new Date(b.endsAt),
          seekerRegistrationOpensAt: new Date(b.seekerRegistrationOpensAt),
          seekerRegistrationClosesAt: new Date(b.seekerRegistrationClosesAt),
          employerRegistrationOpensAt: new Date(b.employerRegistrationOpensAt),
          employerRegistrationClosesAt: new Date(b.employerRegistrationClosesAt),
        },
        requestIdOf(req),
      ),
    );
  }

  /** The calendar: open, held and upcoming fairs; staff see drafts and cancelled ones too. */
  @Get()
  @Public()
  @ApiOkResponse({ type: FairListView })
  async list(
    @Query() q: ListFairsQuery,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<FairListView> {
    const user = await this.optionalUser.resolve(authorization);
    const staff = !!user && STAFF_SIDE.has(user.role);
    const allowed = staff ? undefined : PUBLIC_STATUSES;
    const statuses: readonly FairStatus[] | undefined = q.status
      ? allowed && !allowed.includes(q.status)
        ? []
        : [q.status]
      : allowed;
    const year = q.year ? Number(q.year) : undefined;
    const { rows, total } = await this.fairs.list(
      { statuses, from: year ? yearStart(year) : undefined, to: year ? yearStart(year + 1) : undefined },
      q.limit ?? 20,
      q.offset ?? 0,
    );
    return { items: rows.map(fairView), total };
  }

  /** The year's plan and how far it is: fairs held of the target, hires of the target (一(一)). */
  @Get('years/:year')
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: FairYearView })
  async year(@Param() p: YearParam): Promise<FairYearView> {
    const year = Number(p.year);
    const [summary, fairs] = await Promise.all([this.reports.ofYear(year), this.fairs.ofYear(year)]);
    return { ...summary, fairs: fairs.map(fairView) };
  }

  @Put('years/:year/plan')
  @Roles(Role.Staff)
  @ApiOkResponse({ type: FairYearView })
  async savePlan(
    @CurrentUser() u: AuthUser,
    @Param() p: YearParam,
    @Body() b: FairPlanDto,
    @Req() req: unknown,
  ): Promise<FairYearView> {
    await this.fairs.saveYearPlan(
      u,
      { year: Number(p.year), fairsTarget: b.fairsTarget, hiresTarget: b.hiresTarget, note: b.note ?? null },
      requestIdOf(req),
    );
    return this.year(p);
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: FairView })
  @ApiNotFoundResponse({ description: 'no such fair (drafts are staff’s)' })
  async get(
    @Param() p: UuidParam,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<FairView> {
    const user = await this.optionalUser.resolve(authorization);
    return fairView(await this.fairs.get(p.id, !!user && STAFF_SIDE.has(user.role)));
  }

  @IdempotentPost(':id/open')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: FairView })
  @ApiConflictResponse({ description: 'not a draft (or closed) fair' })
  async open(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Req() req: unknown): Promise<FairView> {
    return fairView(await this.fairs.move(u, p.id, 'open', requestIdOf(req)));
  }

  @IdempotentPost(':id/close')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: FairView })
  async close(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Req() req: unknown): Promise<FairView> {
    return fairView(await this.fairs.move(u, p.id, 'closed', requestIdOf(req)));
  }

  @IdempotentPost(':id/held')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: FairView })
  async held(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Req() req: unknown): Promise<FairView> {
    return fairView(await this.fairs.move(u, p.id, 'held', requestIdOf(req)));
  }

  @IdempotentPost(':id/reported')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: FairView })
  async reported(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Req() req: unknown): Promise<FairView> {
    return fairView(await this.fairs.move(u, p.id, 'reported', requestIdOf(req)));
  }

  @IdempotentPost(':id/cancel')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: FairView })
  async cancel(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Req() req: unknown): Promise<FairView> {
    return fairView(await this.fairs.move(u, p.id, 'cancelled', requestIdOf(req)));
  }

  // ---- seekers ----

  /** 201 a new registration (confirmed, or on the waiting list); 200 the seeker's existing one. */
  @IdempotentPost(':id/seeker-registrations')
  @Roles(Role.Seeker)
  @ApiCreatedResponse({ type: SeekerRegistrationView })
  @ApiOkResponse({
    type: SeekerRegistrationView,
    description: 'the seeker was registered already: that registration',
  })
  @ApiConflictResponse({ description: 'the fair is not open, or outside its registration window' })
  async register(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SeekerRegistrationView> {
    const { registration, created } = await this.seekers.register(u, p.id);
    reply.status(created ? 201 : 200);
    return seekerRegistrationView(registration);
  }

  @Get(':id/seeker-registrations/mine')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: SeekerRegistrationView })
  @ApiNotFoundResponse({ description: 'not registered' })
  async mine(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<SeekerRegistrationView> {
    return seekerRegistrationView(await this.seekers.mine(u, p.id));
  }

  /** Cancels; the first on the waiting list takes the place. */
  @Delete(':id/seeker-registrations/mine')
  @HttpCode(200)
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: SeekerRegistrationView })
  async cancelMine(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<SeekerRegistrationView> {
    return seekerRegistrationView(await this.seekers.cancel(u, p.id));
  }

  @Get(':id/seeker-registrations')
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: FairSeekerListView })
  async seekersOf(@Param() p: UuidParam, @Query() q: ListFairSeekersQuery): Promise<FairSeekerListView> {
    const { rows, total } = await this.seekers.seekersOfFair(p.id, q.status, q.limit ?? 50, q.offset ?? 0);
    const names = new Map(
      [...(await this.directory.summaries(rows.map((r) => r.seekerUserId)))].map(([id, s]) => [
        id,
        s.displayName,
      ]),
    );
    return { items: rows.map((r) => fairSeekerView(r, names)), total };
  }

  /** 现场登记: a seeker who came without registering; their ticket is scanned next. */
  @IdempotentPost(':id/walk-ins')
  @HttpCode(201)
  @Roles(Role.Staff)
  @ApiCreatedResponse({ type: SeekerRegistrationView })
  async walkIn(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: WalkInDto,
    @Req() req: unknown,
  ): Promise<SeekerRegistrationView> {
    return seekerRegistrationView(await this.seekers.walkIn(u, p.id, b.seekerUserId, requestIdOf(req)));
  }

  // ---- the door ----

  @IdempotentPost(':id/check-ins')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: CheckInView })
  @ApiNotFoundResponse({ description: 'an unknown ticket, or one of another fair' })
  async checkIn(@Param() p: UuidParam, @Body() b: CheckInDto): Promise<CheckInView> {
    const r = await this.door.checkIn(p.id, {
      ticketCode: b.ticketCode,
      nonce: b.nonce,
      deviceId: b.deviceId,
      scannedAt: b.scannedAt ? new Date(b.scannedAt) : undefined,
    });
    return { result: r.result, checkedInAt: chinaTime(r.checkedInAt), registrationId: r.registrationId };
  }

  /** An offline device's queue, uploaded when it is back online. */
  @IdempotentPost(':id/check-ins/batch')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: CheckInBatchView })
  async checkInBatch(@Param() p: UuidParam, @Body() b: CheckInBatchDto): Promise<CheckInBatchView> {
    return this.door.checkInBatch(
      p.id,
      b.deviceId,
      b.scans.map((s) => ({ ticketCode: s.ticketCode, nonce: s.nonce, scannedAt: new Date(s.scannedAt) })),
    );
  }

  // ---- enterprises ----

  /** 201 a new registration (pending review); 200 the enterprise's existing one. */
  @IdempotentPost(':id/employer-registrations')
  @Roles(Role.Employer)
  @ApiCreatedResponse({ type: EmployerRegistrationView })
  @ApiConflictResponse({ description: 'the fair is not open, or outside its registration window' })
  async registerEmployer(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: FairEmployerRegistrationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EmployerRegistrationView> {
    const { registration, created } = await this.employers.register(u, p.id, {
      jobPostIds: b.jobPostIds,
      staffNames: b.staffNames ?? [],
    });
    reply.status(created ? 201 : 200);
    return employerRegistrationView(
      registration,
      await this.employers.names([registration.employerOrganisationId]),
    );
  }

  /** Staff: every enterprise of the fair, by booth; an employer: its own. */
  @Get(':id/employer-registrations')
  @Roles(Role.Staff, Role.Admin, Role.Employer)
  @ApiOkResponse({ type: [EmployerRegistrationView] })
  async employersOf(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<EmployerRegistrationView[]> {
    const rows = await this.employers.ofFair(u, p.id);
    const names = await this.employers.names(rows.map((r) => r.employerOrganisationId));
    return rows.map((r) => employerRegistrationView(r, names));
  }

  // ---- at the booth ----

  /** The fair's interview slots, by time: free or booked (a seeker sees which one is theirs). */
  @Get(':id/interview-slots')
  @Roles(Role.Seeker, Role.Employer, Role.Staff, Role.Admin)
  @ApiOkResponse({ type: [InterviewSlotView] })
  async slots(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<InterviewSlotView[]> {
    const slots = await this.booth.slots(p.id);
    const names = await this.employers.names(slots.map((x) => x.employerOrganisationId));
    return slots.map((x) => slotView(x, names, u.id));
  }

  /** The enterprise scans a seeker's ticket at its booth: a visit, and the résumé if received (201 new, 200 again). */
  @IdempotentPost(':id/booth-visits')
  @Roles(Role.Employer)
  @ApiCreatedResponse({ type: BoothVisitView })
  @ApiNotFoundResponse({ description: 'an unknown ticket, or one of another fair' })
  async visit(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: BoothVisitDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BoothVisitView> {
    const v = await this.booth.visit(u, p.id, {
      ticketCode: b.ticketCode,
      resumeReceived: b.resumeReceived ?? false,
    });
    reply.status(v.created ? 201 : 200);
    return {
      seekerUserId: v.seekerUserId,
      seekerDisplayName: v.seekerDisplayName,
      visitedAt: chinaTime(v.visitedAt),
      resumeReceived: v.resumeReceived,
    };
  }

  // ---- outcomes and reports ----

  /** 达成意向 / 面试 / 录用通知 / 录用 (a hire records its placement); 200 when recorded before. */
  @IdempotentPost(':id/outcomes')
  @Roles(Role.Staff, Role.Employer)
  @ApiCreatedResponse({ type: FairOutcomeView })
  async outcome(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: RecordOutcomeDto,
    @Req() req: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FairOutcomeView> {
    const { outcome, created } = await this.outcomes.record(
      u,
      p.id,
      {
        employerOrganisationId: b.employerOrganisationId,
        seekerUserId: b.seekerUserId,
        kind: b.kind,
        hire: b.hire
          ? {
              ...b.hire,
              contractEndDate: b.hire.contractEndDate ?? null,
              postKind: b.hire.postKind ?? 'regular',
              employerSocialInsuranceMonthlyFen: b.hire.employerSocialInsuranceMonthlyFen ?? null,
            }
          : undefined,
      },
      requestIdOf(req),
    );
    reply.status(created ? 201 : 200);
    return outcomeView(outcome);
  }

  // ---- online fairs (线上招聘会, 直播带岗) ----

  @Get(':id/booths')
  @Public()
  @ApiOkResponse({ type: OnlineBoothListView })
  @ApiNotFoundResponse({ description: 'no such fair, or it is on-site only (code not-online)' })
  async booths(@Param() p: UuidParam): Promise<OnlineBoothListView> {
    const fair = await this.fairs.get(p.id, false);
    return { livestreamUrl: fair.livestreamUrl, items: await this.online.booths(p.id) };
  }

  @IdempotentPost(':id/booths/:registrationId/visits')
  @Public()
  @ApiCreatedResponse({
    type: OnlineVisitView,
    description: 'counted (201); a repeat the same day answers 200',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the fair’s online booths are closed' })
  async onlineVisit(
    @Param() p: BoothParam,
    @Body() b: OnlineVisitDto,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OnlineVisitView> {
    const user = await this.optionalUser.resolve(authorization);
    const counted = await this.online.visit(p.id, p.registrationId, user, b.visitorKey);
    reply.status(counted ? 201 : 200);
    return { counted };
  }

  @IdempotentPost(':id/booths/:registrationId/applications')
  @HttpCode(201)
  @Roles(Role.Seeker)
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiBadRequestResponse({ description: 'the post is not at this booth (names jobPostId)' })
  @ApiConflictResponse({ description: 'applied already, the post is closed, or the booths are closed' })
  async applyAtBooth(
    @CurrentUser() u: AuthUser,
    @Param() p: BoothParam,
    @Body() b: BoothApplicationDto,
  ): Promise<ApplicationView> {
    const id = await this.online.apply(u, p.id, p.registrationId, b.jobPostId, b.coverNote);
    return this.applicationViews.view(id);
  }

  @Get(':id/report')
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: FairReportView })
  async report(@Param() p: UuidParam): Promise<FairReportView> {
    return (await this.reports.ofFair(p.id)) as unknown as FairReportView;
  }

  @Get(':id/report.xlsx')
  @Roles(Role.Staff, Role.Admin)
  @ApiProduces(XLSX)
  async reportSheet(@Param() p: UuidParam): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.sheet(p.id), {
      type: XLSX,
      disposition: `attachment; filename="fair-report.xlsx"; filename*=UTF-8''${encodeURIComponent('招聘会统计.xlsx')}`,
    });
  }
}

/** The seeker's tickets (入场二维码) and registrations. */
@ApiTags('fairs')
@ApiBearerAuth()
@Controller('api/v1/fair-registrations')
export class FairTicketsController {
  constructor(private readonly seekers: FairSeekers) {}

  @Get('mine')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: [SeekerRegistrationView] })
  async mine(@CurrentUser() u: AuthUser): Promise<SeekerRegistrationView[]> {
    return (await this.seekers.ofSeeker(u)).map(seekerRegistrationView);
  }

  @Get(':id/ticket.png')
  @Roles(Role.Seeker)
  @ApiProduces('image/png')
  @ApiNotFoundResponse({ description: 'not your registration' })
  async png(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<StreamableFile> {
    const r = await this.seekers.ticketOf(u, p.id);
    const png = await QRCode.toBuffer(r.ticketCode, {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 320,
    });
    return new StreamableFile(png, { type: 'image/png', disposition: 'inline' });
  }

  @Get(':id/ticket.svg')
  @Roles(Role.Seeker)
  @ApiProduces('image/svg+xml')
  async svg(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<StreamableFile> {
    const r = await this.seekers.ticketOf(u, p.id);
    const svg = await QRCode.toString(r.ticketCode, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return new StreamableFile(Buffer.from(svg, 'utf8'), { type: 'image/svg+xml', disposition: 'inline' });
  }
}

/** Staff decide enterprises' registrations and record who came. */
@ApiTags('fairs')
@ApiBearerAuth()
@Controller('api/v1/fair-employer-registrations')
export class FairEmployerRegistrationsController {
  constructor(
    private readonly employers: FairEmployers,
    private readonly booth: FairBooth,
  ) {}

  @Get('mine')
  @Roles(Role.Employer)
  @ApiOkResponse({ type: [EmployerRegistrationView] })
  async mine(@CurrentUser() u: AuthUser): Promise<EmployerRegistrationView[]> {
    const rows = await this.employers.mine(u);
    const names = await this.employers.names(rows.map((r) => r.employerOrganisationId));
    return rows.map((r) => employerRegistrationView(r, names));
  }

  @IdempotentPost(':id/decision')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: EmployerRegistrationView })
  @ApiConflictResponse({ description: 'decided otherwise already, or no booth left' })
  async decide(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: DecideEmployerDto,
    @Req() req: unknown,
  ): Promise<EmployerRegistrationView> {
    const r = await this.employers.decide(
      u,
      p.id,
      { approve: b.approve, reason: b.reason },
      requestIdOf(req),
    );
    return employerRegistrationView(r, await this.employers.names([r.employerOrganisationId]));
  }

  /** Interview slots at the booth (the enterprise itself, or staff); a start offered already is skipped. */
  @IdempotentPost(':id/interview-slots')
  @HttpCode(201)
  @Roles(Role.Employer, Role.Staff)
  @ApiCreatedResponse({ type: [InterviewSlotView] })
  async offerSlots(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: OfferSlotsDto,
  ): Promise<InterviewSlotView[]> {
    const slots = await this.booth.offerSlots(
      u,
      p.id,
      b.slots.map((x) => ({ startsAt: new Date(x.startsAt), endsAt: new Date(x.endsAt) })),
    );
    const names = await this.employers.names(slots.map((x) => x.employerOrganisationId));
    return slots.map((x) => slotView(x, names, u.id));
  }

  @IdempotentPost(':id/attendance')
  @HttpCode(200)
  @Roles(Role.Staff)
  @ApiOkResponse({ type: EmployerRegistrationView })
  async attendance(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: EmployerAttendanceDto,
  ): Promise<EmployerRegistrationView> {
    const r = await this.employers.attendance(u, p.id, b.present);
    return employerRegistrationView(r, await this.employers.names([r.employerOrganisationId]));
  }
}

/** Venues (场地) the fairs are held in. */
@ApiTags('fairs')
@ApiBearerAuth()
@Controller('api/v1/fair-venues')
export class FairVenuesController {
  constructor(private readonly fairs: FairsService) {}

  @Get()
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: [VenueView] })
  async list(): Promise<VenueView[]> {
    return (await this.fairs.venues()).map(venueView);
  }

  @IdempotentPost()
  @HttpCode(201)
  @Roles(Role.Staff)
  @ApiCreatedResponse({ type: VenueView })
  @ApiConflictResponse({ description: 'a venue of this name exists' })
  async add(@Body() b: CreateVenueDto): Promise<VenueView> {
    return venueView(
      await this.fairs.addVenue({
        name: b.name,
        address: b.address?.trim() || null,
        townshipCode: b.townshipCode ?? null,
        boothCount: b.boothCount,
        seekerCapacity: b.seekerCapacity,
      }),
    );
  }
}

/** A seeker books (or gives back) an interview slot at a booth. */
@ApiTags('fairs')
@ApiBearerAuth()
@Controller('api/v1/fair-interview-slots')
export class FairInterviewSlotsController {
  constructor(
    private readonly booth: FairBooth,
    private readonly employers: FairEmployers,
  ) {}

  @IdempotentPost(':id/booking')
  @HttpCode(200)
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: InterviewSlotView })
  @ApiConflictResponse({
    description: 'taken by someone else, overlapping another of yours, or not registered for the fair',
  })
  async book(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<InterviewSlotView> {
    const slot = await this.booth.book(u, p.id);
    return slotView(slot, await this.employers.names([slot.employerOrganisationId]), u.id);
  }

  @Delete(':id/booking')
  @HttpCode(200)
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: InterviewSlotView })
  async unbook(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<InterviewSlotView> {
    const slot = await this.booth.unbook(u, p.id);
    return slotView(slot, await this.employers.names([slot.employerOrganisationId]), u.id);
  }
}
