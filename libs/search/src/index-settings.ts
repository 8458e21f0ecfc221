import type { Settings } from 'meilisearch';
import { TOWNSHIPS } from './geo';
import { loadTradeSynonyms } from './synonyms/synonyms';

export const INDEX_NAMES = { jobPosts: 'job-posts', seekers: 'seekers', gigs: 'gigs' } as const;
export type IndexName = (typeof INDEX_NAMES)[keyof typeof INDEX_NAMES];

/**
 * The real index uid: a configurable prefix (per deployment, per test suite) + the index name.
 * Meilisearch uids allow only A-Z a-z 0-9 - _, so a bad prefix fails here, not at the first request.
 */
export function indexUid(prefix: string, name: IndexName): string {
  const uid = `${prefix}${name}`;
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(uid)) throw new Error(`invalid Meilisearch index uid: ${uid}`);
  return uid;
}

/** Facets the public search answers with (also the facet keys of the response). */
export const JOB_POST_FACETS = [
  'township',
  'industry',
  'occupation',
  'employmentType',
  'education',
  'employerSize',
  'isInternship',
  'acceptsOlderWorkers',
] as const;

/** Upper bound of offset + limit the API can page to; Meilisearch's default is 1000. */
export const MAX_TOTAL_HITS = 5000;

const trade = loadTradeSynonyms({ pinyinAliases: true });

// Chinese tokenisation for every Chinese field. Detection alone mistakes short Han queries and
// titles (焊工, 麻花) for Japanese and segments them differently; pinyin fields are not listed so
// they keep the default Latin pipeline.
const zho = (attributePatterns: string[]) => [{ attributePatterns, locales: ['zho'] }];

const rankingRules = ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'];

export const JOB_POST_INDEX_SETTINGS: Settings = {
  // Order is relevance: a hit in the title beats one in the description.
  searchableAttributes: [
    'title',
    'occupation',
    'skills',
    'employerName',
    'industry',
    'township',
    'placeText',
    'description',
    'pinyin',
    'initials',
  ],
  filterableAttributes: [
    'status',
    'township',
    'townshipCode',
    'outsideCounty',
    'industry',
    'occupation',
    'employmentType',
    'wageMinFen',
    'wageMaxFen',
    'education',
    'educationRank',
    'employerId',
    'employerSize',
    'isInternship',
    'acceptsOlderWorkers',
    'ageMin',
    'ageMax',
    'publishedAtTs',
    'deadlineTs',
  ],
  sortableAttributes: [
    'publishedAtTs',
    'wageMaxFen',
    'wageMinFen',
    'deadlineTs',
    ...TOWNSHIPS.map((t) => `distanceM.${t.code}`),
  ],
  rankingRules,
  // Words of a query count as near when they are in the same attribute, not by their distance in
  // it: bench:search-settings at 100,000 posts indexes in 31–35 s instead of 50–56 s (the lag after
  // a sheet and a reindex), with search speed and the relevance suite unchanged.
  proximityPrecision: 'byAttribute',
  localizedAttributes: zho([
    'title',
    'occupation',
    'skills',
    'employerName',
    'industry',
    'township',
    'placeText',
    'description',
  ]),
  synonyms: trade.synonyms,
  dictionary: trade.dictionary,
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
};

export const SEEKER_INDEX_SETTINGS: Settings = {
  searchableAttributes: ['desiredOccupations', 'skills', 'certificates', 'township'],
  filterableAttributes: [
    'township',
    'townshipCode',
    'desiredOccupations',
    'certificateNames',
    'education',
    'educationRank',
    'wageExpectationFen',
    'availability',
    'ageBand',
    'groups',
    'consentToMatching',
    'updatedAtTs',
  ],
  // No `_geo`: nothing sorts seekers by distance in Meilisearch (matching scores township distance
  // itself), and a geo attribute makes Meilisearch rewrite its geo tree on every update.
  sortableAttributes: ['updatedAtTs', 'wageExpectationFen'],
  rankingRules,
  localizedAttributes: zho(['desiredOccupations', 'skills', 'certificates', 'township']),
  synonyms: trade.synonyms,
  dictionary: trade.dictionary,
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
};

/**
 * Gigs: few attributes on purpose (each costs at every query and update). Open gigs of today
 * onward only; no facets (the page shows none); sort by distance from the worker's township, then pay.
 */
export const GIG_INDEX_SETTINGS: Settings = {
  searchableAttributes: ['title', 'trade', 'township', 'address', 'description', 'pinyin', 'initials'],
  filterableAttributes: ['status', 'dateDay', 'tradeKeys', 'townshipCode'],
  sortableAttributes: ['payFen', 'dateDay', ...TOWNSHIPS.map((t) => `distanceM.${t.code}`)],
  rankingRules,
  localizedAttributes: zho(['title', 'trade', 'township', 'address', 'description']),
  synonyms: trade.synonyms,
  // No custom dictionary: Meilisearch rebuilds its tokenizer with one at every search, placeholder
  // searches included — 3–4 ms of its CPU a query whatever the dictionary's size (bench:gigs:
  // Meilisearch alone 284 → 745 near-me searches/s without it). Near-me filters trades by
  // `tradeKeys`; a typed query is segmented by jieba, so a few long trade names (加工中心操作工)
  // match by their parts, below whole matches. Job posts keep it: their searches are typed words,
  // and their relevance suite fails without it.
  dictionary: [],
  faceting: { maxValuesPerFacet: 10 },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
};

export const INDEX_SETTINGS: Readonly<Record<IndexName, Settings>> = {
  [INDEX_NAMES.jobPosts]: JOB_POST_INDEX_SETTINGS,
  [INDEX_NAMES.seekers]: SEEKER_INDEX_SETTINGS,
  [INDEX_NAMES.gigs]: GIG_INDEX_SETTINGS,
};

export const INDEX_PRIMARY_KEY = 'id';
