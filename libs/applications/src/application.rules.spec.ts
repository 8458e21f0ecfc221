import { DomainError } from '@app/platform';
import { APPLICATION_STATUSES, assertEmployerTransition, assertWithdrawable } from './application.rules';
import { assertContractDates, hireSituationOf, locationOfPost } from './placement.rules';

describe('application steps', () => {
  const legal = [
    ['applied', 'screening'],
    ['screening', 'interview'],
    ['interview', 'offer'],
    ['offer', 'hired'],
    ['applied', 'rejected'],
    ['screening', 'rejected'],
    ['interview', 'rejected'],
    ['offer', 'rejected'],
  ] as const;

  it.each(legal)('%s → %s is allowed', (from, to) => {
    expect(() => assertEmployerTransition(from, to)).not.toThrow();
  });

  it('every other pair is a 409', () => {
    for (const from of APPLICATION_STATUSES) {
      for (const to of APPLICATION_STATUSES) {
        if (legal.some(([f, t]) => f === from && t === to)) continue;
        let err: unknown;
        try {
          assertEmployerTransition(from, to);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).status).toBe(409);
      }
    }
  });

  it('withdrawal only while open', () => {
    for (const s of ['applied', 'screening', 'interview', 'offer'] as const) {
      expect(() => assertWithdrawable(s)).not.toThrow();
    }
    for (const s of ['hired', 'rejected', 'withdrawn'] as const) {
      expect(() => assertWithdrawable(s)).toThrow(DomainError);
    }
  });
});

describe('placement facts', () => {
  it('a county post is 山西省/运城市/稷山县 with its township; an outside post its own place', () => {
    const county = {
      townshipCode: 'jifeng',
      outsideProvince: null,
      outsideCity: null,
      outsideCounty: null,
    };
    expect(locationOfPost(county)).toEqual({
      province: '山西省',
      city: '运城市',
      county: '稷山县',
      townshipCode: 'jifeng',
    });
    const outside = {
      townshipCode: null,
      outsideProvince: '江苏省',
      outsideCity: '苏州市',
      outsideCounty: null,
    };
    expect(locationOfPost(outside)).toEqual({
      province: '江苏省',
      city: '苏州市',
      county: null,
      townshipCode: null,
    });
  });

  it('a contract ending before it starts names contractEndDate', () => {
    expect(() => assertContractDates('2025-09-01', '2025-08-31')).toThrow(/contractEndDate/);
    expect(() => assertContractDates('2025-09-01', '2025-09-01')).not.toThrow();
    expect(() => assertContractDates('2025-09-01', null)).not.toThrow();
  });

  it('builds the hire section of a subsidy situation', () => {
    expect(
      hireSituationOf({
        startDate: '2025-09-01',
        contractEndDate: '2027-08-31',
        location: { province: '山西省', city: '运城市', county: '稷山县', townshipCode: 'jifeng' },
        postKind: 'regular',
        employerSocialInsuranceMonthlyFen: 90000,
        referringAgencyKind: 'hr-firm',
        referralFree: true,
        organisedExportTripId: null,
      }),
    ).toEqual({
      startDate: '2025-09-01',
      contractEndDate: '2027-08-31',
      jobLocation: { province: '山西省', city: '运城市', county: '稷山县' },
      postKind: 'regular',
      employerSocialInsuranceMonthlyFen: 90000,
      referral: { agencyKind: 'hr-firm', free: true, organisedExport: false },
    });
  });
});
