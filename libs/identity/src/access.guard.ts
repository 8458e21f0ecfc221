import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, IS_PUBLIC, ROLES, Role, AuthUser } from '@app/platform';
import { PrincipalResolver } from './principal-resolver';

interface RequestWithUser {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

/** What a route declares: `public`, the roles allowed, or nothing (→ denied to everyone). */
export function routeAccessOf(
  reflector: Reflector,
  handler: object,
  controller: object,
): { public: true } | { public: false; roles: Role[] } | null {
  const targets = [handler, controller] as Parameters<Reflector['getAllAndOverride']>[1];
  if (reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return { public: true };
  const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
  if (roles && roles.length > 0) return { public: false, roles };
  return null;
}

/**
 * The global guard (APP_GUARD). Deny by default: a route that says neither `@Public()` nor
 * `@Roles(...)` answers 403 to everyone. Otherwise the Bearer token is verified (signature, expiry,
 * token version against the database, remembered for a few seconds by PrincipalCache — which also
 * picks up a changed role or township) and the
 * role checked; `req.user` is the AuthUser from then on.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = routeAccessOf(this.reflector, context.getHandler(), context.getClass());
    if (access === null) {
      throw DomainError.forbidden('This route declares no access rule and is closed', 'route-undeclared');
    }
    const req = context.switchToHttp().getRequest<RequestWithUser>();
    if (access.public) return true;
    const user = await this.principals.resolve(req.headers.authorization);
    req.user = user;
    if (!access.roles.includes(user.role)) {
      throw DomainError.forbidden('Your role may not use this route');
    }
    return true;
  }
}
