/**
 * The search's relevance suite (岗位搜索相关性): a small county corpus of posts and the queries people
 * type, each with the posts it must find and those it must not. Run against the real index by
 * test/search/relevance (every case, Meilisearch and the Postgres fallback) and printed by
 * `npm run bench:relevance`, so that any change to the index settings or the vocabulary shows
 * which queries it wins or loses. Every synonym group of the county vocabulary adds its own
 * cases: each of its words must find the group's post.
 */
import { TRADE_SYNONYM_DATA } from '@app/search';

export interface RelevancePost {
  key: string;
  title: string;
  occupation?: string;
  townshipCode?: string;
  outsidePlace?: string;
  employmentType?: 'full-time' | 'part-time' | 'temporary' | 'internship';
  skills?: string[];
}

export interface RelevanceCase {
  /** What the group or the rule is (shown when the case fails). */
  name: string;
  params: Record<string, string>;
  /** Keys of posts that must be among the first 20 hits. */
  finds: string[];
  /** Keys of corpus posts that must not be among them. */
  notFinds?: string[];
  /** Only where Meilisearch is (pinyin, typos): the Postgres fallback promises neither. */
  meiliOnly?: boolean;
}

/** One post per synonym group, titled by the group's first word, in 稷峰镇, full-time. */
const groupPosts: RelevancePost[] = TRADE_SYNONYM_DATA.groups.map((g, i) => ({
  key: `group-${i}`,
  title: `${g.words[0]}`,
}));

/** Posts the rules below are about: the same trade in other places and on other terms. */
const rulePosts: RelevancePost[] = [
  { key: 'welder-zhaidian', title: '电焊工', occupation: '焊工', townshipCode: 'zhaidian' },
  { key: 'welder-suzhou', title: '电子厂焊工', outsidePlace: '江苏省苏州市昆山市' },
  { key: 'waiter-part-time', title: '餐厅服务员', townshipCode: 'huayu', employmentType: 'part-time' },
  { key: 'porter-daily', title: '货场装卸工', townshipCode: 'zhaidian', employmentType: 'temporary' },
  { key: 'intern-accounting', title: '会计见习岗', townshipCode: 'jifeng', employmentType: 'internship' },
  { key: 'cleaner-xishe', title: '保洁员', townshipCode: 'xishe', employmentType: 'part-time' },
  { key: 'rider', title: '外卖配送员', townshipCode: 'jifeng', employmentType: 'part-time' },
  { key: 'mechanic', title: '汽车维修工', occupation: '汽车维修工', townshipCode: 'qinghe' },
  { key: 'solar', title: '太阳能安装工', townshipCode: 'taiyang' },
];

export const RELEVANCE_POSTS: RelevancePost[] = [...groupPosts, ...rulePosts];

const groupCases: RelevanceCase[] = TRADE_SYNONYM_DATA.groups.flatMap((g, i) =>
  g.words
    // A one-character word (枣) matches too much to promise a top-20 place.
    .filter((w) => [...w].length >= 2)
    .map((w) => ({ name: `${g.trade}: ${w}`, params: { q: w }, finds: [`group-${i}`] })),
);

const ruleCases: RelevanceCase[] = [
  { name: '送外卖 → 外卖配送员', params: { q: '送外卖' }, finds: ['rider'] },
  { name: '扫地 → 保洁员', params: { q: '扫地' }, finds: ['cleaner-xishe'] },
  { name: '搬运 → 装卸工', params: { q: '搬运' }, finds: ['porter-daily'] },
  { name: '修车 → 汽车维修工', params: { q: '修车' }, finds: ['mechanic'] },
  {
    name: '翟店 焊工: the township as a filter',
    params: { q: '翟店 焊工' },
    finds: ['welder-zhaidian'],
    notFinds: ['welder-suzhou', `group-0`],
  },
  {
    name: '翟店焊工 written together',
    params: { q: '翟店焊工' },
    finds: ['welder-zhaidian'],
    notFinds: ['group-0'],
  },
  {
    name: '兼职 服务员: part-time only',
    params: { q: '兼职 服务员' },
    finds: ['waiter-part-time'],
    notFinds: [groupKey('餐厅服务')],
  },
  {
    name: '日结 搬运: temporary only',
    params: { q: '日结 搬运' },
    finds: ['porter-daily'],
    notFinds: [groupKey('搬运装卸')],
  },
  {
    name: '临时工: every temporary post',
    params: { q: '临时工' },
    finds: ['porter-daily'],
    notFinds: ['rider'],
  },
  { name: '实习: internships', params: { q: '实习' }, finds: ['intern-accounting'], notFinds: ['rider'] },
  {
    name: '外地 焊工: outside the county',
    params: { q: '外地 焊工' },
    finds: ['welder-suzhou'],
    notFinds: ['welder-zhaidian', 'group-0'],
  },
  { name: '苏州 焊工: a place by name', params: { q: '苏州 焊工' }, finds: ['welder-suzhou'] },
  {
    name: '西社镇的保洁',
    params: { q: '西社镇的保洁' },
    finds: ['cleaner-xishe'],
    notFinds: [groupKey('家政保洁')],
  },
  { name: '太阳能 stays text', params: { q: '太阳能' }, finds: ['solar'] },
  {
    name: 'selector and words together',
    params: { q: '焊工', township: '翟店镇' },
    finds: ['welder-zhaidian'],
    notFinds: ['group-0'],
  },
  {
    name: 'pinyin hangong',
    params: { q: 'hangong' },
    finds: ['group-0', 'welder-zhaidian'],
    meiliOnly: true,
  },
];

function groupKey(trade: string): string {
  const i = TRADE_SYNONYM_DATA.groups.findIndex((g) => g.trade === trade);
  if (i < 0) throw new Error(`no synonym group ${trade}`);
  return `group-${i}`;
}

export const RELEVANCE_CASES: RelevanceCase[] = [...groupCases, ...ruleCases];

export interface RelevanceOutcome {
  case: RelevanceCase;
  missing: string[];
  unwanted: string[];
  ok: boolean;
}

/** Checks one case against the first hits of a search (post ids), the corpus' keys mapped to ids. */
export function judge(c: RelevanceCase, hitIds: string[], idOf: Map<string, string>): RelevanceOutcome {
  const ids = new Set(hitIds);
  const missing = c.finds.filter((k) => !ids.has(idOf.get(k) ?? `?${k}`));
  const unwanted = (c.notFinds ?? []).filter((k) => ids.has(idOf.get(k) ?? `?${k}`));
  return { case: c, missing, unwanted, ok: missing.length === 0 && unwanted.length === 0 };
}
