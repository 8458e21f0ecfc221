import data from './jishan-trades.json';
import { pinyinOf } from '../text/pinyin';
import { normaliseWord } from '../text/normalise';

/** One group of mutual synonyms (e.g. 焊工 ↔ 电焊工 ↔ 氩弧焊工), named by its trade. */
export interface TradeGroup {
  trade: string;
  words: readonly string[];
}

/** A one-way expansion: searching `from` also finds `to`, not the other way round. */
export interface OneWaySynonym {
  from: string;
  to: readonly string[];
}

export interface TradeSynonymData {
  groups: readonly TradeGroup[];
  oneWay: readonly OneWaySynonym[];
  dictionary: readonly string[];
}

/** Meilisearch's `synonyms` setting: every word maps to the words it should also match. */
export type SynonymMap = Record<string, string[]>;

export interface TradeSynonyms {
  synonyms: SynonymMap;
  dictionary: string[];
}

/** The county trade data as shipped (the JSON file is the source of truth). */
export const TRADE_SYNONYM_DATA: TradeSynonymData = data;

/** Meilisearch lowercases synonyms; keys are compared the same way here. */
const norm = normaliseWord;

function addAll(map: Map<string, Set<string>>, from: string, to: Iterable<string>): void {
  const key = norm(from);
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  for (const w of to) if (norm(w) !== key) set.add(norm(w));
}

/**
 * Turns the trade data into Meilisearch's `synonyms` object and `dictionary` array.
 * Every word of a group maps to all the others (a word in two groups maps to both); one-way
 * entries add their targets only. With `pinyinAliases` the toneless pinyin of each word joins its
 * group (hangong ↔ 焊工 ↔ dianhangong), so a pinyin query finds posts of every synonym, not only
 * the one whose pinyin it is. Every word of two or more characters also goes into the dictionary,
 * so Meilisearch's Chinese segmentation keeps 电焊工 whole both when indexing and when searching.
 */
export function loadTradeSynonyms(
  options: { pinyinAliases?: boolean; source?: TradeSynonymData } = {},
): TradeSynonyms {
  const source = options.source ?? TRADE_SYNONYM_DATA;
  const map = new Map<string, Set<string>>();
  for (const group of source.groups) {
    const words = [...group.words];
    if (options.pinyinAliases) {
      for (const w of group.words) if (/\p{Script=Han}/u.test(w)) words.push(pinyinOf(w));
    }
    for (const w of words) addAll(map, w, words);
  }
  for (const entry of source.oneWay) addAll(map, entry.from, entry.to);

  const synonyms: SynonymMap = {};
  for (const key of [...map.keys()].sort()) {
    const values = [...(map.get(key) as Set<string>)].sort();
    if (values.length > 0) synonyms[key] = values;
  }

  const dictionary = new Set<string>();
  const allWords = [
    ...source.dictionary,
    ...source.groups.flatMap((g) => g.words),
    ...source.oneWay.flatMap((e) => [e.from, ...e.to]),
  ];
  for (const w of allWords)
    if ([...w.trim()].length >= 2 && /\p{Script=Han}/u.test(w)) dictionary.add(w.trim());
  return { synonyms, dictionary: [...dictionary].sort() };
}

/**
 * The groups of each word of a source, built once: matching scores hundreds of (seeker, post)
 * pairs per request with several "same trade?" questions each, and scanning every group per
 * question was 39% of the matching routes' CPU (bench:matching's profile).
 */
const groupsOfWord = new WeakMap<TradeSynonymData, Map<string, number[]>>();
const synonymsCache = new WeakMap<TradeSynonymData, Map<string, string[]>>();
const SYNONYMS_CACHE_SIZE = 10_000;

function groupIndexesOf(word: string, source: TradeSynonymData): number[] | undefined {
  let byWord = groupsOfWord.get(source);
  if (!byWord) {
    byWord = new Map();
    for (const [i, g] of source.groups.entries()) {
      for (const w of g.words) {
        const list = byWord.get(norm(w)) ?? [];
        if (!list.includes(i)) list.push(i);
        byWord.set(norm(w), list);
      }
    }
    groupsOfWord.set(source, byWord);
  }
  return byWord.get(norm(word));
}

/** Words of every group containing `word` (itself included), plus one-way targets. Empty if unknown. */
export function synonymsOf(word: string, source: TradeSynonymData = TRADE_SYNONYM_DATA): string[] {
  const key = norm(word);
  const cache = synonymsCache.get(source) ?? new Map<string, string[]>();
  synonymsCache.set(source, cache);
  const hit = cache.get(key);
  if (hit) return [...hit];
  const out = new Set<string>();
  for (const i of groupIndexesOf(key, source) ?? []) for (const w of source.groups[i].words) out.add(w);
  for (const e of source.oneWay) {
    if (norm(e.from) === key) {
      out.add(e.from);
      // A target's own group words (one-way entries do not chain).
      for (const t of e.to)
        for (const i of groupIndexesOf(t, source) ?? []) for (const w of source.groups[i].words) out.add(w);
    }
  }
  const result = [...out];
  if (cache.size >= SYNONYMS_CACHE_SIZE) cache.clear();
  cache.set(key, result);
  return [...result];
}

/** Whether two trade words mean the same work (same word, or a shared synonym group). */
export function areTradeSynonyms(
  a: string,
  b: string,
  source: TradeSynonymData = TRADE_SYNONYM_DATA,
): boolean {
  if (norm(a) === norm(b)) return true;
  const ga = groupIndexesOf(a, source);
  const gb = groupIndexesOf(b, source);
  return !!ga && !!gb && ga.some((i) => gb.includes(i));
}

const wordsByLength = new WeakMap<TradeSynonymData, { word: string; trade: string }[]>();
const tradesInCache = new WeakMap<TradeSynonymData, Map<string, string[]>>();
const TRADES_IN_CACHE_SIZE = 10_000;

/**
 * Trade group names (e.g. 焊接) whose words occur in a text such as a title 招聘电焊工2名. Longest
 * words win: in 养老护理员 the 护理 of the nurses' group is part of a longer word and does not count.
 */
export function tradesIn(text: string, source: TradeSynonymData = TRADE_SYNONYM_DATA): string[] {
  const t = norm(text);
  const cache = tradesInCache.get(source) ?? new Map<string, string[]>();
  tradesInCache.set(source, cache);
  const hit = cache.get(t);
  if (hit) return [...hit];
  let words = wordsByLength.get(source);
  if (!words) {
    words = source.groups
      .flatMap((g) => g.words.map((w) => ({ word: norm(w), trade: g.trade })))
      .sort((a, b) => b.word.length - a.word.length || a.word.localeCompare(b.word));
    wordsByLength.set(source, words);
  }
  const covered = new Array<boolean>(t.length).fill(false);
  const found = new Set<string>();
  for (const { word, trade } of words) {
    for (let at = t.indexOf(word); at >= 0; at = t.indexOf(word, at + 1)) {
      if (covered.slice(at, at + word.length).some(Boolean)) continue;
      covered.fill(true, at, at + word.length);
      found.add(trade);
    }
  }
  const result = source.groups.map((g) => g.trade).filter((trade) => found.has(trade));
  // Matching re-ranks hundreds of candidates with the same few words: remember recent answers.
  if (cache.size >= TRADES_IN_CACHE_SIZE) cache.clear();
  cache.set(t, result);
  return [...result];
}

/** A trade as written and the synonym groups its words belong to: what the gig trade filter compares. */
export function tradeKeys(trade: string, source: TradeSynonymData = TRADE_SYNONYM_DATA): string[] {
  const t = trade.trim();
  return [...new Set([t, ...tradesIn(t, source)])];
}

/**
 * Every word meaning the trade: the trade itself, the words of each group it names (by a group's
 * name, 焊接, or by one of its words, 电焊) — for matching free-text trades (availability, Postgres).
 */
const familyCache = new WeakMap<TradeSynonymData, Map<string, string[]>>();

export function tradeFamily(trade: string, source: TradeSynonymData = TRADE_SYNONYM_DATA): string[] {
  // Every near-me request asks the families of the worker's few trades: remember recent answers.
  const cache = familyCache.get(source) ?? new Map<string, string[]>();
  familyCache.set(source, cache);
  const hit = cache.get(trade);
  if (hit) return [...hit];
  const family = familyOf(trade, source);
  if (cache.size >= TRADES_IN_CACHE_SIZE) cache.clear();
  cache.set(trade, family);
  return [...family];
}

function familyOf(trade: string, source: TradeSynonymData): string[] {
  const words = new Set<string>([trade.trim()]);
  const groups = new Set(tradesIn(trade, source));
  for (const g of source.groups) {
    if (groups.has(g.trade) || g.words.some((w) => norm(w) === norm(trade)))
      for (const w of g.words) words.add(w);
  }
  for (const w of synonymsOf(trade, source)) words.add(w);
  return [...words];
}
