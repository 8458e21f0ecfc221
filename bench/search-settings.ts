/**
 * npm run bench:search-settings — what each feature of the job-posts index costs at 100,000 posts
 * (BENCH_POSTS), straight against Meilisearch (no API, no database): the same generated posts as
 * documents (toJobPostDocument), one index per variant of the settings, each measured with the
 * bench's queries, every request different (its own wage floor), autocannon, 50 connections:
 *   - the index as the platform configures it (JOB_POST_INDEX_SETTINGS), with and without facets;
 *   - one change at a time (proximity by attribute, fewer searchable attributes, filters without
 *     facet search, no synonyms);
 *   - the minimal index: title and occupation searchable, nothing else (the floor).
 * Prints indexing time and search figures side by side, each against the platform's index.
 */
import autocannon from 'autocannon';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Settings } from 'meilisearch';
import { Meilisearch } from 'meilisearch';
import { startMeilisearch } from '@app/platform';
import { generateEnterprises, generateJobPosts } from '@app/demo-data';
import {
  JOB_POST_HIT_ATTRIBUTES,
  JOB_POST_INDEX_SETTINGS,
  JobPostSearchParams,
  buildJobPostSearch,
  toJobPostDocument,
} from '@app/search';
import { MINIMAL_JOB_POST_INDEX_SETTINGS, SEARCH_QUERIES, futureDeadlines } from './support';

const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

interface Variant {
  name: string;
  settings: Settings;
  facets: boolean;
  /** Only the words: for an index that filters on nothing. */
  wordsOnly?: boolean;
}

const S = JOB_POST_INDEX_SETTINGS;
const WITHOUT_FACET_SEARCH = (S.filterableAttributes as string[]).map((a) => ({
  attributePatterns: [a],
  features: { facetSearch: false, filter: { equality: true, comparison: true } },
}));
const CHOSEN: Settings = {
  ...S,
  proximityPrecision: 'byAttribute',
  filterableAttributes: WITHOUT_FACET_SEARCH,
};
const VARIANTS: Variant[] = [
  { name: 'platform index, 8 facets per request', settings: S, facets: true },
  { name: 'platform index, no facets in the request', settings: S, facets: false },
  {
    name: 'proximityPrecision byAttribute, 8 facets',
    settings: { ...S, proximityPrecision: 'byAttribute' },
    facets: true,
  },
  {
    name: 'searchable without description/industry/placeText, 8 facets',
    settings: {
      ...S,
      searchableAttributes: [
        'title',
        'occupation',
        'skills',
        'employerName',
        'township',
        'pinyin',
        'initials',
      ],
    },
    facets: true,
  },
  {
    name: 'filters without facet search, 8 facets',
    settings: {
      ...S,
      filterableAttributes: WITHOUT_FACET_SEARCH,
    },
    facets: true,
  },
  { name: 'no synonyms, 8 facets', settings: { ...S, synonyms: {} }, facets: true },
  {
    name: 'platform index, the words alone (no filter, no facets)',
    settings: S,
    facets: false,
    wordsOnly: true,
  },
  {
    name: 'chosen: proximity byAttribute + filters without facet search, 8 facets',
    settings: CHOSEN,
    facets: true,
  },
  { name: 'chosen, no facets in the request', settings: CHOSEN, facets: false },
  {
    name: 'minimal: title + occupation, nothing filterable',
    settings: MINIMAL_JOB_POST_INDEX_SETTINGS,
    facets: false,
    wordsOnly: true,
  },
  // Appended, so the positions above keep their numbers for BENCH_VARIANTS. Meilisearch builds its
  // tokenizer with the dictionary at every search (the gigs index has none for that reason).
  { name: 'no custom dictionary, 8 facets', settings: { ...S, dictionary: [] }, facets: true },
  {
    name: 'no custom dictionary, no facets in the request',
    settings: { ...S, dictionary: [] },
    facets: false,
  },
];

async function main(): Promise<void> {
  // BENCH_VARIANTS=0,7,8: some variants only (by position; the first measured is the reference).
  const only = process.env.BENCH_VARIANTS?.split(',').map(Number);
  const meili = await startMeilisearch({
    dataDir: path.join(os.tmpdir(), `jishan-bench-settings-${process.pid}`),
  });
  try {
    const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
    const enterprises = generateEnterprises(Math.max(50, Math.round(POSTS / 50)), 'bench');
    const docs = [...futureDeadlines(generateJobPosts(enterprises, POSTS, 'bench'))].map((p) =>
      toJobPostDocument({ ...p, status: 'published' }),
    );
    const now = new Date();
    const headers = { authorization: `Bearer ${meili.masterKey}`, 'content-type': 'application/json' };
    const rows: string[] = [];
    let reference: number | null = null;
    for (const [i, v] of VARIANTS.entries()) {
      if (only && !only.includes(i)) continue;
      const uid = `settings_${i}`;
      await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
      const index = client.index(uid);
      await index.updateSettings(v.settings).waitTask({ timeout: 120_000 });
      const t0 = Date.now();
      for (let k = 0; k < docs.length; k += 20_000) {
        await index.addDocuments(docs.slice(k, k + 20_000)).waitTask({ timeout: 900_000, interval: 200 });
      }
      const indexS = (Date.now() - t0) / 1000;
      let serial = 0;
      const body = () => {
        serial++;
        const p = { ...SEARCH_QUERIES[serial % SEARCH_QUERIES.length], wageMin: String(1000 + serial) };
        const { q, ...rest } = buildJobPostSearch(p as JobPostSearchParams, now);
        if (v.wordsOnly)
          return JSON.stringify({ q, offset: serial % 3, limit: rest.limit, attributesToRetrieve: ['id'] });
        return JSON.stringify({
          q,
          ...rest,
          ...(v.facets ? {} : { facets: [] }),
          attributesToRetrieve: JOB_POST_HIT_ATTRIBUTES,
        });
      };
      const request = {
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          method: 'POST' as const,
          path: `/indexes/${uid}/search`,
          body: body(),
        }),
      };
      await autocannon({
        url: meili.url,
        headers,
        requests: [request],
        connections: CONNECTIONS,
        duration: 3,
      });
      const r = await autocannon({
        url: meili.url,
        headers,
        requests: [request],
        connections: CONNECTIONS,
        duration: DURATION,
      });
      const rps = Math.round((r.requests.total / r.duration) * 10) / 10;
      reference ??= rps;
      const line = `| ${v.name} | ${indexS.toFixed(1)} s | ${rps} | ${(rps / reference).toFixed(2)}× | ${r.latency.p50} | ${r.latency.p99} | ${r.errors + r.non2xx + r.timeouts} |`;
      console.log(line);
      rows.push(line);
      await client.deleteIndex(uid).waitTask({ timeout: 60_000 });
    }
    console.log(
      `\nbench:search-settings — ${POSTS.toLocaleString('en-US')} posts, ${CONNECTIONS} connections, ${DURATION} s per run, every request different, ` +
        `${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}, ${new Date().toISOString()}\n`,
    );
    console.log('| index variant | indexing | req/s | vs platform index | p50 ms | p99 ms | errors |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const row of rows) console.log(row);
  } finally {
    await meili.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
