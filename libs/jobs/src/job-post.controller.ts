import { OptionalUserResolver } from '@app/identity';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { UuidParam, AuthUser, CurrentUser, Public, Role, Roles, IdempotentPost } from '@app/platform';
import { requestIdOf } from '@app/audit';
import {
  CreateJobPostDto,
  JobPostListView,
  JobPostView,
  ListJobPostsQuery,
  RejectJobPostDto,
  UpdateJobPostDto,
} from './job-post.dto';
import { JobPostService } from './job-post.service';

const MANAGERS = [Role.Employer, Role.Staff, Role.Admin];

/** Job posts (招聘岗位): create, read, edit, review and end. Public search lives in libs/search. */
@ApiTags('job-posts')
@ApiBearerAuth()
@Controller('api/v1/job-posts')
export class JobPostController {
  constructor(
    private readonly posts: JobPostService,
    private readonly optionalUser: OptionalUserResolver,
  ) {}

  /** Employers for their own enterprise; staff for the enterprises they look after (county staff: any). */
  @IdempotentPost()
  @HttpCode(201)
  @Roles(...MANAGERS)
  @ApiCreatedResponse({ type: JobPostView })
  @ApiConflictResponse({
    description: 'an open post with the same employer, title, place and headcount exists',
  })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateJobPostDto): Promise<JobPostView> {
    return this.posts.create(user, body);
  }

  /** Employers: their enterprise's posts; staff: those they look after (county staff: all). */
  @Get()
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: JobPostListView })
  list(@CurrentUser() user: AuthUser, @Query() q: ListJobPostsQuery): Promise<JobPostListView> {
    return this.posts.list(user, {
      status: q.status,
      employerId: q.employerId,
      townshipCode: q.townshipCode,
      q: q.q,
      mine: q.mine === 'true',
      flagged: q.flagged === 'true',
      limit: q.limit ?? 20,
      offset: q.offset ?? 0,
    });
  }

  /** Published posts are public; other states only for those who manage the post (others: 404). */
  @Get(':id')
  @Public()
  @ApiOkResponse({ type: JobPostView })
  async get(
    @Param() params: UuidParam,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<JobPostView> {
    return this.posts.get(await this.optionalUser.resolve(authorization), params.id);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiOkResponse({
    type: JobPostView,
    description: 'a material change of a published post sends it back to review',
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateJobPostDto,
  ): Promise<JobPostView> {
    return this.posts.update(user, params.id, body);
  }

  @IdempotentPost(':id/submit')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: JobPostView })
  submit(@CurrentUser() user: AuthUser, @Param() params: UuidParam): Promise<JobPostView> {
    return this.posts.submit(user, params.id);
  }

  @IdempotentPost(':id/approve')
  @HttpCode(200)
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: JobPostView })
  approve(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Req() req: unknown,
  ): Promise<JobPostView> {
    return this.posts.approve(user, params.id, requestIdOf(req));
  }

  @IdempotentPost(':id/reject')
  @HttpCode(200)
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: JobPostView })
  reject(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: RejectJobPostDto,
    @Req() req: unknown,
  ): Promise<JobPostView> {
    return this.posts.reject(user, params.id, body.reason, requestIdOf(req));
  }

  @IdempotentPost(':id/close')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: JobPostView })
  close(@CurrentUser() user: AuthUser, @Param() params: UuidParam): Promise<JobPostView> {
    return this.posts.close(user, params.id);
  }

  /** 已招满 */
  @IdempotentPost(':id/fill')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: JobPostView })
  fill(@CurrentUser() user: AuthUser, @Param() params: UuidParam): Promise<JobPostView> {
    return this.posts.fill(user, params.id);
  }
}
