import { Body, Controller, HttpCode, Req, Res, UnauthorizedException } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SkipIdempotency, Public, IdempotentPost } from '@app/platform';
import {
  LoginDto,
  RegisterAgencyDto,
  RegisterEmployerDto,
  RegisterSeekerDto,
  TokenPairDto,
} from './auth.dto';
import { AuthService } from './auth.service';
import { LoginThrottle, RegistrationThrottle, clientIpOf } from './throttle';
import { UserView } from './user.dto';

/** The browser's refresh token lives only in this cookie: httpOnly, SameSite=Strict, scoped to these routes. */
export const WEB_SESSION_COOKIE = 'jsj_session';
const COOKIE_PATH = '/api/v1/auth/web';

/** What the browser gets: the short-lived access token (kept in memory), never the refresh token. */
export class WebSessionDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}

/**
 * Sign-in for the web app (网页登录). The same credentials and rules as /auth/login and
 * /auth/register/*, but the refresh token is set as an httpOnly cookie so that no script can read
 * it, and a reload restores the session by calling `web/refresh`. The cookie is SameSite=Strict
 * and these routes also demand a JSON body, so another site cannot ride on it.
 */
@ApiTags('auth')
@SkipIdempotency()
@Controller(COOKIE_PATH.slice(1))
export class WebSessionController {
  constructor(private readonly auth: AuthService) {}

  @IdempotentPost('login')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOkResponse({ type: WebSessionDto })
  @ApiUnauthorizedResponse({ description: 'login or password is wrong (one message for both)' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts: wait the Retry-After seconds' })
  async login(
    @Body() dto: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebSessionDto> {
    return this.open(reply, await this.auth.login(dto.login, dto.password, clientIpOf(req)));
  }

  @IdempotentPost('register/seeker')
  @Public()
  @RegistrationThrottle()
  @HttpCode(201)
  @ApiCreatedResponse({ type: WebSessionDto })
  @ApiBadRequestResponse({ description: 'invalid input (names the field)' })
  @ApiConflictResponse({ description: 'login or ID number already registered' })
  async registerSeeker(
    @Body() dto: RegisterSeekerDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebSessionDto> {
    return this.open(reply, await this.auth.registerSeeker(dto));
  }

  @IdempotentPost('register/employer')
  @Public()
  @RegistrationThrottle()
  @HttpCode(201)
  @ApiCreatedResponse({ type: WebSessionDto })
  @ApiBadRequestResponse({ description: 'invalid input (names the field)' })
  @ApiConflictResponse({ description: 'login taken, or the enterprise is already registered' })
  async registerEmployer(
    @Body() dto: RegisterEmployerDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebSessionDto> {
    return this.open(reply, await this.auth.registerEmployer(dto));
  }

  @IdempotentPost('register/agency')
  @Public()
  @RegistrationThrottle()
  @HttpCode(201)
  @ApiCreatedResponse({ type: WebSessionDto })
  @ApiBadRequestResponse({ description: 'invalid input (names the field)' })
  @ApiConflictResponse({ description: 'login taken, or the organisation is already registered' })
  async registerAgency(
    @Body() dto: RegisterAgencyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebSessionDto> {
    return this.open(reply, await this.auth.registerAgency(dto));
  }

  /** Restores the session after a reload: rotates the cookie's refresh token (reuse detection applies). */
  @IdempotentPost('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: WebSessionDto })
  @ApiUnauthorizedResponse({ description: 'no session cookie, or it is expired, revoked or reused' })
  async refresh(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebSessionDto> {
    const token = req.cookies?.[WEB_SESSION_COOKIE];
    if (!token) throw new UnauthorizedException({ code: 'not-signed-in', message: 'No session' });
    try {
      return this.open(reply, await this.auth.refresh(token));
    } catch (err) {
      reply.clearCookie(WEB_SESSION_COOKIE, { path: COOKIE_PATH });
      throw err;
    }
  }

  /** Signs out: revokes the session (and the access tokens already issued) and clears the cookie. */
  @IdempotentPost('logout')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'signed out (or was not signed in)' })
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = req.cookies?.[WEB_SESSION_COOKIE];
    if (token) await this.auth.logout(token);
    reply.clearCookie(WEB_SESSION_COOKIE, { path: COOKIE_PATH });
  }

  private open(reply: FastifyReply, pair: TokenPairDto): WebSessionDto {
    reply.setCookie(WEB_SESSION_COOKIE, pair.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      // Secure whenever the request came over TLS (behind the proxies TRUST_PROXY names).
      secure: reply.request.protocol === 'https',
      path: COOKIE_PATH,
      expires: new Date(pair.refreshTokenExpiresAt),
    });
    return { accessToken: pair.accessToken, expiresIn: pair.expiresIn, user: pair.user };
  }
}
