import { hasNewFlag, screenJobPost } from './job-post-screen';

describe('screenJobPost', () => {
  const clean = {
    title: '数控车床操作工',
    occupation: '车工',
    description: '两班倒，包住',
    wageMaxFen: 600_000,
  };

  it('passes an ordinary post', () => {
    expect(screenJobPost(clean)).toEqual([]);
  });

  it('flags fees in the requirements, contact off the platform and a wage far above the usual', () => {
    const flags = screenJobPost({
      ...clean,
      requirements: '入职先交服装费200元',
      contactName: '加微信 abc12345 详谈',
      wageMaxFen: 5_000_000,
    });
    expect(flags.map((f) => f.code).sort()).toEqual([
      'fee-asked',
      'off-platform-contact',
      'pay-far-above-usual',
    ]);
    expect(flags.find((f) => f.code === 'fee-asked')?.words).toEqual(
      expect.arrayContaining(['服装费', '先交']),
    );
  });

  it('tells a new flag from one staff already saw', () => {
    const seen = screenJobPost({ ...clean, description: '需交押金' });
    expect(hasNewFlag(seen, seen)).toBe(false);
    expect(hasNewFlag(seen, [])).toBe(false);
    expect(hasNewFlag([], seen)).toBe(true);
    expect(hasNewFlag(seen, screenJobPost({ ...clean, description: '需交押金和培训费' }))).toBe(true);
  });
});
