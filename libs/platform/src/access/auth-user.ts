import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { Role } from './access.decorators';

/** The signed-in user as every service sees it. */
export interface AuthUser {
  id: string;
  role: Role;
  /** the enterprise (employer) or HR service organisation (agency); null for others */
  organisationId: string | null;
  /** a staff member's township station (null = county-wide); a seeker's home township */
  townshipCode: string | null;
}

/** The authenticated user of the request (set by the global AccessGuard). Undefined on public routes. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
    const req = ctx.switchToHttp().getRequest<{ user?: AuthUser }>();
    return req.user;
  },
);
