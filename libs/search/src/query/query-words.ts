import data from './query-words.json';
import { TOWNSHIPS } from '../geo';
import { TRADE_SYNONYM_DATA, TradeSynonymData } from '../synonyms/synonyms';
import type { EmploymentType } from '@app/jobs/vocabulary';

/** What the search box's words can mean besides text (the JSON file is the source of truth). */
export interface QueryWordData {
  employmentTypes: readonly { type: string; words: readonly string[] }[];
  internship: readonly string[];
  outsideCounty: readonly string[];
  fillers: readonly string[];
}

export const QUERY_WORD_DATA: QueryWordData = data;

/** A word of the query taken as a filter, for the page to show (「翟店」→ 翟店镇). */
export interface UnderstoodWord {
  word: string;
  filter: 'township' | 'employmentType' | 'internship' | 'outsideCounty';
  /** The township code, the employment type, or "true". */
  value: string;
}

export interface InterpretedQuery {
  /** The words left to search as text, space-separated. */
  q: string;
  townshipCodes: string[];
  employmentTypes: EmploymentType[];
  internship: boolean | null;
  outsideCounty: boolean | null;
  understood: UnderstoodWord[];
}

type Meaning =
  | { kind: 'filter'; filter: UnderstoodWord['filter']; value: string; unambiguous: boolean }
  | { kind: 'filler' }
  | { kind: 'trade' };

interface Lexicon {
  entries: Map<string, Meaning>;
  longest: number;
}

const lexicons = new WeakMap<QueryWordData, WeakMap<TradeSynonymData, Lexicon>>();

/**
 * Every word the interpreter knows, with what it means. Full township names (翟店镇), employment
 * words, internship and outside-county words are unambiguous anywhere in a token; a township's
 * short name (翟店) and the fillers only count inside a token made wholly of known words, so
 * 太阳能安装工 keeps its 太阳 and 稷山麻花 stays a trade.
 */
function lexiconOf(words: QueryWordData, trades: TradeSynonymData): Lexicon {
  const byTrades = lexicons.get(words) ?? new WeakMap<TradeSynonymData, Lexicon>();
  lexicons.set(words, byTrades);
  const known = byTrades.get(trades);
  if (known) return known;
  const entries = new Map<string, Meaning>();
  const put = (w: string, m: Meaning) => {
    const k = w.trim().toLowerCase();
    // Filters win over trades for the same spelling; a first meaning is kept otherwise.
    if (k && (!entries.has(k) || (m.kind === 'filter' && entries.get(k)?.kind !== 'filter')))
      entries.set(k, m);
  };
  for (const g of trades.groups) for (const w of g.words) put(w, { kind: 'trade' });
  for (const e of trades.oneWay) put(e.from, { kind: 'trade' });
  for (const w of trades.dictionary) put(w, { kind: 'trade' });
  for (const w of words.fillers) put(w, { kind: 'filler' });
  for (const e of words.employmentTypes)
    for (const w of e.words)
      put(w, { kind: 'filter', filter: 'employmentType', value: e.type, unambiguous: true });
  for (const w of words.internship)
    put(w, { kind: 'filter', filter: 'internship', value: 'true', unambiguous: true });
  for (const w of words.outsideCounty)
    put(w, { kind: 'filter', filter: 'outsideCounty', value: 'true', unambiguous: true });
  for (const t of TOWNSHIPS) {
    put(t.name, { kind: 'filter', filter: 'township', value: t.code, unambiguous: true });
    const short = t.kind === 'zone' ? '经开区' : t.name.replace(/[镇乡]$/, '');
    put(short, { kind: 'filter', filter: 'township', value: t.code, unambiguous: false });
  }
  const lexicon = { entries, longest: Math.max(...[...entries.keys()].map((k) => [...k].length)) };
  byTrades.set(trades, lexicon);
  return lexicon;
}

interface Piece {
  text: string;
  meaning: Meaning | null;
}

/** Greedy longest match left to right; characters no word covers gather into unknown pieces. */
function segment(token: string, lexicon: Lexicon): Piece[] {
  const chars = [...token];
  const pieces: Piece[] = [];
  let unknown = '';
  for (let i = 0; i < chars.length;) {
    let found: Piece | null = null;
    for (let n = Math.min(lexicon.longest, chars.length - i); n >= 1 && !found; n--) {
      const text = chars.slice(i, i + n).join('');
      const meaning = lexicon.entries.get(text.toLowerCase());
      if (meaning) found = { text, meaning };
    }
    if (found) {
      if (unknown) pieces.push({ text: unknown, meaning: null });
      unknown = '';
      pieces.push(found);
      i += [...found.text].length;
    } else {
      unknown += chars[i];
      i++;
    }
  }
  if (unknown) pieces.push({ text: unknown, meaning: null });
  return pieces;
}

/**
 * The search box's words read as a county resident writes them: 「翟店 日结 搬运」 is a temporary
 * job in 翟店镇 whose text is 搬运; 「外地焊工」 a welder's post outside the county; 「实习」 an
 * internship. Words taken as filters leave the text; filters the caller already has (the page's
 * selectors) are not overridden — such words stay text, as before. Pure; the data is JSON.
 */
export function interpretQueryWords(
  q: string,
  given: { township: boolean; employmentType: boolean; internship: boolean },
  words: QueryWordData = QUERY_WORD_DATA,
  trades: TradeSynonymData = TRADE_SYNONYM_DATA,
): InterpretedQuery {
  const lexicon = lexiconOf(words, trades);
  const out: InterpretedQuery = {
    q: '',
    townshipCodes: [],
    employmentTypes: [],
    internship: null,
    outsideCounty: null,
    understood: [],
  };
  const taken = (filter: UnderstoodWord['filter']) =>
    (filter === 'township' && given.township) ||
    (filter === 'employmentType' && given.employmentType) ||
    (filter === 'internship' && given.internship);
  const text: string[] = [];
  for (const token of q.split(' ').filter(Boolean)) {
    const pieces = segment(token, lexicon);
    const wholeKnown = pieces.every((p) => p.meaning !== null);
    const keep: string[] = [];
    for (const p of pieces) {
      const m = p.meaning;
      if (m?.kind === 'filter' && (m.unambiguous || wholeKnown) && !taken(m.filter)) {
        out.understood.push({ word: p.text, filter: m.filter, value: m.value });
        if (m.filter === 'township' && !out.townshipCodes.includes(m.value)) out.townshipCodes.push(m.value);
        if (m.filter === 'employmentType' && !out.employmentTypes.includes(m.value as EmploymentType))
          out.employmentTypes.push(m.value as EmploymentType);
        if (m.filter === 'internship') out.internship = true;
        if (m.filter === 'outsideCounty') out.outsideCounty = true;
        continue;
      }
      if (m?.kind === 'filler' && wholeKnown) continue;
      keep.push(p.text);
    }
    const anyTaken = keep.length < pieces.length;
    if (!anyTaken) text.push(token);
    // Known words stay apart (焊工 服务员); unknown text stays as the person wrote it.
    else if (wholeKnown) text.push(...keep);
    else if (keep.length) text.push(keep.join(''));
  }
  out.q = text.join(' ');
  return out;
}
