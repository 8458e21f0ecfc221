import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { SearchClient } from '@app/platform';
import { INDEX_NAMES } from '@app/search';
import { Actor, registerSeeker } from '../jobs/jobs-fixtures';
import { profileBody } from '../seekers/seekers-fixtures';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { employerWithProfile, publishPost, staffActor } from './search-fixtures';

jest.setTimeout(120_000);

/**
 * POST /api/v1/search/reconcile repairs both indexes and answers both reports. No worker runs in
 * this suite, so nothing reaches Meilisearch through the outbox: whatever is there, the route put.
 */
describe('POST /api/v1/search/reconcile: job posts and seekers', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let search: SearchClient;
  let admin: Actor;
  let seeker: Actor;

  beforeAll(async () => {
    env = await setupSuiteEnv('search_reconcile_route', { LOGIN_THROTTLE_LIMIT: '1000' });
    app = await startApi();
    search = app.get(SearchClient);
    admin = await staffActor(app);
    const employer = await employerWithProfile(app, '稷山县晋南机械有限公司', {
      townshipCode: 'jifeng',
      size: 'small',
      industry: '制造业',
    });
    await publishPost(app, employer, admin, { title: '电焊工' });
    seeker = await registerSeeker(app);
    await request(app.getHttpServer())
      .put('/api/v1/seekers/me')
      .set('authorization', `Bearer ${seeker.token}`)
      .send(profileBody('jifeng'))
      .expect(200);
    await request(app.getHttpServer())
      .patch('/api/v1/seekers/me/consent')
      .set('authorization', `Bearer ${seeker.token}`)
      .send({ searchableByEmployers: true })
      .expect(200);
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  const reconcile = (token: string) =>
    request(app.getHttpServer()).post('/api/v1/search/reconcile').set('authorization', `Bearer ${token}`);

  it('adds what is missing, removes what is extra, in both indexes; admins only', async () => {
    await reconcile(seeker.token).expect(403);
    await request(app.getHttpServer()).post('/api/v1/search/reconcile').expect(401);

    const first = await reconcile(admin.token).expect(200);
    expect(first.body).toEqual({
      jobPosts: expect.objectContaining({
        index: search.indexUid(INDEX_NAMES.jobPosts),
        published: 1,
        missing: 1,
        extra: 0,
      }),
      seekers: expect.objectContaining({
        index: search.indexUid(INDEX_NAMES.seekers),
        published: 1,
        missing: 1,
        extra: 0,
      }),
    });
    const seekers = search.client.index(search.indexUid(INDEX_NAMES.seekers));
    expect(await seekers.getDocument(seeker.userId)).toMatchObject({ id: seeker.userId });

    // A stray seeker document (consent withdrawn while the index was away) goes.
    const stray = '00000000-0000-4000-8000-000000000001';
    await seekers.addDocuments([{ id: stray, township: '稷峰镇' }]).waitTask();
    const second = await reconcile(admin.token).expect(200);
    expect(second.body.jobPosts).toMatchObject({ published: 1, indexed: 1, missing: 0, stale: 0, extra: 0 });
    expect(second.body.seekers).toMatchObject({ published: 1, indexed: 2, missing: 0, stale: 0, extra: 1 });
    const third = await reconcile(admin.token).expect(200);
    expect(third.body.seekers).toMatchObject({ indexed: 1, missing: 0, stale: 0, extra: 0 });
  });
});
