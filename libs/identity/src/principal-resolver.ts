import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { VerifiedAccessTokens, unauthenticated } from './access-token';
import { AuthUser } from '@app/platform';
import { PrincipalCache } from './principal-cache';
import { UserRepository } from './user.repository';

/**
 * From an `Authorization: Bearer …` header to the signed-in user: signature, expiry and claims,
 * then the user's current role, organisation, township and token version (from PrincipalCache or
 * Postgres). Throws a 401 DomainError when any of it fails. The access guard uses it for protected
 * routes; public routes that show more to a signed-in owner use it too.
 */
@Injectable()
export class PrincipalResolver {
  private readonly tokens: VerifiedAccessTokens;

  constructor(
    jwt: JwtService,
    private readonly users: UserRepository,
    private readonly principals: PrincipalCache,
  ) {
    this.tokens = new VerifiedAccessTokens(jwt);
  }

  async resolve(authorization: string | string[] | undefined): Promise<AuthUser> {
    const value = Array.isArray(authorization) ? authorization[0] : authorization;
    const m = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
    if (!m) throw unauthenticated();
    const claims = this.tokens.verify(m[1]);
    let row = this.principals.get(claims.sub);
    if (!row) {
      row = await this.users.principal(claims.sub);
      if (row) this.principals.set(claims.sub, row);
    }
    if (!row || row.token_version !== claims.ver) throw unauthenticated('The access token has been revoked');
    return {
      id: claims.sub,
      role: row.role,
      organisationId: row.organisation_id,
      townshipCode: row.township_code,
    };
  }
}
