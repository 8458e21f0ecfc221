import { pinyin } from 'pinyin-pro';

/** Pinyin tokens of a text, for extra searchable fields next to the Chinese ones. */
export interface PinyinFields {
  /** Space-separated, toneless, lowercase tokens: the whole run and its 2- and 3-character words. */
  pinyin: string;
  /** The same tokens as initials (焊工 → hg). */
  initials: string;
}

const HAN_RUN = /\p{Script=Han}+/gu;
/** A run longer than this is a sentence, not a name: its whole-run token would never be typed. */
const WHOLE_RUN_MAX = 8;

/**
 * Meilisearch no longer matches pinyin, and without word segmentation (pinyin-pro has none without
 * its dictionary package) a title like 稷山电焊工 would give one token `jishandianhangong` that
 * `hangong` never prefixes. So every 2- and 3-character window of each Han run becomes a token
 * (`dianhan`, `hangong`, `dianhangong` …), plus the whole run when short: most Chinese words are
 * two or three characters, and the noise of cross-word windows is harmless in a low-ranked field.
 * Tokens of five letters or more also get Meilisearch's typo tolerance, which short Chinese words lack.
 */
export function pinyinFields(text: string): PinyinFields {
  const full = new Set<string>();
  const initials = new Set<string>();
  for (const run of text.match(HAN_RUN) ?? []) {
    const syllables = pinyin(run, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
    const add = (from: number, to: number) => {
      const part = syllables.slice(from, to);
      full.add(part.join(''));
      initials.add(part.map((s) => s[0]).join(''));
    };
    if (syllables.length === 1) add(0, 1);
    for (const width of [2, 3]) {
      for (let i = 0; i + width <= syllables.length; i++) add(i, i + width);
    }
    if (syllables.length > 3 && syllables.length <= WHOLE_RUN_MAX) add(0, syllables.length);
  }
  return { pinyin: [...full].join(' '), initials: [...initials].join(' ') };
}

/** Toneless pinyin of a word without spaces (电焊工 → dianhangong); non-Han characters kept, lowercased. */
export function pinyinOf(word: string): string {
  return pinyin(word, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' })
    .join('')
    .replace(/\s+/g, '')
    .toLowerCase();
}
