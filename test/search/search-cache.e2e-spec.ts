/**
 * The public search's two caches, with their TTLs on (other suites turn them off to read their own
 * writes at once): identical requests are answered from memory for SEARCH_RESULT_CACHE_TTL_MS;
 * facet counts for the same words and filters are reused for SEARCH_FACET_CACHE_TTL_MS while the
 * hits beside them are fresh; both expire, so a new post appears in the hits after the first TTL
 * and in the counts after the second. TTLs are long enough here that a slow machine still reads
 * the cached answer before it expires.
 */
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Actor } from '../jobs/jobs-fixtures';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { employerWithProfile, hitTitles, publishPost, searchRoute, staffActor } from './search-fixtures';

jest.setTimeout(120_000);

const RESULT_TTL_MS = 8_000;
const FACET_TTL_MS = 20_000;

const until = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

describe('search caches', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let admin: Actor;
  let employer: Actor;

  beforeAll(async () => {
    env = await setupSuiteEnv('search_cache', {
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
      SEARCH_RESULT_CACHE_TTL_MS: String(RESULT_TTL_MS),
      SEARCH_FACET_CACHE_TTL_MS: String(FACET_TTL_MS),
    });
    app = await startApi();
    worker = await startWorker();
    admin = await staffActor(app);
    employer = await employerWithProfile(app, '稷山县晋南机械有限公司', {
      townshipCode: 'jifeng',
      size: 'small',
      industry: '制造业',
    });
    await publishPost(app, employer, admin, { title: '电焊工', occupation: '焊工', townshipCode: 'jifeng' });
    await drainOutbox(worker);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  it('hits are cached for the result TTL, facet counts for the facet TTL, then both refresh', async () => {
    const t0 = Date.now();
    const first = await searchRoute(app, { q: '焊工' }).expect(200);
    expect(first.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);
    expect(hitTitles(first.body)).toEqual(['电焊工']);
    expect(first.body.facets.township).toEqual({ 稷峰镇: 1 });

    await publishPost(app, employer, admin, { title: '氩弧焊工', occupation: '焊工', townshipCode: 'huayu' });
    await drainOutbox(worker);

    // Within the result TTL: the same request is the same answer.
    const cached = await searchRoute(app, { q: '焊工' }).expect(200);
    expect(Date.now() - t0).toBeLessThan(RESULT_TTL_MS);
    expect(cached.body).toEqual(first.body);
    // A different request (another page size) asks Meilisearch: the new post is there, the counts are the cached ones.
    const otherPage = await searchRoute(app, { q: '焊工', limit: '10' }).expect(200);
    expect(hitTitles(otherPage.body)).toEqual(['氩弧焊工', '电焊工']);
    expect(otherPage.body.total).toBe(2);
    expect(otherPage.body.facets.township).toEqual({ 稷峰镇: 1 });

    await until(t0 + RESULT_TTL_MS + 300);
    const freshHits = await searchRoute(app, { q: '焊工' }).expect(200);
    expect(Date.now() - t0).toBeLessThan(FACET_TTL_MS);
    expect(hitTitles(freshHits.body)).toEqual(['氩弧焊工', '电焊工']);
    expect(freshHits.body.facets.township).toEqual({ 稷峰镇: 1 });
    // Other words or filters are other facet keys: counted fresh.
    const filtered = await searchRoute(app, { q: '焊工', township: 'huayu' }).expect(200);
    expect(filtered.body.facets.township).toEqual({ 化峪镇: 1 });

    await until(t0 + FACET_TTL_MS + 300);
    const fresh = await searchRoute(app, { q: '焊工', offset: '0' }).expect(200);
    expect(fresh.body.facets.township).toEqual({ 稷峰镇: 1, 化峪镇: 1 });
  });

  it('a bad parameter is still a 400, never cached as an answer', async () => {
    const res = await searchRoute(app, { q: '焊工', limit: '101' }).expect(400);
    expect(JSON.stringify(res.body)).toContain('limit');
  });
});
