import { areTradeSynonyms, loadTradeSynonyms, synonymsOf, TRADE_SYNONYM_DATA, tradesIn } from './synonyms';

describe('loadTradeSynonyms', () => {
  const { synonyms, dictionary } = loadTradeSynonyms();

  it('maps every word of a group to all the others of that group', () => {
    for (const group of TRADE_SYNONYM_DATA.groups) {
      for (const w of group.words) {
        const others = group.words.filter((o) => o !== w).map((o) => o.toLowerCase());
        expect(synonyms[w.toLowerCase()]).toEqual(expect.arrayContaining(others));
        expect(synonyms[w.toLowerCase()]).not.toContain(w.toLowerCase());
      }
    }
    expect(synonyms['焊工']).toEqual(expect.arrayContaining(['电焊工', '氩弧焊工', '电气焊']));
    expect(synonyms['cnc']).toContain('数控');
  });

  it('adds one-way entries in one direction only', () => {
    expect(synonyms['数控车工']).toEqual(expect.arrayContaining(['车工', '数控']));
    expect(synonyms['车工']).not.toContain('数控车工');
  });

  it('keeps trade words whole in the dictionary', () => {
    expect(dictionary).toEqual(expect.arrayContaining(['稷山麻花', '电焊工', '养老护理员', '乡村医生']));
    expect(dictionary.every((w) => [...w].length >= 2)).toBe(true);
    expect(new Set(dictionary).size).toBe(dictionary.length);
  });

  it('with pinyin aliases, pinyin joins its group', () => {
    const withPinyin = loadTradeSynonyms({ pinyinAliases: true }).synonyms;
    expect(withPinyin['hangong']).toEqual(expect.arrayContaining(['焊工', '电焊工', 'dianhangong']));
    expect(withPinyin['电焊工']).toContain('hangong');
  });

  it('has no word twice in one group and no empty group', () => {
    for (const g of TRADE_SYNONYM_DATA.groups) {
      expect(g.words.length).toBeGreaterThanOrEqual(2);
      expect(new Set(g.words).size).toBe(g.words.length);
    }
  });
});

describe('synonym helpers', () => {
  it('areTradeSynonyms', () => {
    expect(areTradeSynonyms('电焊工', '焊工')).toBe(true);
    expect(areTradeSynonyms('村医', '乡村医生')).toBe(true);
    expect(areTradeSynonyms('焊工', '电工')).toBe(false);
  });

  it('synonymsOf follows one-way entries into their groups', () => {
    expect(synonymsOf('数控车工')).toEqual(expect.arrayContaining(['车工', '车床工', '数控', 'CNC']));
    expect(synonymsOf('不存在的工种')).toEqual([]);
  });

  it('tradesIn prefers the longest word', () => {
    expect(tradesIn('招聘电焊工2名')).toEqual(['焊接']);
    expect(tradesIn('养老护理员')).toEqual(['养老护理']);
    expect(tradesIn('稷山麻花包装')).toEqual(['麻花', '食品包装']);
  });
});

describe('the indexed synonym lookups', () => {
  // The plain definition, scanning every group: what the indexed lookups must answer.
  const norm = (w: string) => w.trim().toLowerCase();
  const groupsWith = (w: string) =>
    TRADE_SYNONYM_DATA.groups.filter((g) => g.words.some((x) => norm(x) === norm(w)));
  const words = [
    ...new Set([
      ...TRADE_SYNONYM_DATA.groups.flatMap((g) => g.words),
      ...TRADE_SYNONYM_DATA.oneWay.flatMap((e) => [e.from, ...e.to]),
      '不是工种',
      ' 焊工 ',
    ]),
  ];

  it('answer areTradeSynonyms as a scan of every group does, for every pair of known words', () => {
    const wrong: string[] = [];
    const groups = new Map(words.map((w) => [w, groupsWith(w)]));
    for (const a of words)
      for (const b of words) {
        const expected =
          norm(a) === norm(b) || (groups.get(a) ?? []).some((g) => (groups.get(b) ?? []).includes(g));
        if (areTradeSynonyms(a, b) !== expected) wrong.push(`${a}/${b}`);
      }
    expect(wrong).toEqual([]);
  });

  it('give synonymsOf the same words twice, and a copy the caller may change', () => {
    for (const w of words) {
      const first = synonymsOf(w);
      first.push('改动');
      expect(synonymsOf(w)).not.toContain('改动');
      for (const g of groupsWith(w)) for (const x of g.words) expect(synonymsOf(w)).toContain(x);
    }
  });
});
