import { Body, Controller, Get, HttpCode, Param, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiUnprocessableEntityResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { UuidParam, AuthUser, CurrentUser, Role, Roles, IdempotentPost } from '@app/platform';
import { requestIdOf } from '@app/audit';
import {
  ApplicationListView,
  ApplicationView,
  ApplyDto,
  ListApplicationsQuery,
  TransitionDto,
  WithdrawDto,
} from './application.dto';
import { ApplicationService } from './application.service';

const MANAGERS = [Role.Employer, Role.Staff, Role.Admin];

/** Applications (求职申请) to job posts and their steps. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1')
export class ApplicationController {
  constructor(private readonly applications: ApplicationService) {}

  /** A seeker applies to a published post; one active application per post. */
  @IdempotentPost('job-posts/:id/applications')
  @HttpCode(201)
  @Roles(Role.Seeker)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a repeat returns the first answer' })
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiNotFoundResponse({ description: 'no such post, or not yet published' })
  @ApiConflictResponse({ description: 'already applied (active application), or the post is not open' })
  @ApiUnprocessableEntityResponse({
    description:
      'an internship post (见习) and the seeker in none of its groups: not-eligible, a field per failed group',
  })
  apply(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: ApplyDto,
  ): Promise<ApplicationView> {
    return this.applications.apply(user, params.id, body.coverNote);
  }

  /** The applications to a post: its employer, staff who look after the enterprise, admins. */
  @Get('job-posts/:id/applications')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: ApplicationListView })
  @ApiNotFoundResponse({ description: 'no such post, or not yours' })
  listForPost(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Query() q: ListApplicationsQuery,
  ): Promise<ApplicationListView> {
    return this.applications.listForPost(user, params.id, {
      status: q.status,
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
    });
  }

  /** The seeker's own applications with every step. */
  @Get('applications/mine')
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: ApplicationListView })
  listMine(@CurrentUser() user: AuthUser, @Query() q: ListApplicationsQuery): Promise<ApplicationListView> {
    return this.applications.listMine(user, {
      status: q.status,
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
    });
  }

  /** The seeker, the referring agency, the employer of the post, staff who look after it, admins. */
  @Get('applications/:id')
  @Roles(Role.Seeker, Role.Employer, Role.Agency, Role.Staff, Role.Admin)
  @ApiOkResponse({ type: ApplicationView })
  @ApiNotFoundResponse({ description: 'no such application, or not yours to see' })
  get(@CurrentUser() user: AuthUser, @Param() params: UuidParam): Promise<ApplicationView> {
    return this.applications.get(user, params.id);
  }

  /** The seeker withdraws an open application (not after hired or rejected). */
  @IdempotentPost('applications/:id/withdraw')
  @HttpCode(200)
  @Roles(Role.Seeker)
  @ApiOkResponse({ type: ApplicationView })
  @ApiConflictResponse({ description: 'the application is already final' })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: WithdrawDto,
  ): Promise<ApplicationView> {
    return this.applications.withdraw(user, params.id, body.note);
  }

  /**
   * The employer's next step: applied → screening → interview → offer → hired, or rejected from any
   * open step. `hired` needs startDate and contractEndDate and records the placement.
   */
  @IdempotentPost('applications/:id/transitions')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: ApplicationView })
  @ApiBadRequestResponse({ description: 'missing or inconsistent hire facts — names the field' })
  @ApiConflictResponse({ description: 'a step that is not allowed from the current status' })
  transition(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: TransitionDto,
    @Req() req: unknown,
  ): Promise<ApplicationView> {
    return this.applications.transition(user, params.id, body, requestIdOf(req));
  }
}
