import { Role } from '@app/platform';
import { canManage, maskPhone } from './enterprise.service';

describe('enterprise access (canManage)', () => {
  const e = { organisationId: 'org-a', townshipCode: 'jifeng', commissionerUserId: 'staff-x' };
  const user = (role: Role, extra: { organisationId?: string; townshipCode?: string; id?: string } = {}) => ({
    id: extra.id ?? 'u1',
    role,
    organisationId: extra.organisationId ?? null,
    townshipCode: extra.townshipCode ?? null,
  });

  it.each([
    ['anonymous', null, false],
    ['seeker', user(Role.Seeker), false],
    ['agency', user(Role.Agency, { organisationId: 'org-a' }), false],
    ['own employer', user(Role.Employer, { organisationId: 'org-a' }), true],
    ['other employer', user(Role.Employer, { organisationId: 'org-b' }), false],
    ['county staff', user(Role.Staff), true],
    ['township staff of its township', user(Role.Staff, { townshipCode: 'jifeng' }), true],
    ['township staff elsewhere', user(Role.Staff, { townshipCode: 'xishe' }), false],
    ['its commissioner elsewhere', user(Role.Staff, { townshipCode: 'xishe', id: 'staff-x' }), true],
    ['admin', user(Role.Admin), true],
  ])('%s → %s', (_label, actor, expected) => {
    expect(canManage(actor, e)).toBe(expected);
  });

  it('masks mobiles and landlines', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('0359-5521234')).toBe('035*****1234');
    expect(maskPhone(null)).toBeNull();
  });
});
