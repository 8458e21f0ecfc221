import { Body, Controller, Get, Headers, HttpCode, Param, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { requestIdOf } from '@app/audit';
import { OptionalUserResolver, UserDirectory } from '@app/identity';
import {
  AuthUser,
  CurrentUser,
  DomainError,
  PageQuery,
  Public,
  Role,
  Roles,
  UuidParam,
  IdempotentPost,
} from '@app/platform';
import {
  CheckPosterDto,
  AcceptanceResult,
  AcceptanceView,
  AvailabilityDto,
  AvailabilityView,
  CheckDto,
  CompleteDto,
  CreateGigDto,
  CreatePointDto,
  CreatedView,
  DecideReportDto,
  DisputeDto,
  DisputeListQuery,
  DisputeListView,
  DisputeView,
  GigAcceptancesView,
  GigListQuery,
  GigListView,
  GigPointListView,
  GigPointView,
  GigStatisticsRow,
  GigStatisticsView,
  GigView,
  GigVocabularyView,
  HandleDisputeDto,
  InviteDto,
  MyGigListView,
  OptionalReasonDto,
  RateDto,
  ReasonDto,
  ReportDto,
  ReportListQuery,
  PosterCheckResult,
  PosterOrganisationListView,
  ReportListView,
  ReportView,
  ReviewGigDto,
  StatisticsQuery,
  WorkerParam,
} from './gig.dto';
import {
  AcceptanceRecord,
  AvailabilityRecord,
  DisputeEventRecord,
  DisputeRecord,
  GigRecord,
} from './gig.repository';
import {
  COMMON_GIG_TRADES,
  DISPUTE_KIND_NAMES,
  GIG_STATUS_NAMES,
  PAY_UNIT_NAMES,
  REPORT_REASON_NAMES,
} from './gig.rules';
import { GigAcceptances, WorkStep } from './gig-acceptances.service';
import { GigCases } from './gig-cases.service';
import { PosterChecks } from './poster-checks.service';
import {
  acceptanceView,
  disputeView,
  gigView,
  posterOrganisationView,
  reportView,
  townshipName,
} from './gig-views';
import { GigsService, isPosterOf, isStaffSide } from './gigs.service';

const POSTERS = [Role.Employer, Role.Agency, Role.Staff, Role.Admin, Role.Seeker] as const;
const STAFF = [Role.Staff, Role.Admin] as const;
const PARTIES = [Role.Seeker, Role.Employer, Role.Agency, Role.Staff, Role.Admin] as const;

/** 公益性零工市场: posting and review, taking and doing gigs, disputes and reports, gig points, statistics. */
@ApiTags('gigs')
@ApiBearerAuth()
@Controller('api/v1/gigs')
export class GigsController {
  constructor(
    private readonly gigs: GigsService,
    private readonly acceptances: GigAcceptances,
    private readonly cases: GigCases,
    private readonly posterChecks: PosterChecks,
    private readonly directory: UserDirectory,
    private readonly optionalUser: OptionalUserResolver,
  ) {}

  @Get('vocabulary')
  @Public()
  @ApiOkResponse({ type: GigVocabularyView })
  vocabulary(): GigVocabularyView {
    return {
      trades: [...COMMON_GIG_TRADES],
      payUnits: PAY_UNIT_NAMES,
      statuses: GIG_STATUS_NAMES,
      disputeKinds: DISPUTE_KIND_NAMES,
      reportReasons: REPORT_REASON_NAMES,
    };
  }

  /** 201 the gig: `open` at once, or `pending-review` with the screen's reasons. */
  @IdempotentPost()
  @HttpCode(201)
  @Roles(...POSTERS)
  @ApiCreatedResponse({ type: GigView })
  @ApiBadRequestResponse({
    description: 'a day in the past, headcount < 1, pay below zero, times out of order — names the field',
  })
  @ApiForbiddenResponse({
    description: 'real-name-required (a resident without an ID number) or poster-suspended',
  })
  async post(@CurrentUser() u: AuthUser, @Body() b: CreateGigDto, @Req() req: unknown): Promise<GigView> {
    return this.view(await this.gigs.post(u, b, requestIdOf(req) ?? undefined), u);
  }

  @Get('mine')
  @Roles(...POSTERS)
  @ApiOkResponse({
    type: GigListView,
    description: 'the gigs this person or organisation posted, newest day first',
  })
  async minePosted(@CurrentUser() u: AuthUser, @Query() p: PageQuery): Promise<GigListView> {
    const { items, total } = await this.gigs.ofPoster(u, p.limit ?? 20, p.offset ?? 0);
    return { items: await this.views(items, u), total };
  }

  @Get()
  @Roles(...STAFF)
  @ApiOkResponse({ type: GigListView, description: 'every gig (the review queue first)' })
  async list(@CurrentUser() u: AuthUser, @Query() p: GigListQuery): Promise<GigListView> {
    const { items, total } = await this.gigs.list(
      { status: p.status, townshipCode: p.townshipCode },
      p.limit ?? 20,
      p.offset ?? 0,
    );
    return { items: await this.views(items, u), total };
  }

  // ---- gig points, statistics ----

  @Get('points')
  @Public()
  @ApiOkResponse({ type: GigPointListView })
  async points(): Promise<GigPointListView> {
    return {
      items: (await this.gigs.points()).map((p) => ({ ...p, township: townshipName(p.townshipCode) })),
    };
  }

  @IdempotentPost('points')
  @HttpCode(201)
  @Roles(...STAFF)
  @ApiCreatedResponse({ type: GigPointView })
  async addPoint(@CurrentUser() u: AuthUser, @Body() b: CreatePointDto): Promise<GigPointView> {
    const p = await this.gigs.addPoint(u, b);
    return { ...p, township: townshipName(p.townshipCode) };
  }

  @Get('statistics')
  @Roles(...STAFF)
  @ApiOkResponse({ type: GigStatisticsView })
  async statistics(@Query() q: StatisticsQuery): Promise<GigStatisticsView> {
    if (q.to < q.from) throw DomainError.invalid('to', 'to must not be before from');
    const rows: GigStatisticsRow[] = (await this.gigs.statistics(q.from, q.to)).map((r) => ({
      townshipCode: r.township_code as string,
      township: townshipName(r.township_code as string),
      trade: r.trade as string,
      posted: Number(r.posted),
      filled: Number(r.filled),
      completed: Number(r.completed),
      peopleServed: Number(r.people_served),
      wagesConfirmedFen: Number(r.wages_confirmed_fen),
      disputes: Number(r.disputes),
      disputesResolved: Number(r.disputes_resolved),
      resolutionHours: r.resolution_hours === null ? null : Math.round(Number(r.resolution_hours) * 10) / 10,
    }));
    const sum = (k: keyof GigStatisticsRow) => rows.reduce((s, r) => s + (r[k] as number), 0);
    const resolved = rows.filter((r) => r.resolutionHours !== null);
    const total: GigStatisticsRow = {
      townshipCode: '',
      township: '全县',
      trade: '',
      posted: sum('posted'),
      filled: sum('filled'),
      completed: sum('completed'),
      // People are counted per row; the county total counts each row's people (a worker in two trades counts twice).
      peopleServed: sum('peopleServed'),
      wagesConfirmedFen: sum('wagesConfirmedFen'),
      disputes: sum('disputes'),
      disputesResolved: sum('disputesResolved'),
      resolutionHours: resolved.length
        ? Math.round(
            (resolved.reduce((s, r) => s + (r.resolutionHours as number) * r.disputesResolved, 0) /
              resolved.reduce((s, r) => s + r.disputesResolved, 0)) *
              10,
          ) / 10
        : null,
    };
    return { from: q.from, to: q.to, rows, total };
  }

  // ---- availability ----

  @Get('availability/me')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: AvailabilityView })
  @ApiNotFoundResponse({ description: 'no availability published yet' })
  async myAvailability(@CurrentUser() u: AuthUser): Promise<AvailabilityView> {
    const a = await this.gigs.availability(u.id);
    if (!a) throw DomainError.notFound('Availability');
    return availabilityView(a);
  }

  @Put('availability/me')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: AvailabilityView })
  async putAvailability(@CurrentUser() u: AuthUser, @Body() b: AvailabilityDto): Promise<AvailabilityView> {
    return availabilityView(await this.gigs.putAvailability(u, b));
  }

  // ---- the worker's gigs and the doing of them ----

  @Get('acceptances/mine')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: MyGigListView })
  async myAcceptances(@CurrentUser() u: AuthUser, @Query() p: PageQuery): Promise<MyGigListView> {
    const { items, total } = await this.acceptances.mine(u, p.limit ?? 20, p.offset ?? 0);
    const ratings = await this.acceptances.ratingsOf(items.map((i) => i.acceptance.id));
    const posters = await this.posterNames(items.map((i) => i.gig));
    const me = (await this.directory.summaries([u.id])).get(u.id)?.displayName ?? '';
    return {
      items: items.map(({ acceptance, gig }) => {
        const mine = acceptanceView(
          acceptance,
          me,
          ratings.filter((r) => r.acceptanceId === acceptance.id),
        );
        return {
          acceptance: mine,
          gig: gigView(gig, {
            posterName: posters.get(gig.id)?.name ?? '',
            posterVerified: posters.get(gig.id)?.verified ?? false,
            canManage: false,
            phone: acceptance.status === 'accepted' ? this.gigs.contactPhone(gig) : null,
            showPhone: acceptance.status === 'accepted',
            mine,
          }),
        };
      }),
      total,
    };
  }

  @IdempotentPost('acceptances/:id/check-in')
  @HttpCode(200)
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: AcceptanceView })
  checkIn(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Body() b: CheckDto, @Req() req: unknown) {
    return this.step(
      u,
      p.id,
      { kind: 'check-in', townshipCode: b.townshipCode, at: b.at ? new Date(b.at) : undefined },
      req,
    );
  }

  @IdempotentPost('acceptances/:id/check-out')
  @HttpCode(200)
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: AcceptanceView })
  @ApiBadRequestResponse({ description: 'check-out before check-in' })
  checkOut(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Body() b: CheckDto, @Req() req: unknown) {
    return this.step(
      u,
      p.id,
      { kind: 'check-out', townshipCode: b.townshipCode, at: b.at ? new Date(b.at) : undefined },
      req,
    );
  }

  @IdempotentPost('acceptances/:id/wage-received')
  @HttpCode(200)
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: AcceptanceView })
  wageReceived(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Req() req: unknown) {
    return this.step(u, p.id, { kind: 'wage-received' }, req);
  }

  @IdempotentPost('acceptances/:id/completion')
  @HttpCode(200)
  @Roles(...POSTERS)
  @ApiOkResponse({ type: AcceptanceView, description: 'the poster confirms the work done and the wage paid' })
  complete(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Body() b: CompleteDto, @Req() req: unknown) {
    return this.step(u, p.id, { kind: 'complete', wagePaidFen: b.wagePaidFen }, req);
  }

  @IdempotentPost('acceptances/:id/no-show')
  @HttpCode(200)
  @Roles(...POSTERS)
  @ApiOkResponse({ type: AcceptanceView })
  noShow(@CurrentUser() u: AuthUser, @Param() p: UuidParam, @Req() req: unknown) {
    return this.step(u, p.id, { kind: 'no-show' }, req);
  }

  @IdempotentPost('acceptances/:id/rating')
  @Roles(...PARTIES)
  @ApiCreatedResponse({ type: CreatedView })
  @ApiOkResponse({ type: CreatedView, description: 'rated already: the first rating stands' })
  async rate(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: RateDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedView> {
    const r = await this.acceptances.rate(u, p.id, b.stars, b.comment ?? null);
    reply.status(r.created ? 201 : 200);
    return r;
  }

  @IdempotentPost('acceptances/:id/disputes')
  @HttpCode(201)
  @Roles(...PARTIES)
  @ApiCreatedResponse({ type: DisputeView })
  @ApiConflictResponse({ description: 'dispute-open: one of this kind is open already' })
  async raiseDispute(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: DisputeDto,
  ): Promise<DisputeView> {
    return this.disputeView(await this.cases.raiseDispute(u, p.id, b.kind, b.description));
  }

  // ---- disputes and reports (staff cases) ----

  @Get('disputes')
  @Roles(...PARTIES)
  @ApiOkResponse({ type: DisputeListView, description: 'staff: every dispute; others: their own' })
  async disputes(@CurrentUser() u: AuthUser, @Query() q: DisputeListQuery): Promise<DisputeListView> {
    const { items, total } = await this.cases.disputes(u, q.status, q.limit ?? 20, q.offset ?? 0);
    return {
      items: await Promise.all(items.map(async (d) => this.disputeView(await this.cases.dispute(u, d.id)))),
      total,
    };
  }

  @Get('disputes/:id')
  @Roles(...PARTIES)
  @ApiOkResponse({ type: DisputeView })
  async dispute(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<DisputeView> {
    return this.disputeView(await this.cases.dispute(u, p.id));
  }

  @IdempotentPost('disputes/:id/actions')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOkResponse({ type: DisputeView })
  async handleDispute(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: HandleDisputeDto,
  ): Promise<DisputeView> {
    return this.disputeView(await this.cases.handle(u, p.id, b.action, b.note));
  }

  // ---- 单位核验: the staff check of posting organisations ----

  @Get('posters')
  @Roles(...STAFF)
  @ApiOkResponse({
    type: PosterOrganisationListView,
    description: 'organisations that posted gigs, with their check',
  })
  async posters(@Query() q: PageQuery): Promise<PosterOrganisationListView> {
    const { items, total } = await this.posterChecks.list(q.limit ?? 20, q.offset ?? 0);
    return { items: items.map(posterOrganisationView), total };
  }

  @IdempotentPost('posters/:id/check')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOkResponse({
    type: PosterCheckResult,
    description: 'verified: its gigs carry the mark; failed: posting stops and its live gigs are taken down',
  })
  async checkPoster(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: CheckPosterDto,
    @Req() req: unknown,
  ): Promise<PosterCheckResult> {
    const r = await this.posterChecks.check(
      u,
      p.id,
      b.outcome,
      b.note ?? null,
      requestIdOf(req) ?? undefined,
    );
    return { organisation: posterOrganisationView(r.organisation), takenDown: r.takenDown };
  }

  @Get('reports')
  @Roles(...STAFF)
  @ApiOkResponse({ type: ReportListView })
  async reports(@Query() q: ReportListQuery): Promise<ReportListView> {
    const { items, total } = await this.cases.reports(q.status, q.limit ?? 20, q.offset ?? 0);
    const gigs = new Map((await this.gigs.records(items.map((r) => r.gigId))).map((g) => [g.id, g]));
    return { items: items.map((r) => reportView(r, gigs.get(r.gigId)?.title ?? '')), total };
  }

  @IdempotentPost('reports/:id/decision')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOkResponse({
    type: ReportView,
    description: 'upheld: the gig is taken down and the report counts against its poster',
  })
  async decideReport(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: DecideReportDto,
  ): Promise<ReportView> {
    const r = await this.cases.decideReport(u, p.id, b.decision, b.note ?? null);
    return reportView(r, (await this.gigs.records([r.gigId]))[0]?.title ?? '');
  }

  // ---- one gig ----

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: GigView })
  @ApiNotFoundResponse({ description: 'no such gig, or one waiting for review that is not yours' })
  async get(@Param() p: UuidParam, @Headers('authorization') auth: string | undefined): Promise<GigView> {
    const viewer = (await this.optionalUser.resolve(auth)) ?? undefined;
    return this.view(await this.gigs.readable(p.id, viewer), viewer);
  }

  @IdempotentPost(':id/review')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOkResponse({ type: GigView })
  @ApiConflictResponse({ description: 'the gig is not waiting for review' })
  async review(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: ReviewGigDto,
    @Req() req: unknown,
  ): Promise<GigView> {
    return this.view(
      await this.gigs.review(u, p.id, b.decision, b.note ?? null, requestIdOf(req) ?? undefined),
      u,
    );
  }

  @IdempotentPost(':id/cancel')
  @HttpCode(200)
  @Roles(...POSTERS)
  @ApiOkResponse({ type: GigView })
  async cancel(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: ReasonDto,
    @Req() req: unknown,
  ): Promise<GigView> {
    return this.view((await this.gigs.cancel(u, p.id, b.reason, requestIdOf(req) ?? undefined)).gig, u);
  }

  /** 抢单: 201 a place taken; 200 the worker's own earlier acceptance; 409 `gig-full`. */
  @IdempotentPost(':id/acceptances')
  @Roles(Role.Seeker)
  @ApiCreatedResponse({ type: AcceptanceResult })
  @ApiOkResponse({
    type: AcceptanceResult,
    description: 'the worker had taken a place already: that acceptance',
  })
  @ApiConflictResponse({ description: 'gig-full: every place is taken; gig-not-open; own-gig' })
  @ApiUnprocessableEntityResponse({ description: 'age-limit' })
  async accept(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AcceptanceResult> {
    const { acceptance, created } = await this.acceptances.accept(u, p.id);
    reply.status(created ? 201 : 200);
    return this.acceptanceViewOf(acceptance);
  }

  @IdempotentPost(':id/withdrawal')
  @HttpCode(200)
  @Roles(Role.Seeker)
  @ApiOkResponse({
    type: AcceptanceView,
    description: 'the worker gives the place back (or declines an invitation)',
  })
  async withdraw(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: OptionalReasonDto,
  ): Promise<AcceptanceView> {
    return this.acceptanceViewOf(await this.acceptances.withdraw(u, p.id, b.reason ?? null));
  }

  @Get(':id/acceptances')
  @Roles(...POSTERS)
  @ApiOkResponse({ type: GigAcceptancesView })
  async ofGig(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<GigAcceptancesView> {
    const { gig, acceptances } = await this.acceptances.ofGig(u, p.id);
    const names = await this.directory.summaries(acceptances.map((a) => a.workerUserId));
    const ratings = await this.acceptances.ratingsOf(acceptances.map((a) => a.id));
    return {
      gig: await this.view(gig, u),
      acceptances: acceptances.map((a) =>
        acceptanceView(
          a,
          names.get(a.workerUserId)?.displayName ?? '',
          ratings.filter((r) => r.acceptanceId === a.id),
        ),
      ),
    };
  }

  @IdempotentPost(':id/invitations')
  @Roles(...POSTERS)
  @ApiCreatedResponse({ type: AcceptanceView })
  @ApiOkResponse({ type: AcceptanceView, description: 'invited (or accepted) already' })
  async invite(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: InviteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AcceptanceView> {
    const { acceptance, created } = await this.acceptances.invite(u, p.id, b.workerUserId);
    reply.status(created ? 201 : 200);
    return this.acceptanceViewOf(acceptance);
  }

  @IdempotentPost(':id/acceptances/:workerUserId/cancel')
  @HttpCode(200)
  @Roles(...POSTERS)
  @ApiOkResponse({ type: AcceptanceView })
  async cancelWorker(
    @CurrentUser() u: AuthUser,
    @Param() p: WorkerParam,
    @Body() b: ReasonDto,
  ): Promise<AcceptanceView> {
    return this.acceptanceViewOf(await this.acceptances.cancelWorker(u, p.id, p.workerUserId, b.reason));
  }

  @IdempotentPost(':id/reports')
  @Roles(Role.Seeker, Role.Employer, Role.Agency)
  @ApiCreatedResponse({ type: ReportView, description: '举报: one tap; staff decide' })
  @ApiOkResponse({ type: ReportView, description: 'reported already by this person' })
  async report(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: ReportDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportView> {
    const { report, created } = await this.cases.report(u, p.id, b.reason, b.note ?? null);
    reply.status(created ? 201 : 200);
    return reportView(report, (await this.gigs.records([report.gigId]))[0]?.title ?? '');
  }

  // ---- views ----

  private async step(u: AuthUser, id: string, s: WorkStep, req: unknown): Promise<AcceptanceView> {
    const { acceptance } = await this.acceptances.step(u, id, s, requestIdOf(req) ?? undefined);
    return this.acceptanceViewOf(acceptance);
  }

  private async acceptanceViewOf(a: AcceptanceRecord): Promise<AcceptanceView> {
    const name = (await this.directory.summaries([a.workerUserId])).get(a.workerUserId)?.displayName ?? '';
    return acceptanceView(a, name, await this.acceptances.ratingsOf([a.id]));
  }

  /**
   * The poster as the public sees it: the organisation (verified when staff checked it), the
   * staff station, or the resident's name (verified by real-name registration to post at all).
   */
  private async posterNames(gigs: GigRecord[]): Promise<Map<string, { name: string; verified: boolean }>> {
    const users = await this.directory.summaries([...new Set(gigs.map((g) => g.posterUserId))]);
    const orgIds = [...new Set(gigs.map((g) => g.posterOrganisationId).filter((x): x is string => !!x))];
    const orgs = await this.gigs.posterOrganisations(orgIds);
    return new Map(
      gigs.map((g) => {
        if (g.posterOrganisationId) {
          const o = orgs.get(g.posterOrganisationId);
          return [g.id, { name: o?.name ?? '', verified: o?.checkStatus === 'verified' }];
        }
        if (g.posterKind === 'staff') return [g.id, { name: '稷山县就业服务中心', verified: true }];
        return [g.id, { name: users.get(g.posterUserId)?.displayName ?? '', verified: true }];
      }),
    );
  }

  private async views(gigs: GigRecord[], viewer: AuthUser | undefined): Promise<GigView[]> {
    const names = await this.posterNames(gigs);
    return gigs.map((g) => {
      const canManage = isStaffSide(viewer) || isPosterOf(viewer, g);
      return gigView(g, {
        posterName: names.get(g.id)?.name ?? '',
        posterVerified: names.get(g.id)?.verified ?? false,
        canManage,
        phone: canManage ? this.gigs.contactPhone(g) : null,
        showPhone: canManage,
      });
    });
  }

  private async view(g: GigRecord, viewer: AuthUser | undefined): Promise<GigView> {
    const names = await this.posterNames([g]);
    const canManage = isStaffSide(viewer) || isPosterOf(viewer, g);
    const a = viewer?.role === Role.Seeker ? await this.acceptances.mineOf(g.id, viewer.id) : null;
    const mine = a ? await this.acceptanceViewOf(a) : undefined;
    const showPhone = canManage || a?.status === 'accepted';
    return gigView(g, {
      posterName: names.get(g.id)?.name ?? '',
      posterVerified: names.get(g.id)?.verified ?? false,
      canManage,
      phone: showPhone ? this.gigs.contactPhone(g) : null,
      showPhone,
      mine,
    });
  }

  private async disputeView(x: {
    dispute: DisputeRecord;
    events: DisputeEventRecord[];
  }): Promise<DisputeView> {
    const names = await this.directory.summaries(x.events.map((e) => e.byUserId));
    const gig = (await this.gigs.records([x.dispute.gigId]))[0];
    return disputeView(
      x.dispute,
      gig?.title ?? '',
      x.events,
      new Map([...names].map(([id, s]) => [id, s.displayName])),
    );
  }
}

function availabilityView(a: AvailabilityRecord): AvailabilityView {
  return {
    trades: a.trades,
    weekdays: a.weekdays,
    townshipCodes: a.townshipCodes,
    homeTownship: a.homeTownship,
    expectedPayFen: a.expectedPayFen,
    payUnit: a.payUnit,
    note: a.note,
    active: a.active,
    updatedAt: a.updatedAt.toISOString(),
  };
}
