import { SCREENING_RULES, screenListing, usualPayFen } from './screening';

describe('screenListing', () => {
  const clean = {
    title: '帮忙搬家一天',
    description: '三楼搬到一楼，家具不多',
    trade: '搬运',
    payFen: 20000,
    payUnit: 'day' as const,
  };

  it('passes an ordinary gig', () => {
    expect(screenListing(clean)).toEqual([]);
  });

  it('flags a deposit or a fee asked of the worker, naming the words', () => {
    const f = screenListing({ ...clean, description: '上岗前先交押金200元和服装费' });
    expect(f.map((x) => x.code)).toEqual(['fee-asked']);
    expect(f[0].words).toEqual(expect.arrayContaining(['押金', '服装费', '先交']));
  });

  it('flags pyramid-selling words and contact pushed off the platform', () => {
    const f = screenListing({
      ...clean,
      title: '躺赚项目',
      description: '详情加微信 abc123，或致电13812345678',
    });
    expect(f.map((x) => x.code)).toEqual(['pyramid-words', 'off-platform-contact']);
    expect(f[1].words).toEqual(expect.arrayContaining(['加微信', '13812345678']));
  });

  it('flags pay far above the trade usual range, per unit', () => {
    expect(usualPayFen('电焊', 'day')).toBe(45000);
    expect(usualPayFen('搬运', 'day')).toBe(30000);
    expect(screenListing({ ...clean, payFen: 30000 * 3 })).toEqual([]);
    expect(screenListing({ ...clean, payFen: 30000 * 3 + 1 }).map((x) => x.code)).toEqual([
      'pay-far-above-usual',
    ]);
    expect(screenListing({ ...clean, payUnit: 'hour', payFen: 100000 }).map((x) => x.code)).toEqual([
      'pay-far-above-usual',
    ]);
    // A monthly job-post wage is compared with monthly wages, not day rates.
    expect(screenListing({ ...clean, payUnit: 'month', payFen: 1_000_000 })).toEqual([]);
    expect(
      screenListing({ ...clean, trade: '普工', payUnit: 'month', payFen: 4_000_000 }).map((f) => f.code),
    ).toEqual(['pay-far-above-usual']);
    expect(usualPayFen('医生', 'month')).toBe(1_500_000);
  });

  it('reads rules given to it (a new rule set is data, not code)', () => {
    const rules = { ...SCREENING_RULES, fees: { reason: '收费', words: ['茶水费'] } };
    expect(screenListing({ ...clean, description: '另收茶水费' }, rules).map((x) => x.code)).toEqual([
      'fee-asked',
    ]);
    expect(screenListing({ ...clean, description: '先交押金' }, rules)).toEqual([]);
  });
});
