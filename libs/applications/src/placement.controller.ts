import { Body, Controller, Get, HttpCode, Param, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { PageQuery, UuidParam, AuthUser, CurrentUser, Role, Roles, IdempotentPost } from '@app/platform';
import { requestIdOf } from '@app/audit';
import {
  EndPlacementDto,
  ListPlacementsQuery,
  PlacementListView,
  PlacementView,
  RecordPlacementDto,
  RecordPlacementsDto,
  RecordedPlacementsView,
} from './placement.dto';
import { PlacementService } from './placement.service';

/** Placements (就业登记): staff records and ends them; each party lists and reads its own. */
@ApiTags('placements')
@ApiBearerAuth()
@Controller('api/v1/placements')
export class PlacementController {
  constructor(private readonly placements: PlacementService) {}

  /** Staff record a placement made outside an application (fairs, agencies). Audited. */
  @IdempotentPost()
  @HttpCode(201)
  @Roles(Role.Staff, Role.Admin)
  @ApiCreatedResponse({ type: PlacementView })
  @ApiBadRequestResponse({ description: 'bad dates or place — names the field' })
  @ApiNotFoundResponse({
    description: 'enterprise (or outside your township), seeker, post or agency not found',
  })
  record(
    @CurrentUser() user: AuthUser,
    @Body() body: RecordPlacementDto,
    @Req() req: unknown,
  ): Promise<PlacementView> {
    return this.placements.recordDirect(user, body, requestIdOf(req));
  }

  /**
   * Staff record a batch of placements at once (a fair's or an agency's 录用名单): every one, or
   * none. Each is audited and files its subsidies like a single record.
   */
  @IdempotentPost('batch')
  @HttpCode(201)
  @Roles(Role.Staff, Role.Admin)
  @ApiCreatedResponse({ type: RecordedPlacementsView })
  @ApiBadRequestResponse({ description: 'a bad row — names `placements[i].field`; nothing is recorded' })
  @ApiConflictResponse({ description: 'a hire already recorded, or twice in the batch — names the rows' })
  recordMany(
    @CurrentUser() user: AuthUser,
    @Body() body: RecordPlacementsDto,
    @Req() req: unknown,
  ): Promise<RecordedPlacementsView> {
    return this.placements.recordDirectMany(user, body.placements, requestIdOf(req));
  }

  /** Staff: township staff see their township's; employers their own; agencies those they referred. */
  @Get()
  @Roles(Role.Staff, Role.Admin, Role.Employer, Role.Agency)
  @ApiOkResponse({ type: PlacementListView })
  list(@CurrentUser() user: AuthUser, @Query() q: ListPlacementsQuery): Promise<PlacementListView> {
    return this.placements.list(user, { limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }

  /** The placed seeker, the enterprise's users, the referring agency, the staff who look after it, admins. */
  @Get(':id')
  @Roles(Role.Seeker, Role.Employer, Role.Agency, Role.Staff, Role.Admin)
  @ApiOkResponse({ type: PlacementView })
  @ApiNotFoundResponse({ description: 'no such placement, or not yours to see' })
  get(@CurrentUser() user: AuthUser, @Param() params: UuidParam): Promise<PlacementView> {
    return this.placements.get(user, params.id);
  }

  /**
   * Staff record the end of a placement (once). Audited. A post the hire filled stays filled: the
   * employer decides whether to recruit again.
   */
  @IdempotentPost(':id/end')
  @HttpCode(200)
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: PlacementView })
  @ApiConflictResponse({ description: 'already ended' })
  end(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: EndPlacementDto,
    @Req() req: unknown,
  ): Promise<PlacementView> {
    return this.placements.end(user, params.id, body, requestIdOf(req));
  }
}

/** The signed-in seeker's own placements (就业记录). */
@ApiTags('placements')
@ApiBearerAuth()
@Controller('api/v1/seekers/me')
export class SeekerPlacementController {
  constructor(private readonly placements: PlacementService) {}

  /** The seeker's placements, newest first, whether through an application or recorded by staff. */
  @Get('placements')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: PlacementListView })
  listMine(@CurrentUser() user: AuthUser, @Query() q: PageQuery): Promise<PlacementListView> {
    return this.placements.listMine(user, { limit: q.limit ?? 20, offset: q.offset ?? 0 });
  }
}
