import { loadPolicyRegistry } from '@app/subsidy-engine/load-policies.node';
import {
  COUNTY_REGION,
  EntitlementPostFacts,
  contractEndFor,
  entitlementHint,
  hireSituation,
} from './entitlement-hint';

const registry = loadPolicyRegistry();
const small: EntitlementPostFacts = { employerSize: 'small', jobLocation: COUNTY_REGION };
const large: EntitlementPostFacts = { employerSize: 'large', jobLocation: COUNTY_REGION };
const graduate2023 = {
  groups: ['graduate' as const],
  graduation: { date: '2023-07-01', level: 'university' as const, province: '山西', fullTime: true },
};

describe('contractEndFor', () => {
  it('is one year minus one day', () => {
    expect(contractEndFor('2026-11-28')).toBe('2027-11-27');
    expect(contractEndFor('2026-01-01')).toBe('2026-12-31');
    expect(contractEndFor('2026-03-01')).toBe('2027-02-28');
    expect(contractEndFor('2024-02-29')).toBe('2025-02-28');
  });
});

describe('hireSituation', () => {
  it('hires today on a one-year contract at the post, with the profile facts and no birth date', () => {
    const s = hireSituation(
      { employerSize: 'medium', jobLocation: COUNTY_REGION },
      {
        groups: ['registered-unemployed'],
        registeredUnemployedSince: '2025-01-01',
        unemploymentInsuranceMonths: 3,
      },
      '2026-11-28',
    );
    expect(s).toEqual({
      asOf: '2026-11-28',
      person: {
        groups: ['registered-unemployed'],
        registeredUnemployedSince: '2025-01-01',
        unemploymentInsuranceMonths: 3,
      },
      employer: { size: 'medium' },
      hire: {
        startDate: '2026-11-28',
        contractEndDate: '2027-11-27',
        postKind: 'regular',
        jobLocation: { province: '山西省', city: '运城市', county: '稷山县' },
      },
    });
  });

  it('leaves out what is unknown (employer size, place, empty profile facts)', () => {
    const s = hireSituation(
      { employerSize: null, jobLocation: null },
      { groups: [], graduation: null, registeredUnemployedSince: null, unemploymentInsuranceMonths: null },
      '2026-11-28',
    );
    expect(s).toEqual({
      asOf: '2026-11-28',
      person: { groups: [] },
      hire: { startDate: '2026-11-28', contractEndDate: '2027-11-27', postKind: 'regular' },
    });
  });
});

describe('entitlementHint (against the real policy pack)', () => {
  it('就业困难人员: 岗位补贴 per month for any employer (一(一))', () => {
    const h = entitlementHint(small, { groups: ['difficult'] }, registry, '2026-11-28');
    expect(h.reason).toBe('可享岗位补贴每月300元（一(一)）');
    expect(h.measures.map((m) => m.measure)).toEqual(['post-subsidy']);
  });

  it('registered unemployed ≥ 6 months, hired inside the 2023 window: 一次性吸纳就业补贴1000元（三(十三)）', () => {
    const h = entitlementHint(
      small,
      { groups: ['registered-unemployed'], registeredUnemployedSince: '2023-01-01' },
      registry,
      '2023-11-28',
    );
    expect(h.reason).toBe('可享一次性吸纳就业补贴1000元（三(十三)）');
  });

  it('registered unemployed under 6 months: no hint', () => {
    const h = entitlementHint(
      small,
      { groups: ['registered-unemployed'], registeredUnemployedSince: '2023-09-01' },
      registry,
      '2023-11-28',
    );
    expect(h).toEqual({ reason: null, measures: [] });
  });

  it('a recent graduate hired by a large employer in 2023: 一次性吸纳就业补贴1000元（二(八)）', () => {
    const h = entitlementHint(large, graduate2023, registry, '2023-11-28');
    expect(h.reason).toBe('可享一次性吸纳就业补贴1000元（二(八)）');
    expect(h.measures).toEqual([
      expect.objectContaining({ measure: 'hiring-youth-large', amountFen: 100000, per: 'once' }),
    ]);
  });

  it('after the measure window (截至2023-12-31) the same hire gives no hint', () => {
    expect(entitlementHint(large, graduate2023, registry, '2026-11-28').reason).toBeNull();
    expect(
      entitlementHint(
        small,
        { groups: ['registered-unemployed'], registeredUnemployedSince: '2025-01-01' },
        registry,
        '2026-11-28',
      ).reason,
    ).toBeNull();
  });

  it('no group, no facts: no hint; only employer measures ever count', () => {
    expect(entitlementHint(small, { groups: [] }, registry, '2026-11-28')).toEqual({
      reason: null,
      measures: [],
    });
    // A graduate's own 一次性求职创业补贴 is the graduate's, not the employer's.
    const h = entitlementHint(
      small,
      { groups: ['graduate', 'minimum-living'], graduation: graduate2023.graduation },
      registry,
      '2023-11-28',
    );
    expect(h.measures.every((m) => m.measure !== 'job-search')).toBe(true);
  });

  it('an engine input error (an impossible date) gives no hint instead of failing', () => {
    const h = entitlementHint(
      small,
      { groups: ['registered-unemployed'], registeredUnemployedSince: '2023-02-30' },
      registry,
      '2023-11-28',
    );
    expect(h).toEqual({ reason: null, measures: [] });
  });
});
