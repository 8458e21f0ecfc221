import { Body, Controller, Get, HttpCode, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipIdempotency, Public, Role, Roles, AuthUser, CurrentUser, IdempotentPost } from '@app/platform';
import {
  LoginDto,
  RefreshDto,
  RegisterAgencyDto,
  RegisterEmployerDto,
  RegisterSeekerDto,
  TokenPairDto,
} from './auth.dto';
import { AuthService } from './auth.service';
import { LoginThrottle, RegistrationThrottle, clientIpOf } from './throttle';
import { SessionView, UserView } from './user.dto';
import { UsersService } from './users.service';

const ALL_ROLES = Object.values(Role);

@ApiTags('auth')
// Every answer here carries fresh credentials: never stored for an Idempotency-Key replay.
@SkipIdempotency()
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** A job seeker signs up (and is signed in). */
  @IdempotentPost('register/seeker')
  @Public()
  @RegistrationThrottle()
  @HttpCode(201)
  @ApiCreatedResponse({ type: TokenPairDto })
  @ApiBadRequestResponse({ description: 'invalid input (names the field)' })
  @ApiConflictResponse({ description: 'login or ID number already registered' })
  registerSeeker(@Body() dto: RegisterSeekerDto): Promise<TokenPairDto> {
    return this.auth.registerSeeker(dto);
  }

  /** An employer signs up with a NEW enterprise; an already registered credit code is a 409. */
  @IdempotentPost('register/employer')
  @Public()
  @RegistrationThrottle()
  @HttpCode(201)
  @ApiCreatedResponse({ type: TokenPairDto })
  @ApiBadRequestResponse({ description: 'invalid input (names the field)' })
  @ApiConflictResponse({ description: 'login taken, or the enterprise is already registered' })
  registerEmployer(@Body() dto: RegisterEmployerDto): Promise<TokenPairDto> {
    return this.auth.registerEmployer(dto);
  }

  /** An HR service organisation signs up (a NEW organisation). */
  @IdempotentPost('register/agency')
  @Public()
  @RegistrationThrottle()
  @HttpCode(201)
  @ApiCreatedResponse({ type: TokenPairDto })
  @ApiBadRequestResponse({ description: 'invalid input (names the field)' })
  @ApiConflictResponse({ description: 'login taken, or the organisation is already registered' })
  registerAgency(@Body() dto: RegisterAgencyDto): Promise<TokenPairDto> {
    return this.auth.registerAgency(dto);
  }

  @IdempotentPost('login')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'login or password is wrong (one message for both)' })
  @ApiTooManyRequestsResponse({
    description: 'too many attempts from this address, or on this account: wait the Retry-After seconds',
  })
  login(@Body() dto: LoginDto, @Req() req: unknown): Promise<TokenPairDto> {
    return this.auth.login(dto.login, dto.password, clientIpOf(req));
  }

  /** Exchanges a refresh token for a new pair; the presented token is revoked (rotation). */
  @IdempotentPost('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'unknown, expired, revoked or reused refresh token' })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Revokes the refresh token's session and every access token already issued to the user. Always 204. */
  @IdempotentPost('logout')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revoked (or was not valid anyway)' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  /** Who am I, as far as access is concerned: cheap enough for a client to call on every page. */
  @Get('session')
  @Roles(...ALL_ROLES)
  @ApiBearerAuth()
  @ApiOkResponse({ type: SessionView })
  @ApiUnauthorizedResponse({ description: 'not signed in' })
  session(@CurrentUser() user: AuthUser): SessionView {
    return {
      id: user.id,
      role: user.role,
      organisationId: user.organisationId,
      townshipCode: user.townshipCode,
    };
  }

  @Get('me')
  @Roles(...ALL_ROLES)
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserView })
  @ApiUnauthorizedResponse({ description: 'not signed in' })
  async me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.users.view(await this.users.load(user.id));
  }
}
