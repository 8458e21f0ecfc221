import { Injectable } from '@nestjs/common';
import { AuthUser } from '@app/platform';
import { PrincipalResolver } from './principal-resolver';

/**
 * On a public route the guard does not read the token; a route that shows more to a signed-in
 * owner (a draft to its employer) asks here. Same checks as the guard (PrincipalResolver); a
 * missing or bad token simply means "anonymous".
 */
@Injectable()
export class OptionalUserResolver {
  constructor(private readonly principals: PrincipalResolver) {}

  async resolve(authorization: string | string[] | undefined): Promise<AuthUser | null> {
    if (!authorization) return null;
    return this.principals.resolve(authorization).catch(() => null);
  }
}
