/**
 * Identity (用户与机构): users, organisations, sign-in and tokens, personal-data encryption, and
 * the access rules every route declares. Other libs use these names only.
 */
export { IdentityDirectoryModule, IdentityModule, IdentityPiiModule } from './identity.module';
export { AccessGuard, routeAccessOf } from './access.guard';
export { PrincipalResolver } from './principal-resolver';
export { OptionalUserResolver } from './optional-user';
export { UsersService } from './users.service';
export type { BirthFacts } from './users.service';
export { UserDirectory } from './user-directory';
export type { UserSummary } from './user-directory';
export { OrganisationsService } from './organisations.service';
export type { OrganisationSummary } from './organisations.service';
export { ORGANISATION_CHECK_STATUSES } from './organisation.entity';
export type { OrganisationCheckStatus } from './organisation.entity';
export { MaskedIdNumbers } from './masked-id-numbers';
export { PII_PURPOSE, PiiCipher, normaliseResidentId } from './pii-cipher';
export { IsCreditCode, IsMobileNumber, IsResidentIdNumber } from './pii-validators';
export { LOGIN_PATTERN, TOWNSHIP_PATTERN } from './user.dto';
export type { UserView } from './user.dto';
export { hashPassword } from './password';
export { assertSelfOrStaff, assertTownshipScope, isTownshipStaff, townshipFilterOf } from './ownership';
export { PlatformThrottlerGuard, PublicThrottle, RegistrationThrottle, throttlerModule } from './throttle';
