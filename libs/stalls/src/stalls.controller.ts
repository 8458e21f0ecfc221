import { Body, Controller, Get, HttpCode, Param, Patch, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { requestIdOf } from '@app/audit';
import { UserDirectory } from '@app/identity';
import {
  AuthUser,
  CurrentUser,
  DomainError,
  Public,
  Role,
  Roles,
  UuidParam,
  townshipByCode,
  IdempotentPost,
} from '@app/platform';
import {
  AddStallsDto,
  StallApplicationQuery,
  StallApplicationListView,
  StallApplicationView,
  StallApplyDto,
  CreateStallZoneDto,
  StallGiveUpDto,
  StallHoldingView,
  MyStallsView,
  StallRevokeDto,
  StallRoundListView,
  StallRoundResultView,
  StallRoundView,
  StaffStallHoldingListView,
  StaffStallHoldingView,
  StallListView,
  StallVocabularyView,
  UpdateStallZoneDto,
  StallZoneDetailView,
  StallZoneQuery,
  StallZoneListView,
  StallZoneView,
} from './stall.dto';
import {
  StallApplicationRecord,
  HoldingRecord,
  Occupancy,
  RoundRecord,
  ZoneRecord,
} from './stall.repository';
import {
  STALL_APPLICATION_STATUS_NAMES,
  HOLDING_STATUS_NAMES,
  PRIORITY_GROUPS,
  ZONE_KIND_NAMES,
  orderApplicants,
} from './stall.rules';
import { StallsService } from './stalls.service';

const STAFF = [Role.Staff, Role.Admin] as const;
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const townshipName = (code: string): string => townshipByCode(code)?.name ?? code;
const EMPTY: Omit<Occupancy, 'zoneId'> = { stalls: 0, held: 0, free: 0, waiting: 0 };

function zoneView(z: ZoneRecord, o: Occupancy | undefined): StallZoneView {
  const { zoneId: _, ...occupancy } = o ?? { zoneId: z.id, ...EMPTY };
  return {
    id: z.id,
    name: z.name,
    townshipCode: z.townshipCode,
    township: townshipName(z.townshipCode),
    address: z.address,
    kind: z.kind,
    kindName: ZONE_KIND_NAMES[z.kind],
    openingHours: z.openingHours,
    active: z.active,
    occupancy,
  };
}

function applicationView(a: StallApplicationRecord, zoneName: string): StallApplicationView {
  return {
    id: a.id,
    zoneId: a.zoneId,
    zoneName,
    goods: a.goods,
    preferredStallId: a.preferredStallId,
    preferredStallCode: a.preferredStallCode,
    status: a.status,
    statusName: STALL_APPLICATION_STATUS_NAMES[a.status],
    appliedAt: a.createdAt.toISOString(),
    decidedAt: iso(a.decidedAt),
  };
}

function holdingView(h: HoldingRecord, zoneName: string): StallHoldingView {
  return {
    id: h.id,
    zoneId: h.zoneId,
    zoneName,
    stallId: h.stallId,
    stallCode: h.stallCode,
    goods: h.goods,
    status: h.status,
    statusName: HOLDING_STATUS_NAMES[h.status],
    startedAt: h.startedAt.toISOString(),
    endedAt: iso(h.endedAt),
    endReason: h.endReason,
  };
}

function roundView(r: RoundRecord): StallRoundView {
  return {
    id: r.id,
    zoneId: r.zoneId,
    allocated: r.allocated,
    waitingLeft: r.waitingLeft,
    freeLeft: r.freeLeft,
    runAt: r.createdAt.toISOString(),
  };
}

/**
 * 地摊经济 (plan 一(四)): zones and their stalls are public with counts only; residents apply;
 * staff run allocation rounds, see who applied and who holds what, and take stalls back.
 */
@ApiTags('stalls')
@ApiBearerAuth()
@Controller('api/v1/stalls')
export class StallsController {
  constructor(
    private readonly stalls: StallsService,
    private readonly directory: UserDirectory,
  ) {}

  @Get('vocabulary')
  @Public()
  @ApiOkResponse({ type: StallVocabularyView })
  vocabulary(): StallVocabularyView {
    return {
      kinds: Object.entries(ZONE_KIND_NAMES).map(([value, name]) => ({ value, name })),
      applicationStatuses: Object.entries(STALL_APPLICATION_STATUS_NAMES).map(([value, name]) => ({
        value,
        name,
      })),
      holdingStatuses: Object.entries(HOLDING_STATUS_NAMES).map(([value, name]) => ({ value, name })),
      priorityGroups: [...PRIORITY_GROUPS],
    };
  }

  // ---- zones (public: counts, never a name) ----

  @Get('zones')
  @Public()
  @ApiOkResponse({
    type: StallZoneListView,
    description: 'active zones with their occupancy (no personal data)',
  })
  async zones(@Query() q: StallZoneQuery): Promise<StallZoneListView> {
    return this.zoneList(await this.stalls.zones({ activeOnly: true, townshipCode: q.townshipCode }));
  }

  @Get('occupancy')
  @Roles(...STAFF)
  @ApiOkResponse({
    type: StallZoneListView,
    description: 'every zone, inactive ones too, with its occupancy',
  })
  async occupancy(@Query() q: StallZoneQuery): Promise<StallZoneListView> {
    return this.zoneList(await this.stalls.zones({ activeOnly: false, townshipCode: q.townshipCode }));
  }

  @Get('zones/:id')
  @Public()
  @ApiOkResponse({ type: StallZoneDetailView, description: 'a zone, its stalls (free or not) and occupancy' })
  @ApiNotFoundResponse()
  async zone(@Param() p: UuidParam): Promise<StallZoneDetailView> {
    const z = await this.stalls.zoneOrFail(p.id);
    const [occ, stalls] = await Promise.all([this.stalls.occupancy([z.id]), this.stalls.stallsOf(z.id)]);
    return {
      ...zoneView(z, occ.get(z.id)),
      stalls: stalls.map((s) => ({ id: s.id, code: s.code, note: s.note, free: !s.held })),
    };
  }

  @IdempotentPost('zones')
  @HttpCode(201)
  @Roles(...STAFF)
  @ApiCreatedResponse({ type: StallZoneView })
  @ApiBadRequestResponse({ description: 'names the field' })
  @ApiConflictResponse({ description: 'zone-name-taken: a zone of this name in the township' })
  async createZone(
    @CurrentUser() u: AuthUser,
    @Body() b: CreateStallZoneDto,
    @Req() req: unknown,
  ): Promise<StallZoneView> {
    const z = await this.stalls.createZone(
      u,
      { ...b, name: b.name.trim(), address: b.address.trim(), active: b.active ?? true },
      requestIdOf(req) ?? undefined,
    );
    return zoneView(z, undefined);
  }

  @Patch('zones/:id')
  @Roles(...STAFF)
  @ApiOkResponse({ type: StallZoneView })
  @ApiNotFoundResponse()
  async updateZone(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: UpdateStallZoneDto,
    @Req() req: unknown,
  ): Promise<StallZoneView> {
    const z = await this.stalls.updateZone(u, p.id, b, requestIdOf(req) ?? undefined);
    return zoneView(z, (await this.stalls.occupancy([z.id])).get(z.id));
  }

  @IdempotentPost('zones/:id/stalls')
  @HttpCode(201)
  @Roles(...STAFF)
  @ApiCreatedResponse({ type: StallListView, description: 'every stall of the zone after the addition' })
  @ApiConflictResponse({ description: 'stall-code-taken: a number already in the zone (nothing added)' })
  async addStalls(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: AddStallsDto,
    @Req() req: unknown,
  ): Promise<StallListView> {
    const stalls = await this.stalls.addStalls(u, p.id, b.stalls, requestIdOf(req) ?? undefined);
    return { items: stalls.map((s) => ({ id: s.id, code: s.code, note: s.note, free: !s.held })) };
  }

  // ---- the resident's side ----

  @IdempotentPost('zones/:id/applications')
  @HttpCode(201)
  @Roles(Role.Seeker)
  @ApiCreatedResponse({ type: StallApplicationView })
  @ApiNotFoundResponse({ description: 'no such zone' })
  @ApiConflictResponse({
    description: 'application-open (one open application per zone), stall-held, zone-inactive',
  })
  async apply(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: StallApplyDto,
  ): Promise<StallApplicationView> {
    const a = await this.stalls.apply(u, p.id, b);
    const z = (await this.stalls.zone(a.zoneId)) as ZoneRecord;
    return applicationView(a, z.name);
  }

  @Get('mine')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: MyStallsView, description: 'my applications and my stalls (current first)' })
  async mine(@CurrentUser() u: AuthUser): Promise<MyStallsView> {
    const { applications, holdings, zones } = await this.stalls.mine(u);
    const name = (id: string) => zones.get(id)?.name ?? '';
    return {
      applications: applications.map((a) => applicationView(a, name(a.zoneId))),
      holdings: holdings.map((h) => {
        const z = zones.get(h.zoneId) as ZoneRecord;
        return {
          ...holdingView(h, z.name),
          zone: {
            id: z.id,
            name: z.name,
            township: townshipName(z.townshipCode),
            address: z.address,
            kindName: ZONE_KIND_NAMES[z.kind],
            openingHours: z.openingHours,
          },
        };
      }),
    };
  }

  @IdempotentPost('applications/:id/withdraw')
  @HttpCode(200)
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: StallApplicationView })
  @ApiConflictResponse({ description: 'application-decided: no longer waiting' })
  async withdraw(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<StallApplicationView> {
    const a = await this.stalls.withdraw(u, p.id);
    return applicationView(a, (await this.stalls.zone(a.zoneId))?.name ?? '');
  }

  @IdempotentPost('holdings/:id/give-up')
  @HttpCode(200)
  @Roles(Role.Seeker)
  @ApiOkResponse({
    type: StallHoldingView,
    description: 'the holder gives the stall up (退摊); it is free for the next round',
  })
  @ApiConflictResponse({ description: 'holding-ended' })
  async giveUp(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: StallGiveUpDto,
    @Req() req: unknown,
  ): Promise<StallHoldingView> {
    const h = await this.stalls.giveUp(u, p.id, b.reason ?? null, requestIdOf(req) ?? undefined);
    return holdingView(h, (await this.stalls.zone(h.zoneId))?.name ?? '');
  }

  // ---- staff: queue, rounds, holders ----

  @Get('zones/:id/applications')
  @Roles(...STAFF)
  @ApiOkResponse({
    type: StallApplicationListView,
    description: 'waiting ones first, in application order, with names',
  })
  async applications(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Query() q: StallApplicationQuery,
  ): Promise<StallApplicationListView> {
    const z = await this.stalls.zoneFor(u, p.id);
    const { items, total } = await this.stalls.applicationsOfZone(
      z.id,
      q.status,
      q.limit ?? 50,
      q.offset ?? 0,
    );
    const waiting =
      (await this.stalls.applicationsOfZone(z.id, 'waiting', 10_000, 0)).items ??
      ([] as StallApplicationRecord[]);
    const priorities = await this.stalls.priorities([...items, ...waiting].map((a) => a.seekerUserId));
    const queue = orderApplicants(
      waiting.map((a) => ({ ...a, priority: priorities.get(a.seekerUserId) ?? false })),
    );
    const position = new Map(queue.map((a, i) => [a.id, i + 1]));
    const names = await this.directory.summaries(items.map((a) => a.seekerUserId));
    return {
      items: items.map((a) => ({
        ...applicationView(a, z.name),
        seekerUserId: a.seekerUserId,
        seekerName: names.get(a.seekerUserId)?.displayName ?? '',
        priority: a.status === 'waiting' ? (priorities.get(a.seekerUserId) ?? false) : (a.priority ?? false),
        queuePosition: position.get(a.id) ?? null,
      })),
      total,
    };
  }

  @Get('zones/:id/holdings')
  @Roles(...STAFF)
  @ApiOkResponse({ type: StaffStallHoldingListView, description: 'who holds which stall now, with names' })
  async holdings(@CurrentUser() u: AuthUser, @Param() p: UuidParam): Promise<StaffStallHoldingListView> {
    const z = await this.stalls.zoneFor(u, p.id);
    return { items: await this.staffHoldings(await this.stalls.holdingsOfZone(z.id, true), z.name) };
  }

  @IdempotentPost('zones/:id/rounds')
  @HttpCode(201)
  @Roles(...STAFF)
  @ApiCreatedResponse({
    type: StallRoundResultView,
    description:
      '困难人员优先 then first come; each served applicant gets a free stall (their preferred one if free)',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'zone-inactive' })
  async runRound(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Req() req: unknown,
  ): Promise<StallRoundResultView> {
    const z = await this.stalls.zoneOrFail(p.id);
    const r = await this.stalls.runRound(u, z.id, requestIdOf(req) ?? undefined);
    const views = await this.staffHoldings(r.holdings, z.name);
    return {
      round: roundView(r.round),
      allocations: views.map((v, i) => ({ ...v, priority: r.holdings[i].priority })),
    };
  }

  @Get('zones/:id/rounds')
  @Roles(...STAFF)
  @ApiOkResponse({ type: StallRoundListView, description: 'the latest rounds of the zone' })
  async rounds(@Param() p: UuidParam): Promise<StallRoundListView> {
    const z = await this.stalls.zoneOrFail(p.id);
    return { items: (await this.stalls.rounds(z.id)).map(roundView) };
  }

  @IdempotentPost('holdings/:id/revoke')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOkResponse({
    type: StaffStallHoldingView,
    description: '收回 with the reason (audited); the stall is free again',
  })
  @ApiConflictResponse({ description: 'holding-ended' })
  async revoke(
    @CurrentUser() u: AuthUser,
    @Param() p: UuidParam,
    @Body() b: StallRevokeDto,
    @Req() req: unknown,
  ): Promise<StaffStallHoldingView> {
    if (!b.reason.trim()) throw DomainError.invalid('reason', 'a revocation gives its reason');
    const h = await this.stalls.revoke(u, p.id, b.reason, requestIdOf(req) ?? undefined);
    return (await this.staffHoldings([h], (await this.stalls.zone(h.zoneId))?.name ?? ''))[0];
  }

  private async zoneList(zones: ZoneRecord[]): Promise<StallZoneListView> {
    const occ = await this.stalls.occupancy(zones.map((z) => z.id));
    return { items: zones.map((z) => zoneView(z, occ.get(z.id))) };
  }

  private async staffHoldings(hs: HoldingRecord[], zoneName: string): Promise<StaffStallHoldingView[]> {
    const names = await this.directory.summaries(hs.map((h) => h.seekerUserId));
    return hs.map((h) => ({
      ...holdingView(h, zoneName),
      seekerUserId: h.seekerUserId,
      seekerName: names.get(h.seekerUserId)?.displayName ?? '',
    }));
  }
}
