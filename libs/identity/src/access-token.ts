import { JwtService } from '@nestjs/jwt';
import { DomainError, Role } from '@app/platform';

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
