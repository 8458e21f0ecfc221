/**
 * Meilisearch stopped (chaos): the public search answers from Postgres with degraded: true, writes
 * keep working (they only write the outbox), and once Meilisearch is back — same data folder, same
 * port and key — the index catches up from the outbox and answers again with degraded: false.
 * This suite runs its own Meilisearch so stopping it disturbs no other suite.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { RunningMeilisearch, freePort, startMeilisearch } from '@app/platform';
import { Actor } from '../jobs/jobs-fixtures';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';
import { employerWithProfile, hitTitles, publishPost, searchRoute, staffActor } from './search-fixtures';
import { as } from '../fairs/fairs-fixtures';
import { registerSeeker } from '../jobs/jobs-fixtures';
import { chinaDay, postGig } from '../gigs/gigs-fixtures';

jest.setTimeout(240_000);

describe('search with Meilisearch down (degraded) and catching up afterwards', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let meili: RunningMeilisearch;
  let dataDir: string;
  let port: number;
  const masterKey = randomBytes(24).toString('base64url');
  let admin: Actor;
  let employer: Actor;
  let gigNear: string;
  let gigFar: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'jishan-meili-degraded-'));
    port = await freePort();
    meili = await startMeilisearch({ dataDir, port, masterKey });
    process.env.MEILI_URL = meili.url;
    process.env.MEILI_MASTER_KEY = masterKey;
    env = await setupSuiteEnv('search_degraded', {
      LOGIN_THROTTLE_LIMIT: '1000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
    });
    app = await startApi();
    worker = await startWorker();
    admin = await staffActor(app);
    employer = await employerWithProfile(app, '稷山县晋南机械有限公司', {
      townshipCode: 'jifeng',
      size: 'small',
      industry: '制造业',
    });
    await publishPost(app, employer, admin, { title: '电焊工', occupation: '焊工', skills: ['电焊'] });
    await publishPost(app, employer, admin, {
      title: '家政服务员',
      townshipCode: 'xishe',
      employmentType: 'part-time',
    });
    gigNear = (
      await postGig(app, employer, { title: '翟店卸货', townshipCode: 'zhaidian', date: chinaDay(1) })
    ).id;
    gigFar = (
      await postGig(app, employer, {
        title: '化峪装卸',
        townshipCode: 'huayu',
        date: chinaDay(1),
        payFen: 30000,
      })
    ).id;
    await drainOutbox(worker);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup().catch(() => undefined);
    await meili?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const gigSearch = async (query: string) =>
    (await as(app, null, 'get', `/api/v1/gigs/search?${query}`).expect(200)).body;

  it('answers from Meilisearch while it is up', async () => {
    const res = await searchRoute(app, { q: '焊工' }).expect(200);
    expect(res.body).toMatchObject({ degraded: false, total: 1 });
    const gigs = await gigSearch('date=tomorrow&townshipCode=zhaidian&trade=装卸');
    expect(gigs).toMatchObject({ degraded: false, total: 2 });
    expect(gigs.hits.map((h: { id: string }) => h.id)).toEqual([gigNear, gigFar]);
  });

  it('Meilisearch stopped: 200 with degraded: true and the right hits; writes still succeed; then it catches up', async () => {
    await meili.stop();

    const started = Date.now();
    const welders = await searchRoute(app, { q: '焊工' }).expect(200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(welders.body.degraded).toBe(true);
    expect(hitTitles(welders.body)).toEqual(['电焊工']);
    expect(welders.body.hits[0]).toMatchObject({
      employerName: '稷山县晋南机械有限公司',
      township: '稷峰镇',
      wageMinFen: 300_000,
      wageMaxFen: 500_000,
      employmentType: 'full-time',
    });

    const xishe = await searchRoute(app, { township: '西社镇' }).expect(200);
    expect(xishe.body).toMatchObject({ degraded: true, total: 1 });
    expect(hitTitles(xishe.body)).toEqual(['家政服务员']);
    expect(xishe.body.facets.township).toEqual({ 西社镇: 1 });
    expect(xishe.body.facets.employmentType).toEqual({ 'part-time': 1 });

    const partTime = await searchRoute(app, { employmentType: 'part-time', q: '保姆' }).expect(200);
    expect(hitTitles(partTime.body)).toEqual(['家政服务员']);
    // Validation does not depend on Meilisearch.
    const bad = await searchRoute(app, { limit: '101' }).expect(400);
    expect(bad.body.error.fields[0].field).toBe('limit');

    // A write while the index is down: created and published through the routes, as usual.
    const electricianId = await publishPost(app, employer, admin, {
      title: '维修电工',
      occupation: '电工',
      townshipCode: 'huayu',
    });
    const degradedNew = await searchRoute(app, { q: '维修电工' }).expect(200);
    expect(degradedNew.body).toMatchObject({ degraded: true, total: 1 });
    expect(degradedNew.body.hits[0].id).toBe(electricianId);
    // The outbox job fails while Meilisearch is away and is kept for its retry.
    const ds = worker.get(DataSource);
    await waitUntil('the index job to fail once', async () => {
      const rows = await ds.query(
        `SELECT count(*)::int AS n FROM outbox WHERE payload->>'jobPostId' = $1 AND last_error IS NOT NULL
            AND processed_at IS NULL`,
        [electricianId],
      );
      return rows[0].n > 0;
    });

    // Gigs: the same hits in the same order from Postgres (nearest first, the trade by its family);
    // a gig posted and taken while the index is down.
    const gigs = await gigSearch('date=tomorrow&townshipCode=zhaidian&trade=装卸');
    expect(gigs).toMatchObject({ degraded: true, total: 2 });
    expect(gigs.hits.map((h: { id: string }) => h.id)).toEqual([gigNear, gigFar]);
    expect(gigs.hits[1]).toMatchObject({ township: '化峪镇', payFen: 30000, accepted: 0 });
    expect(gigs.hits[1].distanceKm).toBeGreaterThan(10);
    const lateGig = (
      await postGig(app, employer, { title: '西社搬家', townshipCode: 'xishe', date: chinaDay(1) })
    ).id;
    const taker = await registerSeeker(app);
    await as(app, taker, 'post', `/api/v1/gigs/${lateGig}/acceptances`).expect(201);
    const late = await gigSearch('date=tomorrow&q=搬家');
    expect(late).toMatchObject({ degraded: true, total: 1 });
    expect(late.hits[0]).toMatchObject({ id: lateGig, accepted: 1 });

    // Back on the same data folder, port and key.
    meili = await startMeilisearch({ dataDir, port, masterKey });
    await waitUntil(
      'the new post to be searchable through Meilisearch',
      async () => {
        const res = await searchRoute(app, { q: '维修电工' });
        return res.status === 200 && res.body.degraded === false && res.body.total === 1;
      },
      120_000,
    );
    await drainOutbox(worker, 120_000);
    const after = await searchRoute(app, { q: '电工' }).expect(200);
    expect(after.body.degraded).toBe(false);
    expect(after.body.hits.map((h: { id: string }) => h.id)).toEqual([electricianId]);
    // The older documents survived the restart.
    expect(hitTitles((await searchRoute(app, { q: '焊工' }).expect(200)).body)).toEqual(['电焊工']);
    // The gig posted while Meilisearch was away is in the index, with its taken place.
    // (Meilisearch also expands 搬家 to its trade's synonyms, so the other two gigs match too.)
    const caughtUp = await gigSearch('date=tomorrow&q=搬家');
    expect(caughtUp.degraded).toBe(false);
    expect(caughtUp.hits.find((h: { id: string }) => h.id === lateGig)).toMatchObject({ accepted: 1 });
  });
});
