import { DomainError, Role, AuthUser } from '@app/platform';

/**
 * Object-level checks, one line each in a service. They throw a 404 DomainError — never 403 — so
 * that a caller cannot learn whether someone else's record exists.
 */
function notFound(what: string): DomainError {
  return DomainError.notFound(what);
}

export function isStaffOrAdmin(user: AuthUser): boolean {
  return user.role === Role.Staff || user.role === Role.Admin;
}

/** Staff scoped to a township station (not county-wide staff, not admins). */
export function isTownshipStaff(user: AuthUser): boolean {
  return user.role === Role.Staff && user.townshipCode !== null;
}

/**
 * The user is a member of the organisation. With `staffMayAccess`, staff and admins pass too
 * (township-scoped staff should additionally call assertTownshipScope on the record's township).
 */
export function assertSameOrganisation(
  user: AuthUser,
  organisationId: string | null | undefined,
  options: { staffMayAccess?: boolean; what?: string } = {},
): void {
  if (options.staffMayAccess && isStaffOrAdmin(user)) return;
  if (!organisationId || user.organisationId === null || user.organisationId !== organisationId) {
    throw notFound(options.what ?? 'Record');
  }
}

/**
 * The user is the subject themselves, an admin, county-wide staff, or township staff of the
 * subject's township. Township-scoped staff are refused when the subject's township is not given.
 */
export function assertSelfOrStaff(
  user: AuthUser,
  userId: string,
  subjectTownshipCode?: string | null,
  what = 'User',
): void {
  if (user.id === userId) return;
  if (user.role === Role.Admin) return;
  if (user.role === Role.Staff) {
    if (user.townshipCode === null) return;
    if (subjectTownshipCode !== undefined && subjectTownshipCode === user.townshipCode) return;
  }
  throw notFound(what);
}

/**
 * For staff routes: admins and county-wide staff see every township; township staff only their
 * own. Any other role fails (the check is for staff work, not for owners).
 */
export function assertTownshipScope(
  user: AuthUser,
  townshipCode: string | null | undefined,
  what = 'Record',
): void {
  if (user.role === Role.Admin) return;
  if (user.role === Role.Staff && (user.townshipCode === null || user.townshipCode === townshipCode)) return;
  throw notFound(what);
}

/** The township a staff list must be limited to (null = no limit), for list queries. */
export function townshipFilterOf(user: AuthUser): string | null {
  return isTownshipStaff(user) ? user.townshipCode : null;
}
