/**
 * The public job post search through HTTP against the real services: posts are created and
 * published through the jobs routes, the worker feeds the index from the outbox, and the search
 * route answers Chinese words, county synonyms, pinyin, filters and facets. Also: the Postgres
 * fallback agrees with Meilisearch, reconciliation repairs drift, and a reindex with swap runs
 * while searches keep succeeding.
 */
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { SearchClient } from '@app/platform';
import {
  INDEX_NAMES,
  JobPostDocument,
  JobPostIndexerService,
  JobPostSearchService,
  SearchReconcileService,
  SearchReindexService,
} from '@app/search';
import { Actor, registerSeeker } from '../jobs/jobs-fixtures';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { employerWithProfile, hitTitles, publishPost, searchRoute, staffActor } from './search-fixtures';

jest.setTimeout(180_000);

describe('GET /api/v1/job-posts/search', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let admin: Actor;
  let machinery: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await setupSuiteEnv('search_route', {
      LOGIN_THROTTLE_LIMIT: '1000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
    });
    app = await startApi();
    worker = await startWorker();
    admin = await staffActor(app);
    machinery = await employerWithProfile(app, '稷山县晋南机械有限公司', {
      townshipCode: 'jifeng',
      size: 'small',
      industry: '制造业',
    });
    const homecare = await employerWithProfile(app, '稷山县华盛综合服务有限公司', {
      townshipCode: 'xishe',
      size: 'micro',
      industry: '居民服务业',
    });
    ids.welder = await publishPost(app, machinery, admin, {
      title: '电焊工',
      occupation: '焊工',
      skills: ['电焊', '气割'],
      wageMinFen: 400_000,
      wageMaxFen: 600_000,
    });
    ids.cnc = await publishPost(app, machinery, admin, {
      title: '数控操作工',
      townshipCode: 'huayu',
      wageMinFen: 450_000,
      wageMaxFen: 700_000,
    });
    ids.nanny = await publishPost(app, homecare, admin, {
      title: '家政服务员',
      townshipCode: 'xishe',
      employmentType: 'part-time',
      wageMinFen: 250_000,
      wageMaxFen: 350_000,
    });
    ids.twist = await publishPost(app, homecare, admin, {
      title: '麻花制作工',
      townshipCode: 'xishe',
      employmentType: 'temporary',
      wageMinFen: undefined,
      wageMaxFen: undefined,
    });
    // Not public: a draft, and a published post that was then closed.
    const draft = await request(app.getHttpServer())
      .post('/api/v1/job-posts')
      .set('authorization', `Bearer ${machinery.token}`)
      .send({ title: '焊工学徒', headcount: 1, townshipCode: 'jifeng', deadline: '2099-12-31' })
      .expect(201);
    ids.draft = draft.body.id;
    ids.closed = await publishPost(app, machinery, admin, { title: '氩弧焊工', townshipCode: 'jifeng' });
    await request(app.getHttpServer())
      .post(`/api/v1/job-posts/${ids.closed}/close`)
      .set('authorization', `Bearer ${machinery.token}`)
      .expect(200);
    await drainOutbox(worker);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  it('answers without login, in the contract shape, from Meilisearch', async () => {
    const res = await searchRoute(app, { q: '电焊工' }).expect(200);
    expect(res.body.degraded).toBe(false);
    expect(res.body.total).toBe(1);
    expect(res.body.hits[0]).toMatchObject({
      id: ids.welder,
      title: '电焊工',
      employerName: '稷山县晋南机械有限公司',
      township: '稷峰镇',
      townshipCode: 'jifeng',
      wageMinFen: 400_000,
      wageMaxFen: 600_000,
      employmentType: 'full-time',
      industry: '制造业',
      employerSize: 'small',
      deadline: '2099-12-31',
    });
    expect(Object.keys(res.body.facets).sort()).toEqual(
      [
        'acceptsOlderWorkers',
        'education',
        'employerSize',
        'employmentType',
        'industry',
        'isInternship',
        'occupation',
        'township',
      ].sort(),
    );
    // No contact data in the public answer.
    expect(JSON.stringify(res.body)).not.toMatch(/13912345678|contactPhone/);
  });

  it('is not taken for GET /api/v1/job-posts/:id (which would refuse "search" as a UUID)', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/job-posts/search').expect(200);
    expect(res.body.degraded).toBe(false);
    expect(hitTitles(res.body)).toEqual(['家政服务员', '数控操作工', '电焊工', '麻花制作工'].sort());
    // The post route itself still works.
    await request(app.getHttpServer()).get(`/api/v1/job-posts/${ids.welder}`).expect(200);
  });

  it.each([
    ['焊工', ['电焊工']],
    ['保姆', ['家政服务员']],
    ['月嫂', ['家政服务员']],
    ['CNC', ['数控操作工']],
    ['稷山麻花', ['麻花制作工']],
  ])('county synonyms: %s finds %j', async (q, titles) => {
    const res = await searchRoute(app, { q }).expect(200);
    expect(res.body.degraded).toBe(false);
    expect(hitTitles(res.body)).toEqual(titles);
  });

  it.each([
    ['hangong', ['电焊工']],
    ['jiazheng', ['家政服务员']],
    ['mahua', ['麻花制作工']],
    ['jinnan', ['数控操作工', '电焊工']],
  ])('pinyin: %s finds %j', async (q, titles) => {
    const res = await searchRoute(app, { q }).expect(200);
    expect(hitTitles(res.body)).toEqual(titles.sort());
  });

  it('drafts and closed posts are never found', async () => {
    const res = await searchRoute(app, { q: '焊工', limit: '100' }).expect(200);
    const found = res.body.hits.map((h: { id: string }) => h.id);
    expect(found).not.toContain(ids.draft);
    expect(found).not.toContain(ids.closed);
  });

  it('filters: township (name or code), industry, employment type, wage, and their facets', async () => {
    const xishe = await searchRoute(app, { township: '西社镇' }).expect(200);
    expect(hitTitles(xishe.body)).toEqual(['家政服务员', '麻花制作工'].sort());
    expect(xishe.body.facets.employmentType).toEqual({ 'part-time': 1, temporary: 1 });
    expect(xishe.body.facets.township).toEqual({ 西社镇: 2 });

    const twoTownships = await searchRoute(app, { township: 'jifeng,huayu' }).expect(200);
    expect(hitTitles(twoTownships.body)).toEqual(['数控操作工', '电焊工'].sort());

    const industry = await searchRoute(app, { industry: '制造业' }).expect(200);
    expect(hitTitles(industry.body)).toEqual(['数控操作工', '电焊工'].sort());

    const partTime = await searchRoute(app, { employmentType: 'part-time' }).expect(200);
    expect(hitTitles(partTime.body)).toEqual(['家政服务员']);

    // wageMin is CNY per month: posts whose wage can reach it; 面议 (no wage) posts do not qualify.
    const wage = await searchRoute(app, { wageMin: '6500' }).expect(200);
    expect(hitTitles(wage.body)).toEqual(['数控操作工']);

    const all = await searchRoute(app, {}).expect(200);
    expect(all.body.total).toBe(4);
    expect(all.body.facets.township).toEqual({ 稷峰镇: 1, 化峪镇: 1, 西社镇: 2 });
    expect(all.body.facets.employerSize).toEqual({ small: 2, micro: 2 });

    const byWage = await searchRoute(app, { sort: 'wage', limit: '2' }).expect(200);
    expect(byWage.body.hits.map((h: { title: string }) => h.title)).toEqual(['数控操作工', '电焊工']);
    const page2 = await searchRoute(app, { sort: 'wage', limit: '2', offset: '2' }).expect(200);
    expect(page2.body.hits).toHaveLength(2);
  });

  it.each([
    [{ limit: '101' }, 'limit'],
    [{ limit: '0' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
    [{ wageMin: 'abc' }, 'wageMin'],
    [{ employmentType: 'forever' }, 'employmentType'],
    [{ township: '北京' }, 'township'],
    [{ sort: 'random' }, 'sort'],
    [{ q: '焊'.repeat(101) }, 'q'],
    [{ bogus: '1' }, 'bogus'],
  ])('400 naming the field for %j', async (query, field) => {
    const res = await searchRoute(app, query).expect(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('the Postgres fallback finds what Meilisearch finds (synonyms, filters, facets)', async () => {
    const svc = app.get(JobPostSearchService);
    const cases: Record<string, string>[] = [
      { q: '焊工' },
      { q: '保姆' },
      { township: '西社镇' },
      { wageMin: '4000' },
      {},
    ];
    for (const params of cases) {
      const [fromMeili, fromPg] = await Promise.all([
        searchRoute(app, params).expect(200),
        svc.fromPostgres(params),
      ]);
      expect(fromPg.degraded).toBe(true);
      expect({ params, titles: hitTitles(fromPg) }).toEqual({ params, titles: hitTitles(fromMeili.body) });
      expect(fromPg.total).toBe(fromMeili.body.total);
      expect(fromPg.facets.township).toEqual(fromMeili.body.facets.township);
      expect(fromPg.facets.employmentType).toEqual(fromMeili.body.facets.employmentType);
      // Same hits, field for field (the degraded order is by date, not relevance).
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
      expect([...fromPg.hits].sort(byId)).toEqual([...fromMeili.body.hits].sort(byId));
    }
  });

  it('reconciliation repairs a deleted document, a stale one and removes an extra one', async () => {
    const search = worker.get(SearchClient);
    const index = search.client.index<JobPostDocument>(search.indexUid(INDEX_NAMES.jobPosts));
    const reconciler = worker.get(SearchReconcileService);
    expect(await reconciler.reconcileJobPosts()).toMatchObject({
      published: 4,
      missing: 0,
      stale: 0,
      extra: 0,
    });

    const nanny = await index.getDocument(ids.nanny);
    await index.deleteDocument(ids.welder).waitTask();
    await index.addDocuments([{ ...nanny, title: '旧标题' }]).waitTask();
    await index
      .addDocuments([{ ...nanny, id: '00000000-0000-4000-8000-000000000001', title: '幽灵岗位' }])
      .waitTask();
    await index.addDocuments([{ ...nanny, id: ids.closed, title: '已关闭岗位' }]).waitTask();
    expect((await searchRoute(app, { q: '电焊工' }).expect(200)).body.total).toBe(0);
    expect((await searchRoute(app, { q: '幽灵岗位' }).expect(200)).body.total).toBe(1);

    const report = await reconciler.reconcileJobPosts();
    expect(report).toMatchObject({ published: 4, indexed: 6, missing: 1, stale: 1, extra: 2 });
    expect(await reconciler.reconcileJobPosts()).toMatchObject({
      indexed: 4,
      missing: 0,
      stale: 0,
      extra: 0,
    });

    expect(hitTitles((await searchRoute(app, { q: '电焊工' }).expect(200)).body)).toEqual(['电焊工']);
    expect((await searchRoute(app, { q: '幽灵岗位' }).expect(200)).body.total).toBe(0);
    expect((await searchRoute(app, { q: '旧标题' }).expect(200)).body.total).toBe(0);
    expect(await index.getDocument(ids.nanny)).toMatchObject({ title: '家政服务员' });
  });

  it('reindex with swap: searches running meanwhile never fail, and nothing is lost', async () => {
    const search = app.get(SearchClient);
    const live = search.indexUid(INDEX_NAMES.jobPosts);
    const before = (await search.client.index(live).getStats()).numberOfDocuments;
    let stop = false;
    let searches = 0;
    const failures: string[] = [];
    const loop = (async () => {
      while (!stop) {
        const res = await searchRoute(app, { q: '焊工' });
        searches++;
        if (res.status !== 200 || res.body.degraded !== false || res.body.total !== 1) {
          failures.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    })();
    const reports = await app.get(SearchReindexService).reindexAll();
    // And once more through the admin route, during the same loop.
    const viaRoute = await request(app.getHttpServer())
      .post('/api/v1/search/reindex')
      .set('authorization', `Bearer ${admin.token}`)
      .send({})
      .expect(200);
    stop = true;
    await loop;
    expect(failures).toEqual([]);
    expect(searches).toBeGreaterThan(5);
    // Every index is rebuilt (job posts and the consenting seekers, none in this suite).
    expect(reports).toEqual(expect.arrayContaining([expect.objectContaining({ index: live, documents: 4 })]));
    expect(viaRoute.body.indexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ index: live, documents: 4 })]),
    );
    expect((await search.client.index(live).getStats()).numberOfDocuments).toBe(before);
    const { results } = await search.client.getIndexes({ limit: 1000 });
    expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(live))).toEqual([live]);
    // Settings came along with the new index: synonyms and pinyin still work.
    expect(hitTitles((await searchRoute(app, { q: '保姆' }).expect(200)).body)).toEqual(['家政服务员']);
    expect(hitTitles((await searchRoute(app, { q: 'hangong' }).expect(200)).body)).toEqual(['电焊工']);
  });

  it('the admin routes are for admins only', async () => {
    const seeker = await registerSeeker(app);
    for (const token of [seeker.token, machinery.token]) {
      await request(app.getHttpServer())
        .post('/api/v1/search/reindex')
        .set('authorization', `Bearer ${token}`)
        .send({})
        .expect(403);
      await request(app.getHttpServer())
        .post('/api/v1/search/reconcile')
        .set('authorization', `Bearer ${token}`)
        .expect(403);
    }
    await request(app.getHttpServer()).post('/api/v1/search/reindex').send({}).expect(401);
    const ok = await request(app.getHttpServer())
      .post('/api/v1/search/reconcile')
      .set('authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(ok.body).toMatchObject({
      jobPosts: { published: 4, missing: 0, stale: 0, extra: 0 },
      seekers: { published: 0, missing: 0, stale: 0, extra: 0 },
    });
  });

  it('the indexer keeps the index in step when a post leaves (filled)', async () => {
    await request(app.getHttpServer())
      .post(`/api/v1/job-posts/${ids.cnc}/fill`)
      .set('authorization', `Bearer ${machinery.token}`)
      .expect(200);
    await drainOutbox(worker);
    expect((await searchRoute(app, { q: '数控' }).expect(200)).body.total).toBe(0);
    // The shared indexer re-adds it only while it is published: syncing a filled post deletes it.
    await app.get(JobPostIndexerService).syncPost(ids.cnc);
    expect((await searchRoute(app, { q: '数控' }).expect(200)).body.total).toBe(0);
  });
});
