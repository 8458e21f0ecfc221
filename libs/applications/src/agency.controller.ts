import { Body, Controller, Get, HttpCode, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles, IdempotentPost } from '@app/platform';
import { AgencyReferralDto, AgencyReferralView } from './application.dto';
import { ApplicationService } from './application.service';
import { ListPlacementsQuery, PlacementListView } from './placement.dto';
import { PlacementService } from './placement.service';

/** HR service organisations (人力资源服务机构): referrals and the placements they made. */
@ApiTags('agency')
@ApiBearerAuth()
@Controller('api/v1/agency')
export class AgencyController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly placements: PlacementService,
  ) {}

  /** Refers a consenting registered seeker to a published post: an application referred by the agency. */
  @IdempotentPost('referrals')
  @HttpCode(201)
  @Roles(Role.Agency)
  @ApiCreatedResponse({ type: AgencyReferralView })
  @ApiNotFoundResponse({ description: 'no such seeker (or no consent to be found), or no such post' })
  @ApiConflictResponse({
    description: 'the seeker already has an active application, or the post is not open',
  })
  refer(@CurrentUser() user: AuthUser, @Body() body: AgencyReferralDto): Promise<AgencyReferralView> {
    return this.applications.refer(user, body);
  }

  /** The placements this agency referred. */
  @Get('placements')
  @Roles(Role.Agency)
  @ApiOkResponse({ type: PlacementListView })
  listPlacements(@CurrentUser() user: AuthUser, @Query() q: ListPlacementsQuery): Promise<PlacementListView> {
    return this.placements.list(user, { limit: q.limit ?? 50, offset: q.offset ?? 0 });
  }
}
