import { JwtService } from '@nestjs/jwt';
import { DomainError, parseConfig } from '@app/platform';
import { Role } from './access.decorators';
import { AuthUser } from './auth-user';

/** Claims of an access token. `ver` is the user's token version when it was issued. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  org: string | null;
  twp: string | null;
  ver: number;
  typ: 'access';
}

const ROLES = new Set<string>(Object.values(Role));
export const JWT_ALGORITHM = 'HS256';

export function unauthenticated(message = 'Sign in first'): DomainError {
  return new DomainError('unauthenticated', message, 401);
}

/** Verifies signature, expiry and shape; throws a 401 DomainError otherwise. */
export function verifyAccessTokenClaims(jwt: JwtService, token: string): AccessTokenClaims {
  let claims: Partial<AccessTokenClaims>;
  try {
    claims = jwt.verify<AccessTokenClaims>(token, { algorithms: [JWT_ALGORITHM] });
  } catch {
    throw unauthenticated('The access token is invalid or has expired');
  }
  if (
    claims.typ !== 'access' ||
    typeof claims.sub !== 'string' ||
    typeof claims.role !== 'string' ||
    !ROLES.has(claims.role) ||
    typeof claims.ver !== 'number'
  ) {
    throw unauthenticated('The access token is invalid or has expired');
  }
  return claims as AccessTokenClaims;
}

export function claimsToAuthUser(c: AccessTokenClaims): AuthUser {
  return { id: c.sub, role: c.role, organisationId: c.org ?? null, townshipCode: c.twp ?? null };
}

let standalone: { secret: string; jwt: JwtService } | undefined;

/**
 * Synchronous check of a Bearer access token for code outside Nest's guards (e.g. a Fastify
 * onRequest hook protecting Bull Board): signature, expiry and claims, with JWT_SECRET from the
 * environment unless given. It does not consult the database, so a token revoked by a token-version
 * bump stays valid here until it expires (at most JWT_ACCESS_TTL_SECONDS); the API's AccessGuard
 * does check the version. Throws a 401 DomainError when the token is not valid.
 */
export function verifyAccessToken(token: string, secret?: string): AuthUser {
  const key = secret ?? parseConfig().JWT_SECRET;
  if (!standalone || standalone.secret !== key)
    standalone = { secret: key, jwt: new JwtService({ secret: key }) };
  return claimsToAuthUser(verifyAccessTokenClaims(standalone.jwt, token.replace(/^Bearer\s+/i, '')));
}
