import { Body, Controller, Get, HttpCode, Param, Patch, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  SkipIdempotency,
  UuidParam,
  Role,
  Roles,
  AuthUser,
  CurrentUser,
  IdempotentPost,
} from '@app/platform';
import { requestIdOf } from '@app/audit';
import {
  CreateUserDto,
  RevealIdNumberDto,
  RevealedIdNumberDto,
  UpdateMeDto,
  UserListQueryDto,
  UserPageDto,
  UserView,
} from './user.dto';
import { UsersService } from './users.service';

const ALL_ROLES = Object.values(Role);

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'not signed in' })
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Admins create staff (optionally scoped to a township station) and other admins. */
  @IdempotentPost()
  @Roles(Role.Admin)
  @HttpCode(201)
  @ApiCreatedResponse({ type: UserView })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiConflictResponse({ description: 'login taken' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto, @Req() req: unknown): Promise<UserView> {
    return this.users.createPrivileged(actor, dto, requestIdOf(req));
  }

  /** Staff and admins; township staff see only users of their township. */
  @Get()
  @Roles(Role.Staff, Role.Admin)
  @ApiOkResponse({ type: UserPageDto })
  @ApiForbiddenResponse({ description: 'not staff or admin' })
  async list(@CurrentUser() actor: AuthUser, @Query() q: UserListQueryDto): Promise<UserPageDto> {
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    const { items, total } = await this.users.list(actor, {
      role: q.role,
      townshipCode: q.townshipCode,
      limit,
      offset,
    });
    return { items, total, limit, offset };
  }

  /** The signed-in user's own profile (display name, mobile, and a seeker's home township). */
  @Patch('me')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: UserView })
  @ApiBadRequestResponse({ description: 'invalid or unknown field (e.g. role, id) — names the field' })
  updateMe(@CurrentUser() actor: AuthUser, @Body() dto: UpdateMeDto): Promise<UserView> {
    return this.users.updateMe(actor, dto);
  }

  /** Self, staff (township staff: their township) or admin; anyone else gets 404. */
  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'no such user, or not yours to see' })
  get(@CurrentUser() actor: AuthUser, @Param() p: UuidParam): Promise<UserView> {
    return this.users.getForActor(actor, p.id);
  }

  /** Staff only, with a reason: returns the plain ID number and writes an audit entry. */
  @IdempotentPost(':id/reveal-id-number')
  @Roles(Role.Staff)
  // The plain number is never stored for replay; every reveal is a new, audited one.
  @SkipIdempotency()
  @HttpCode(200)
  @ApiOkResponse({ type: RevealedIdNumberDto })
  @ApiForbiddenResponse({ description: 'not staff' })
  @ApiNotFoundResponse({ description: 'no such user in your scope, or no ID number on file' })
  reveal(
    @CurrentUser() actor: AuthUser,
    @Param() p: UuidParam,
    @Body() dto: RevealIdNumberDto,
    @Req() req: unknown,
  ): Promise<RevealedIdNumberDto> {
    return this.users.revealIdNumber(actor, p.id, dto.reason, requestIdOf(req));
  }
}
