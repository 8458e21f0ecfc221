import type { Decision } from '@app/subsidy-engine';
import {
  addMonths,
  beneficiaryOf,
  claimOf,
  lastDayOf,
  lastEndedMonth,
  monthsInForce,
  nextMonth,
  uuidOf,
  withPlacementHistory,
} from './claim-rules';

const decision = (over: Partial<Decision> = {}): Decision => ({
  measure: 'hiring-long-unemployed',
  name: '一次性吸纳就业补贴',
  clause: '三(十三)',
  beneficiary: 'employer',
  eligible: true,
  amountFen: 100000,
  per: 'once',
  maxPeriods: null,
  advance: false,
  reasons: [{ code: 'group', ok: true, text: '登记失业满6个月' }],
  params: {},
  eventDate: '2023-05-01',
  window: { from: '2023-01-01', to: '2023-12-31' },
  policy: 'jishan-2023',
  policyVersion: '1',
  ...over,
});

const key = {
  sourceKind: 'placement' as const,
  sourceId: '00000000-0000-4000-8000-000000000001',
  period: 'once',
  parties: { employerId: 'E', personId: 'P', agencyId: null },
  townshipCode: 'jishan',
};

describe('the month rule (contract: subsidy-claims.md, monthly measures)', () => {
  it('counts a month once it has ended, from the start month, when in force on its last day', () => {
    expect(monthsInForce('2023-03-15', null, '2023-06-01')).toEqual(['2023-03', '2023-04', '2023-05']);
    // June has not ended on its last day.
    expect(monthsInForce('2023-03-15', null, '2023-06-30')).toEqual(['2023-03', '2023-04', '2023-05']);
  });

  it('a placement starting on the last day of a month counts that month', () => {
    expect(monthsInForce('2023-03-31', null, '2023-04-01')).toEqual(['2023-03']);
  });

  it('ending before a month’s last day drops that month and every later one', () => {
    expect(monthsInForce('2023-01-10', '2023-03-30', '2023-12-01')).toEqual(['2023-01', '2023-02']);
    expect(monthsInForce('2023-01-10', '2023-03-31', '2023-12-01')).toEqual([
      '2023-01',
      '2023-02',
      '2023-03',
    ]);
  });

  it('nothing before the start month has ended, nothing for a future start', () => {
    expect(monthsInForce('2023-05-02', null, '2023-05-31')).toEqual([]);
    expect(monthsInForce('2024-01-01', null, '2023-06-01')).toEqual([]);
  });

  it('catches up across a year boundary after downtime', () => {
    expect(monthsInForce('2023-11-20', null, '2024-02-10')).toEqual(['2023-11', '2023-12', '2024-01']);
  });

  it('calendar helpers: last days (leap years), next months, the last ended month', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2023-02')).toBe('2023-02-28');
    expect(lastDayOf('2023-12')).toBe('2023-12-31');
    expect(nextMonth('2023-12')).toBe('2024-01');
    expect(lastEndedMonth('2024-01-15')).toBe('2023-12');
    expect(lastEndedMonth('2023-07-01')).toBe('2023-06');
  });

  it('adds calendar months, clamping the day to the month’s end', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2023-05-01', 6)).toBe('2023-11-01');
    expect(addMonths('2023-05-01', 12)).toBe('2024-05-01');
  });
});

describe('who a decision pays', () => {
  it('employer, agency and the person by the pack’s beneficiary', () => {
    const parties = { employerId: 'E', personId: 'P', agencyId: 'A' };
    expect(beneficiaryOf({ beneficiary: 'employer' }, parties)).toEqual({ kind: 'employer', id: 'E' });
    expect(beneficiaryOf({ beneficiary: 'agency' }, parties)).toEqual({ kind: 'agency', id: 'A' });
    for (const b of ['worker', 'founder', 'graduate']) {
      expect(beneficiaryOf({ beneficiary: b }, parties)).toEqual({ kind: 'person', id: 'P' });
    }
  });

  it('no claim when the party is missing (a referral fee without an agency)', () => {
    expect(beneficiaryOf({ beneficiary: 'agency' }, { employerId: 'E', personId: 'P' })).toBeNull();
  });
});

describe('the claim a decision earns', () => {
  it('an eligible decision: its measure, clause, amount, pack and reasons', () => {
    expect(claimOf(decision(), key)).toEqual({
      measure: 'hiring-long-unemployed',
      clause: '三(十三)',
      beneficiaryKind: 'employer',
      beneficiaryId: 'E',
      subjectPersonId: 'P',
      sourceKind: 'placement',
      sourceId: key.sourceId,
      period: 'once',
      amountFen: 100000,
      policyId: 'jishan-2023',
      policyVersion: '1',
      reasons: decision().reasons,
      townshipCode: 'jishan',
    });
  });

  it('none for an ineligible decision, a loan ceiling or nothing left to pay', () => {
    expect(claimOf(decision({ eligible: false }), key)).toBeNull();
    expect(claimOf(decision({ loan: true, measure: 'startup-loan' }), key)).toBeNull();
    expect(claimOf(decision({ amountFen: 0 }), key)).toBeNull();
  });

  it('an amount the pack leaves unset is still a claim (staff set it on approval)', () => {
    expect(claimOf(decision({ amountFen: null }), key)?.amountFen).toBeNull();
  });
});

describe('history for caps across records', () => {
  const base = { person: { groups: ['registered-unemployed' as const] }, hire: { startDate: '2023-05-01' } };

  it('passes one-time benefits, months and earlier public-welfare placements to the engine', () => {
    const s = withPlacementHistory(base as never, {
      oneTimeMeasures: ['hiring-long-unemployed', 'hiring-long-unemployed'],
      monthsGranted: { 'post-subsidy': 7, 'public-welfare-post-half': 3, 'public-welfare-post': 5 },
      otherPublicWelfarePlacements: 1,
    });
    expect(s.person?.oneTimeSubsidiesGranted).toEqual(['hiring-long-unemployed']);
    expect(s.person?.publicWelfarePlacements).toBe(1);
    expect(s.hire?.postSubsidyMonthsGranted).toBe(7);
    expect(s.hire?.socialInsuranceSubsidyMonthsGranted).toBeUndefined();
    // The full and the half public-welfare subsidy share one count of months.
    expect(s.hire?.publicWelfareMonthsGranted).toBe(5);
  });

  it('leaves the situation as it was when nothing was granted', () => {
    const s = withPlacementHistory(base as never, {
      oneTimeMeasures: [],
      monthsGranted: {},
      otherPublicWelfarePlacements: 0,
    });
    expect(s).toEqual({ ...base, person: { ...base.person }, hire: { ...base.hire } });
  });
});

describe('adjustment ids', () => {
  it('a v5-shaped uuid, the same for the same text', () => {
    const id = uuidOf('a94a8fe5ccb19ba61c4c0873d391e987982fbbd3');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidOf('a94a8fe5ccb19ba61c4c0873d391e987982fbbd3')).toBe(id);
  });
});
