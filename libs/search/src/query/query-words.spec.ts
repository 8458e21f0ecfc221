import { QUERY_WORD_DATA, interpretQueryWords } from './query-words';
import { TOWNSHIPS } from '../geo';

const none = { township: false, employmentType: false, internship: false };
const read = (q: string, given = none) => interpretQueryWords(q, given);

describe('interpretQueryWords: the search box read as people write', () => {
  it.each([
    ['翟店 焊工', { q: '焊工', townshipCodes: ['zhaidian'] }],
    ['翟店焊工', { q: '焊工', townshipCodes: ['zhaidian'] }],
    ['翟店镇的保洁', { q: '保洁', townshipCodes: ['zhaidian'] }],
    ['在翟店找临时工', { q: '', townshipCodes: ['zhaidian'], employmentTypes: ['temporary'] }],
    ['日结 搬运', { q: '搬运', employmentTypes: ['temporary'] }],
    ['兼职服务员', { q: '服务员', employmentTypes: ['part-time'] }],
    ['全职 司机', { q: '司机', employmentTypes: ['full-time'] }],
    ['实习', { q: '', internship: true }],
    ['外地焊工', { q: '焊工', outsideCounty: true }],
    ['经开区 包装工', { q: '包装工', townshipCodes: ['devzone'] }],
  ])('%s', (q, expected) => {
    expect(read(q)).toMatchObject({
      townshipCodes: [],
      employmentTypes: [],
      internship: null,
      outsideCounty: null,
      ...expected,
    });
  });

  it('leaves text that only looks like a place: 太阳能, 稷山麻花, 清洁工, words it does not know', () => {
    for (const q of ['太阳能安装工', '稷山麻花', '清洁工', '苏州 电子厂', '焊工']) {
      expect(read(q)).toMatchObject({ q, townshipCodes: [], employmentTypes: [], understood: [] });
    }
  });

  it('takes unambiguous words out of unknown text too, and keeps that text as written', () => {
    expect(read('苏州兼职焊工')).toMatchObject({ q: '苏州焊工', employmentTypes: ['part-time'] });
    expect(read('翟店镇某某厂')).toMatchObject({ q: '某某厂', townshipCodes: ['zhaidian'] });
    // A short name inside unknown text is not a township.
    expect(read('翟店某某厂')).toMatchObject({ q: '翟店某某厂', townshipCodes: [] });
  });

  it('says which words it took, and does not override filters the page already set', () => {
    expect(read('翟店 兼职 保洁').understood).toEqual([
      { word: '翟店', filter: 'township', value: 'zhaidian' },
      { word: '兼职', filter: 'employmentType', value: 'part-time' },
    ]);
    const chosen = read('翟店 兼职 保洁', { township: true, employmentType: true, internship: false });
    expect(chosen).toMatchObject({
      q: '翟店 兼职 保洁',
      townshipCodes: [],
      employmentTypes: [],
      understood: [],
    });
  });

  it('knows every township by its full and its short name', () => {
    for (const t of TOWNSHIPS) {
      expect(read(`${t.name} 焊工`).townshipCodes).toEqual([t.code]);
      const short = t.kind === 'zone' ? '经开区' : t.name.replace(/[镇乡]$/, '');
      expect(read(`${short} 焊工`).townshipCodes).toEqual([t.code]);
    }
  });

  it.each(QUERY_WORD_DATA.employmentTypes.map((e) => [e.type, e.words] as const))(
    'every word of employment type %s becomes that filter',
    (type, words) => {
      for (const w of words) expect(read(`${w} 焊工`)).toMatchObject({ q: '焊工', employmentTypes: [type] });
    },
  );

  it('every internship and outside-county word becomes its filter', () => {
    for (const w of QUERY_WORD_DATA.internship) expect(read(w)).toMatchObject({ q: '', internship: true });
    for (const w of QUERY_WORD_DATA.outsideCounty)
      expect(read(`${w} 焊工`)).toMatchObject({ q: '焊工', outsideCounty: true });
  });
});
