import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, Role } from '@app/platform';
import { AccessTokenClaims, JWT_ALGORITHM, unauthenticated } from './access-token';
import { RegisterAgencyDto, RegisterEmployerDto, RegisterSeekerDto, TokenPairDto } from './auth.dto';
import { LoginAttempts } from './login-attempts';
import { PrincipalCache } from './principal-cache';
import { hashPassword, verifyPassword } from './password';
import { RefreshTokenRepository } from './refresh-token.repository';
import { UsersService } from './users.service';

const INVALID_CREDENTIALS = 'Login or password is wrong';

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Registration, login, refresh-token rotation with reuse detection, logout. */
@Injectable()
export class AuthService {
  /** Verified against when the login does not exist, so both failures cost the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly attempts: LoginAttempts,
    private readonly principals: PrincipalCache,
    private readonly tokens: RefreshTokenRepository,
  ) {
    this.dummyHash = hashPassword(randomBytes(16).toString('hex'));
  }

  async registerSeeker(dto: RegisterSeekerDto): Promise<TokenPairDto> {
    const user = await this.dataSource.transaction((m) =>
      this.users.createUser(
        {
          role: Role.Seeker,
          login: dto.login,
          password: dto.password,
          displayName: dto.displayName,
          mobile: dto.mobile,
          idNumber: dto.idNumber,
          townshipCode: dto.townshipCode,
        },
        m,
      ),
    );
    return this.issue(user.id);
  }

  /** Creates a NEW enterprise; an already registered credit code → 409 (no joining by self-registration). */
  async registerEmployer(dto: RegisterEmployerDto): Promise<TokenPairDto> {
    const user = await this.dataSource.transaction(async (m) => {
      const org = await this.users.createOrganisation(
        { kind: 'enterprise', name: dto.enterpriseName, creditCode: dto.creditCode },
        m,
      );
      return this.users.createUser(
        {
          role: Role.Employer,
          login: dto.login,
          password: dto.password,
          displayName: dto.displayName,
          mobile: dto.mobile,
          organisationId: org.id,
        },
        m,
      );
    });
    return this.issue(user.id);
  }

  async registerAgency(dto: RegisterAgencyDto): Promise<TokenPairDto> {
    const user = await this.dataSource.transaction(async (m) => {
      const org = await this.users.createOrganisation(
        { kind: 'agency', name: dto.agencyName, creditCode: dto.creditCode, agencyKind: dto.agencyKind },
        m,
      );
      return this.users.createUser(
        {
          role: Role.Agency,
          login: dto.login,
          password: dto.password,
          displayName: dto.displayName,
          mobile: dto.mobile,
          organisationId: org.id,
        },
        m,
      );
    });
    return this.issue(user.id);
  }

  /**
   * Unknown login and wrong password answer the same 401 after the same amount of work. Failures
   * are counted per account and address (LoginAttempts): a guesser is slowed, the owner is not
   * locked out.
   */
  async login(login: string, password: string, clientIp: string): Promise<TokenPairDto> {
    await this.attempts.assertMayTry(login, clientIp);
    const user = await this.users.findByLogin(login);
    const ok = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !ok) {
      await this.attempts.failed(login, clientIp);
      throw new DomainError('auth.invalid-credentials', INVALID_CREDENTIALS, 401);
    }
    await this.attempts.succeeded(login, clientIp);
    return this.issue(user.id);
  }

  /**
   * Rotation: the presented token is revoked and replaced by a new one of the same family. A
   * token that was already revoked is being reused — stolen or replayed — so the whole family is
   * revoked and the user's token version bumped (their access tokens stop working too).
   */
  async refresh(token: string): Promise<TokenPairDto> {
    const hash = hashRefreshToken(token);
    const outcome = await this.dataSource.transaction(async (m) => {
      const row = await this.tokens.lockByHash(m, hash);
      if (!row) return { kind: 'unknown' as const };
      if (row.revokedAt) {
        await this.tokens.revokeFamily(m, row.familyId);
        await this.users.bumpTokenVersion(row.userId, m);
        return { kind: 'reused' as const, userId: row.userId };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { kind: 'expired' as const };
      const next = await this.newRefreshToken(m, row.userId, row.familyId);
      await this.tokens.revokeReplaced(m, row.id, next.id);
      return { kind: 'ok' as const, userId: row.userId, next };
    });
    if (outcome.kind === 'reused') {
      this.principals.forget(outcome.userId);
      throw new DomainError(
        'auth.refresh-token-reused',
        'This refresh token was already used; sign in again',
        401,
      );
    }
    if (outcome.kind !== 'ok') throw unauthenticated('The refresh token is invalid or has expired');
    return this.issue(outcome.userId, outcome.next);
  }

  /**
   * Signing out: the token's whole family (the login session) is revoked, and the user's token
   * version bumped, so the access tokens already handed out stop working at once too (other
   * devices sign in again with their own refresh token). Unknown tokens are ignored.
   */
  async logout(token: string): Promise<void> {
    const userId = await this.dataSource.transaction(async (m) => {
      const row = await this.tokens.lockByHash(m, hashRefreshToken(token));
      if (!row) return null;
      await this.tokens.revokeFamily(m, row.familyId);
      await this.users.bumpTokenVersion(row.userId, m);
      return row.userId;
    });
    // Again after commit: a request in between may have cached the old version.
    if (userId) this.principals.forget(userId);
  }

  /** Signs an access token for the user as the database has them now, plus a refresh token. */
  private async issue(userId: string, refresh?: { token: string; expiresAt: Date }): Promise<TokenPairDto> {
    const user = await this.users.load(userId);
    const rt = refresh ?? (await this.newRefreshToken(this.dataSource.manager, user.id, randomUUID()));
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      org: user.organisationId,
      twp: user.townshipCode,
      ver: user.tokenVersion,
      typ: 'access',
    };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: JWT_ALGORITHM,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      refreshToken: rt.token,
      refreshTokenExpiresAt: rt.expiresAt.toISOString(),
      user: this.users.view(user),
    };
  }

  private async newRefreshToken(
    m: EntityManager,
    userId: string,
    familyId: string,
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86400_000);
    const saved = await this.tokens.insert(m, {
      userId,
      familyId,
      tokenHash: hashRefreshToken(token),
      expiresAt,
    });
    return { id: saved.id, token, expiresAt };
  }
}
