/**
 * The county synonyms, pinyin fields, filters, facets and geo sort against a real Meilisearch.
 * Every synonym group of the data file gets its own test: searching any member finds the posts of
 * all the others.
 */
import { randomUUID } from 'node:crypto';
import { Meilisearch, type SearchParams } from 'meilisearch';
import {
  buildJobPostSearch,
  INDEX_NAMES,
  INDEX_PRIMARY_KEY,
  indexUid,
  JOB_POST_INDEX_SETTINGS,
  toJobPostDocument,
  TRADE_SYNONYM_DATA,
  type JobPostDocument,
  type JobPostForIndex,
  type JobPostSearchParams,
} from '@app/search';
import { TOWNSHIPS } from '@app/platform/geo';

const MEILI_URL = process.env.MEILI_URL ?? '';
const MEILI_KEY = process.env.MEILI_MASTER_KEY ?? '';
const PREFIX = `t_syn_${process.pid}_`;
const UID = indexUid(PREFIX, INDEX_NAMES.jobPosts);
const NOW = new Date();

// Settings with ~100 synonyms and a dictionary take a few seconds to apply on a cold instance.
const WAIT = { timeout: 30_000 };
const client = new Meilisearch({ host: MEILI_URL, apiKey: MEILI_KEY });
const index = client.index<JobPostDocument>(UID);

type Hit = JobPostDocument;
interface SearchResult {
  hits: Hit[];
  estimatedTotalHits: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

const search = async ({ q, ...params }: SearchParams & { q?: string }): Promise<SearchResult> =>
  (await index.search(q, { limit: 1000, ...params })) as unknown as SearchResult;
const searchParams = (params: JobPostSearchParams) => search(buildJobPostSearch(params, NOW));
const ids = (r: SearchResult) => new Set(r.hits.map((h) => h.id));

let seq = 0;
function post(over: Partial<JobPostForIndex>): JobPostForIndex {
  seq += 1;
  return {
    id: randomUUID(),
    title: '普工',
    occupation: null,
    industry: '制造业',
    skills: [],
    description: null,
    employerId: randomUUID(),
    employerName: `稷山县测试${seq}号有限公司`,
    employerSize: 'small',
    townshipCode: 'jifeng',
    placeText: '',
    employmentType: 'full-time',
    wageMinFen: 300_000,
    wageMaxFen: 450_000,
    education: null,
    ageMin: 18,
    ageMax: 50,
    isInternship: false,
    headcount: 2,
    publishedAt: new Date(NOW.getTime() - seq * 3_600_000).toISOString(),
    deadline: null,
    status: 'published',
    ...over,
  };
}

/** One post per synonym word, titled as a collection sheet would: 招聘电焊工. */
const wordPosts = new Map<string, string>();
const posts: JobPostForIndex[] = [];
for (const group of TRADE_SYNONYM_DATA.groups) {
  for (const word of group.words) {
    const p = post({ title: `招聘${word}`, occupation: word });
    wordPosts.set(word, p.id);
    posts.push(p);
  }
}
const townshipPosts = TOWNSHIPS.map((t, i) =>
  post({
    title: '仓库管理员',
    occupation: '仓管员',
    industry: '物流',
    townshipCode: t.code,
    employmentType: i % 2 === 0 ? 'full-time' : 'part-time',
    wageMinFen: 250_000 + i * 50_000,
    wageMaxFen: 350_000 + i * 50_000,
  }),
);
const outside = post({
  title: '仓库管理员',
  occupation: '仓管员',
  industry: '物流',
  townshipCode: null,
  placeText: '江苏省苏州市昆山市',
});
const negotiable = post({ title: '仓库管理员', industry: '物流', wageMinFen: null, wageMaxFen: null });
const huasheng = post({ title: '麻花包装工', employerName: '稷山县华盛食品有限公司', industry: '食品加工' });
const draft = post({ title: '招聘焊工', status: 'draft' });
posts.push(...townshipPosts, outside, negotiable, huasheng, draft);

beforeAll(async () => {
  if (!MEILI_URL) throw new Error('MEILI_URL is not set (the e2e global setup starts Meilisearch)');
  await client.createIndex(UID, { primaryKey: INDEX_PRIMARY_KEY }).waitTask(WAIT);
  await index.updateSettings(JOB_POST_INDEX_SETTINGS).waitTask(WAIT);
  await index.addDocuments(posts.map(toJobPostDocument)).waitTask(WAIT);
});

afterAll(async () => {
  if (!MEILI_URL) return;
  const { results } = await client.getIndexes({ limit: 1000 });
  for (const { uid } of results.filter((i) => i.uid.startsWith(PREFIX))) {
    await client.deleteIndex(uid).waitTask(WAIT);
  }
});

describe('settings', () => {
  it('are accepted as sent', async () => {
    const s = await index.getSettings();
    expect(s.localizedAttributes).toEqual(JOB_POST_INDEX_SETTINGS.localizedAttributes);
    expect(s.dictionary).toEqual(expect.arrayContaining(['稷山麻花', '电焊工', '养老护理员']));
    expect(s.sortableAttributes).toEqual(
      expect.arrayContaining(['publishedAtTs', 'wageMaxFen', 'distanceM.jifeng', 'distanceM.xishe']),
    );
    // No Meilisearch geo attribute: it would rewrite its geo tree on every update.
    expect(s.filterableAttributes).not.toContain('_geo');
  });
});

describe('each synonym group: any member finds the posts of all members', () => {
  for (const group of TRADE_SYNONYM_DATA.groups) {
    it(`${group.trade}: ${group.words.join(' ↔ ')}`, async () => {
      for (const query of group.words) {
        const found = ids(await searchParams({ q: query }));
        const missing = group.words.filter((w) => !found.has(wordPosts.get(w) as string));
        expect({ query, missing }).toEqual({ query, missing: [] });
      }
    });
  }
});

describe('one-way entries', () => {
  for (const entry of TRADE_SYNONYM_DATA.oneWay) {
    it(`${entry.from} → ${entry.to.join('、')}`, async () => {
      const found = ids(await searchParams({ q: entry.from }));
      const missing = entry.to.filter((w) => wordPosts.has(w) && !found.has(wordPosts.get(w) as string));
      expect(missing).toEqual([]);
    });
  }
});

describe('pinyin and initials', () => {
  it.each([
    ['hangong', ['焊工', '电焊工', '氩弧焊工']],
    ['dianhangong', ['焊工', '电焊工']],
    ['mahua', ['麻花', '稷山麻花']],
    ['jishanmahua', ['稷山麻花', '麻花']],
    ['baomu', ['保姆', '家政服务员', '月嫂']],
    ['yanglaohuliyuan', ['养老护理员', '护工']],
  ])('%s finds %j', async (q, words) => {
    const found = ids(await searchParams({ q }));
    expect(words.filter((w) => !found.has(wordPosts.get(w) as string))).toEqual([]);
  });

  it('initials find their post (hg → 招聘焊工, zpdhg → 招聘电焊工)', async () => {
    expect(ids(await searchParams({ q: 'hg' })).has(wordPosts.get('焊工') as string)).toBe(true);
    expect(ids(await searchParams({ q: 'zpdhg' })).has(wordPosts.get('电焊工') as string)).toBe(true);
  });

  it('employer names are searchable by pinyin (huasheng → 稷山县华盛食品有限公司)', async () => {
    expect(ids(await searchParams({ q: 'huasheng' })).has(huasheng.id)).toBe(true);
  });
});

describe('filters and facets', () => {
  it('shows published posts only', async () => {
    expect(ids(await searchParams({ q: '焊工' })).has(draft.id)).toBe(false);
  });

  it('filters by township name or code, and facets by township', async () => {
    const byName = await searchParams({ q: '仓库管理员', township: '西社镇' });
    const byCode = await searchParams({ q: '仓库管理员', township: 'xishe' });
    expect(byName.hits.map((h) => h.township)).toEqual(['西社镇']);
    expect(ids(byCode)).toEqual(ids(byName));
    const all = await searchParams({ q: '仓库管理员' });
    expect(all.facetDistribution?.township?.['稷峰镇']).toBe(2); // the township post and the negotiable one
    expect(all.facetDistribution?.township?.['稷山经开区']).toBe(1);
    expect(all.facetDistribution?.industry?.['物流']).toBe(TOWNSHIPS.length + 2);
  });

  it('filters by employment type', async () => {
    const r = await searchParams({ q: '仓库管理员', employmentType: 'part-time' });
    expect(r.hits.length).toBe(Math.floor(TOWNSHIPS.length / 2));
    expect(r.hits.every((h) => h.employmentType === 'part-time')).toBe(true);
  });

  it('wageMin (CNY/month) keeps posts whose wage can reach it; 面议 posts drop out', async () => {
    const r = await searchParams({ q: '仓库管理员', wageMin: 5000 });
    const expected = townshipPosts.filter((p) => (p.wageMaxFen as number) >= 500_000).map((p) => p.id);
    expect(ids(r)).toEqual(new Set(expected));
    expect(ids(r).has(negotiable.id)).toBe(false);
  });

  it('user strings cannot break out of the filter quotes', async () => {
    for (const industry of ['物流" OR status = "draft', '物流\\', '\\" OR industry EXISTS OR "']) {
      const r = await searchParams({ q: '焊工', industry });
      expect(r.hits).toEqual([]);
    }
    expect((await searchParams({ industry: '物流' })).hits.length).toBe(TOWNSHIPS.length + 2);
  });
});

describe('geo sort', () => {
  it('near=<township> orders by distance from its centre, outside-county posts last', async () => {
    const r = await searchParams({ q: '仓库管理员', near: 'xishe' });
    const inCounty = r.hits.filter((h) => h.distanceM);
    expect(inCounty[0].townshipCode).toBe('xishe');
    expect(inCounty[0].distanceM?.xishe).toBe(0);
    const distances = inCounty.map((h) => h.distanceM?.xishe as number);
    expect(new Set(distances).size).toBeGreaterThan(2);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(r.hits[r.hits.length - 1].id).toBe(outside.id);
  });
});
