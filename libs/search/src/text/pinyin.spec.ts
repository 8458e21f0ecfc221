import { pinyinFields, pinyinOf } from './pinyin';

describe('pinyinFields', () => {
  it('gives word-sized tokens so a word inside a title is found', () => {
    const { pinyin, initials } = pinyinFields('招聘电焊工');
    const tokens = pinyin.split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['hangong', 'dianhan', 'dianhangong', 'zhaopin']));
    expect(initials.split(' ')).toEqual(expect.arrayContaining(['hg', 'dhg', 'zpdhg']));
  });

  it('handles 稷山麻花, single characters, latin text and ü', () => {
    expect(pinyinFields('稷山麻花').pinyin.split(' ')).toEqual(
      expect.arrayContaining(['mahua', 'jishanmahua']),
    );
    expect(pinyinFields('枣').pinyin).toBe('zao');
    expect(pinyinFields('CNC').pinyin).toBe('');
    expect(pinyinFields('女工').pinyin).toBe('nvgong');
  });

  it('has no duplicate tokens', () => {
    const tokens = pinyinFields('工工工工 工工').pinyin.split(' ');
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('pinyinOf joins a word', () => {
    expect(pinyinOf('电焊工')).toBe('dianhangong');
    expect(pinyinOf('CNC数控')).toBe('cncshukong');
  });
});
