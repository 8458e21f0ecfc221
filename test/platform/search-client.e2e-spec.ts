import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Meilisearch } from 'meilisearch';
import {
  AppConfig,
  RunningMeilisearch,
  SearchClient,
  SearchRequestError,
  startMeilisearch,
} from '@app/platform';

/**
 * A fresh server's first task can take longer than the client's 5 s default while the other
 * suites keep both cores busy (seen in CI).
 */
const WAIT = { timeout: 60_000 };

/** SearchClient's own search path (undici's pool, not the client's fetch) against the real server. */
describe('SearchClient searches (real Meilisearch)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jishan-search-client-'));
  let meili: RunningMeilisearch;
  let search: SearchClient;

  beforeAll(async () => {
    meili = await startMeilisearch({ dataDir });
    search = new SearchClient({
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      MEILI_INDEX_PREFIX: `sc${process.pid}_`,
    } as AppConfig);
    const admin = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
    await admin
      .index(search.indexUid('posts'))
      .addDocuments([
        { id: 1, title: '电焊工', township: 'jifeng' },
        { id: 2, title: '叉车司机', township: 'xishe' },
        { id: 3, title: '电工', township: 'xishe' },
      ])
      .waitTask(WAIT);
    await admin.index(search.indexUid('posts')).updateFilterableAttributes(['township']).waitTask(WAIT);
  }, 120_000);
  afterAll(async () => {
    process.kill(meili.pid, 'SIGCONT');
    await search.onModuleDestroy();
    await meili.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a search and a multi-search answer as Meilisearch does, results in the queries’ order', async () => {
    const one = await search.searchIndex<{ id: number; title: string }>(
      search.indexUid('posts'),
      { q: '叉车', attributesToRetrieve: ['id', 'title'] },
      2000,
    );
    expect(one.hits).toEqual([{ id: 2, title: '叉车司机' }]);
    const many = await search.multiSearch<{ id: number }>(
      [
        {
          indexUid: search.indexUid('posts'),
          q: '',
          filter: 'township = xishe',
          sort: [],
          attributesToRetrieve: ['id'],
        },
        { indexUid: search.indexUid('posts'), q: '电焊', attributesToRetrieve: ['id'] },
      ],
      2000,
    );
    expect(many.results.map((r) => r.hits.map((h) => h.id).sort())).toEqual([[2, 3], [1]]);
  });

  it('an error answer is a SearchRequestError with its status and Meilisearch’s code', async () => {
    const err = await search
      .searchIndex(search.indexUid('missing'), { q: 'x' }, 2000)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SearchRequestError);
    expect(err).toMatchObject({ status: 404, cause: { code: 'index_not_found' } });
    const bad = await search
      .searchIndex(search.indexUid('posts'), { q: '', filter: 'salary > 1' }, 2000)
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, cause: { code: 'invalid_search_filter' } });
  });

  it('a server that stops answering fails the search after its timeout instead of hanging; it answers again once back', async () => {
    process.kill(meili.pid, 'SIGSTOP');
    try {
      await expect(search.searchIndex(search.indexUid('posts'), { q: '电工' }, 300)).rejects.toThrow(
        /timeout/i,
      );
    } finally {
      process.kill(meili.pid, 'SIGCONT');
    }
    const back = await search.searchIndex<{ id: number }>(search.indexUid('posts'), { q: '电工' }, 2000);
    expect(back.hits.map((h) => h.id)).toContain(3);
  });
});
