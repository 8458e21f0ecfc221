import { DomainError, Role, AuthUser } from '@app/platform';
import {
  assertSameOrganisation,
  assertSelfOrStaff,
  assertTownshipScope,
  townshipFilterOf,
} from './ownership';

const u = (role: Role, extra: Partial<AuthUser> = {}): AuthUser => ({
  id: `${role}-1`,
  role,
  organisationId: null,
  townshipCode: null,
  ...extra,
});
const seeker = u(Role.Seeker, { townshipCode: 'jifeng' });
const employer = u(Role.Employer, { organisationId: 'org-1' });
const jifengStaff = u(Role.Staff, { townshipCode: 'jifeng' });
const countyStaff = u(Role.Staff);
const admin = u(Role.Admin);

function status(fn: () => void): number {
  try {
    fn();
    return 200;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).status;
  }
}

describe('ownership helpers (404, never 403)', () => {
  it('assertSameOrganisation', () => {
    expect(status(() => assertSameOrganisation(employer, 'org-1'))).toBe(200);
    expect(status(() => assertSameOrganisation(employer, 'org-2'))).toBe(404);
    expect(status(() => assertSameOrganisation(employer, null))).toBe(404);
    expect(status(() => assertSameOrganisation(seeker, 'org-1'))).toBe(404);
    expect(status(() => assertSameOrganisation(countyStaff, 'org-1'))).toBe(404);
    expect(status(() => assertSameOrganisation(countyStaff, 'org-1', { staffMayAccess: true }))).toBe(200);
    expect(status(() => assertSameOrganisation(u(Role.Agency), 'org-1'))).toBe(404);
  });

  it('assertSelfOrStaff', () => {
    expect(status(() => assertSelfOrStaff(seeker, seeker.id))).toBe(200);
    expect(status(() => assertSelfOrStaff(seeker, 'someone-else', 'jifeng'))).toBe(404);
    expect(status(() => assertSelfOrStaff(employer, 'someone-else', null))).toBe(404);
    expect(status(() => assertSelfOrStaff(admin, 'x', 'xishe'))).toBe(200);
    expect(status(() => assertSelfOrStaff(countyStaff, 'x', 'xishe'))).toBe(200);
    expect(status(() => assertSelfOrStaff(jifengStaff, 'x', 'jifeng'))).toBe(200);
    expect(status(() => assertSelfOrStaff(jifengStaff, 'x', 'xishe'))).toBe(404);
    expect(status(() => assertSelfOrStaff(jifengStaff, 'x', null))).toBe(404);
    expect(status(() => assertSelfOrStaff(jifengStaff, 'x'))).toBe(404);
  });

  it('assertTownshipScope', () => {
    expect(status(() => assertTownshipScope(admin, 'xishe'))).toBe(200);
    expect(status(() => assertTownshipScope(countyStaff, 'xishe'))).toBe(200);
    expect(status(() => assertTownshipScope(jifengStaff, 'jifeng'))).toBe(200);
    expect(status(() => assertTownshipScope(jifengStaff, 'xishe'))).toBe(404);
    expect(status(() => assertTownshipScope(jifengStaff, null))).toBe(404);
    expect(status(() => assertTownshipScope(seeker, 'jifeng'))).toBe(404);
  });

  it('townshipFilterOf', () => {
    expect(townshipFilterOf(jifengStaff)).toBe('jifeng');
    expect(townshipFilterOf(countyStaff)).toBeNull();
    expect(townshipFilterOf(admin)).toBeNull();
  });
});
