import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AuthUser, Role, verifyAccessTokenClaims } from '@app/identity';

/**
 * On a public route the guard does not read the token; a route that shows more to a signed-in
 * owner (a draft to its employer) asks here. Same checks as the guard (signature, expiry, token
 * version); a missing or bad token simply means "anonymous".
 */
@Injectable()
export class OptionalUserResolver {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
  ) {}

  async resolve(authorization: string | string[] | undefined): Promise<AuthUser | null> {
    const value = Array.isArray(authorization) ? authorization[0] : authorization;
    const m = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
    if (!m) return null;
    try {
      const claims = verifyAccessTokenClaims(this.jwt, m[1]);
      const rows: {
        role: Role;
        organisation_id: string | null;
        township_code: string | null;
        token_version: number;
      }[] = await this.dataSource.query(
        `SELECT role, organisation_id, township_code, token_version FROM users WHERE id = $1`,
        [claims.sub],
      );
      const row = rows[0];
      if (!row || row.token_version !== claims.ver) return null;
      return {
        id: claims.sub,
        role: row.role,
        organisationId: row.organisation_id,
        townshipCode: row.township_code,
      };
    } catch {
      return null;
    }
  }
}
