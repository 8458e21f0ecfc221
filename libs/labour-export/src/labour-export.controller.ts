import { Body, Controller, Get, HttpCode, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { requestIdOf } from '@app/audit';
import {
  AuthUser,
  CurrentUser,
  PageQuery,
  Public,
  Role,
  Roles,
  UuidParam,
  IdempotentPost,
} from '@app/platform';
import {
  CancelTripDto,
  CreateTripDto,
  DepartureDto,
  EnrolDto,
  ExportPlacementDto,
  ExportPlacementView,
  ExportProgressView,
  FollowUpDto,
  MyTripsView,
  ParticipantView,
  ProgressQuery,
  TripDetailView,
  TripListView,
  TripView,
} from './labour-export.dto';
import { LabourExportService } from './labour-export.service';

const STAFF = [Role.Staff, Role.Admin] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class ParticipantParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(UUID, { message: 'id must be a UUID' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Matches(UUID, { message: 'seekerUserId must be a UUID' })
  seekerUserId: string;
}

/** 有组织劳务输出: trips, participants, placements of the trip, follow-ups, progress toward 12 and 1,200. */
@ApiTags('labour-export')
@ApiBearerAuth()
@Controller('api/v1/export-trips')
export class LabourExportController {
  constructor(private readonly export_: LabourExportService) {}

  @IdempotentPost()
  @Roles(...STAFF)
  @ApiCreatedResponse({ type: TripView })
  create(@CurrentUser() u: AuthUser, @Body() b: CreateTripDto, @Req() req: unknown): Promise<TripView> {
    return this.export_.createTrip(u, b, requestIdOf(req) ?? undefined);
  }

  @Get()
  @Roles(...STAFF)
  @ApiOkResponse({ type: TripListView, description: 'every trip, latest departure first' })
  list(@Query() q: PageQuery): Promise<TripListView> {
    return this.export_.list(q.limit ?? 20, q.offset ?? 0);
  }

  @Get('progress')
  @Roles(...STAFF)
  @ApiOkResponse({ type: ExportProgressView, description: 'toward 12 trips and 1,200 people (一(六))' })
  progress(@Query() q: ProgressQuery): Promise<ExportProgressView> {
    return this.export_.progress(q.year);
  }

  @Get('upcoming')
  @Public()
  @ApiOkResponse({
    type: TripListView,
    description: 'trips departing from today on, to enrol in (no personal data)',
  })
  upcoming(@Query() q: PageQuery): Promise<TripListView> {
    return this.export_.upcoming(q.limit ?? 20, q.offset ?? 0);
  }

  @Get('mine')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: MyTripsView })
  mine(@CurrentUser() u: AuthUser): Promise<MyTripsView> {
    return this.export_.mine(u);
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOkResponse({ type: TripDetailView })
  detail(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<TripDetailView> {
    return this.export_.detailFor(u, p.id);
  }

  @IdempotentPost(':id/participants')
  @Roles(Role.Seeker, ...STAFF)
  @ApiCreatedResponse({ type: ParticipantView, description: 'enrolled' })
  @ApiOkResponse({ type: ParticipantView, description: 'on the trip already' })
  async enrol(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: EnrolDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ParticipantView> {
    const r = await this.export_.enrol(u, p.id, b.seekerUserId);
    if (!r.created) reply.status(200);
    return r.participant;
  }

  @IdempotentPost(':id/departure')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOkResponse({ type: TripDetailView, description: '出发: the enrolled (or named) participants set off' })
  depart(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: DepartureDto,
  ): Promise<TripDetailView> {
    return this.export_.depart(u, p.id, b);
  }

  @IdempotentPost(':id/cancellation')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOkResponse({
    type: TripDetailView,
    description: 'cancelled with a reason; not once someone was placed',
  })
  cancel(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: CancelTripDto,
  ): Promise<TripDetailView> {
    return this.export_.cancel(u, p.id, b.reason);
  }

  @IdempotentPost(':id/participants/:seekerUserId/placement')
  @Roles(...STAFF)
  @ApiCreatedResponse({
    type: ExportPlacementView,
    description:
      'the hire at the destination as a Placement of the trip: the referral fee and transport subsidies follow',
  })
  async place(
    @CurrentUser() u: AuthUser,
    @Param() p: ParticipantParams,
    @Body() b: ExportPlacementDto,
    @Req() req: unknown,
  ): Promise<ExportPlacementView> {
    return this.export_.place(u, p.id, p.seekerUserId, b, requestIdOf(req));
  }

  @IdempotentPost(':id/participants/:seekerUserId/follow-up')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOkResponse({ type: ParticipantView, description: '稳岗回访 3 months after the start or later' })
  followUp(
    @CurrentUser() u: AuthUser,
    @Param() p: ParticipantParams,
    @Body() b: FollowUpDto,
  ): Promise<ParticipantView> {
    return this.export_.followUp(u, p.id, p.seekerUserId, b);
  }

  @IdempotentPost(':id/participants/:seekerUserId/withdrawal')
  @HttpCode(200)
  @Roles(Role.Seeker, ...STAFF)
  @ApiOkResponse({
    type: ParticipantView,
    description: 'leaves the trip before a placement (a seeker: only themself)',
  })
  withdraw(@CurrentUser() u: AuthUser, @Param() p: ParticipantParams): Promise<ParticipantView> {
    return this.export_.withdraw(u, p.id, p.seekerUserId);
  }
}
