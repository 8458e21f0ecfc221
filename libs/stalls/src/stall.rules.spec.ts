import { compareStallCodes, isPriority, orderApplicants, planRound } from './stall.rules';

const app = (id: string, seq: number, priority: boolean, preferredStallId: string | null = null) => ({
  applicationId: id,
  seq,
  priority,
  preferredStallId,
});

describe('stall allocation rule (地摊分配)', () => {
  it('serves priority groups first, each part in application order', () => {
    const order = orderApplicants([
      app('a', 1, false),
      app('b', 2, true),
      app('c', 3, false),
      app('d', 4, true),
      app('e', 0, false),
    ]);
    expect(order.map((a) => a.applicationId)).toEqual(['b', 'd', 'e', 'a', 'c']);
  });

  it('reads the priority groups of a profile', () => {
    expect(isPriority(['difficult'])).toBe(true);
    expect(isPriority(['rural-labourer', 'zero-employment-family'])).toBe(true);
    expect(isPriority(['minimum-living'])).toBe(true);
    expect(isPriority(['disabled'])).toBe(true);
    expect(isPriority(['graduate', 'rural-labourer'])).toBe(false);
    expect(isPriority([])).toBe(false);
    expect(isPriority(undefined)).toBe(false);
  });

  it('the last stall goes to the priority applicant even when they applied later', () => {
    const plan = planRound(
      [app('early', 1, false), app('late-difficult', 2, true)],
      [{ id: 's1', code: 'A-01' }],
    );
    expect(plan).toEqual([{ applicationId: 'late-difficult', stallId: 's1' }]);
  });

  it('gives the preferred stall when free, and keeps stalls later applicants prefer', () => {
    const stalls = [
      { id: 's1', code: 'A-01' },
      { id: 's2', code: 'A-02' },
      { id: 's3', code: 'A-03' },
    ];
    const plan = planRound([app('x', 1, false), app('y', 2, false, 's1'), app('z', 3, true, 's3')], stalls);
    // z first (priority) gets A-03; x has no preference and leaves A-01 to y.
    expect(plan).toEqual([
      { applicationId: 'z', stallId: 's3' },
      { applicationId: 'x', stallId: 's2' },
      { applicationId: 'y', stallId: 's1' },
    ]);
  });

  it('falls back to the first free stall by number when the preferred one is taken', () => {
    const plan = planRound(
      [app('p', 1, true, 's2'), app('q', 2, false, 's2')],
      [
        { id: 's10', code: 'A-10' },
        { id: 's2', code: 'A-2' },
        { id: 's3', code: 'A-3' },
      ],
    );
    expect(plan).toEqual([
      { applicationId: 'p', stallId: 's2' },
      { applicationId: 'q', stallId: 's3' },
    ]);
  });

  it('never gives more stalls than are free, nor one stall twice', () => {
    const applicants = Array.from({ length: 30 }, (_, i) =>
      app(`a${i}`, i, i % 3 === 0, i % 2 ? 's1' : null),
    );
    const stalls = Array.from({ length: 7 }, (_, i) => ({ id: `s${i}`, code: `B-${i}` }));
    const plan = planRound(applicants, stalls);
    expect(plan).toHaveLength(7);
    expect(new Set(plan.map((p) => p.stallId)).size).toBe(7);
    expect(planRound(applicants, [])).toEqual([]);
  });

  it('orders stall codes as people read them', () => {
    expect(['A-10', 'A-2', 'A-01', 'B-1'].sort(compareStallCodes)).toEqual(['A-01', 'A-2', 'A-10', 'B-1']);
  });
});
