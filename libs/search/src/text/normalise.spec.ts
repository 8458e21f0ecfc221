import { normaliseWord } from './normalise';

describe('normaliseWord', () => {
  it('trims and lower-cases as Meilisearch compares words, the same answer every time', () => {
    expect(normaliseWord('  焊工 ')).toBe('焊工');
    expect(normaliseWord('MaHua')).toBe('mahua');
    expect(normaliseWord('A2驾照')).toBe('a2驾照');
    expect(normaliseWord('MaHua')).toBe('mahua');
  });

  it('stays right past its cache size (it forgets, it never answers wrongly)', () => {
    for (let i = 0; i < 60_000; i++) expect(normaliseWord(` W${i} `)).toBe(`w${i}`);
    expect(normaliseWord('  焊工 ')).toBe('焊工');
  });
});
