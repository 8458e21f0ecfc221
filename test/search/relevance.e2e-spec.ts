/**
 * The relevance suite (bench/relevance-suite.ts) against the real index and the Postgres fallback:
 * a county corpus published through the routes and indexed through the outbox, then every case —
 * one per word of every synonym group, and the rules (翟店 焊工, 兼职 服务员, 外地 焊工, 送外卖…) —
 * on both paths. A vocabulary or index change that loses a query fails here, by name.
 */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { INestApplicationContext } from '@nestjs/common';
import { JobPostSearchService } from '@app/search';
import { RELEVANCE_CASES, RELEVANCE_POSTS, judge } from '../../bench/relevance-suite';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { employerWithProfile, publishPost, searchRoute, staffActor } from './search-fixtures';

jest.setTimeout(180_000);

describe('relevance suite: what county users type finds what they mean', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  const idOf = new Map<string, string>();

  beforeAll(async () => {
    env = await setupSuiteEnv('relevance', {
      LOGIN_THROTTLE_LIMIT: '1000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
    });
    app = await startApi();
    worker = await startWorker();
    const admin = await staffActor(app);
    const employer = await employerWithProfile(app, '稷山县晋南实业有限公司', {
      townshipCode: 'jifeng',
      size: 'small',
      industry: '制造业',
    });
    for (const p of RELEVANCE_POSTS) {
      const { key, ...input } = p;
      idOf.set(key, await publishPost(app, employer, admin, input));
    }
    await drainOutbox(worker, 60_000);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup().catch(() => undefined);
  });

  const describeOutcome = (o: ReturnType<typeof judge>, hits: { title: string }[]) =>
    `${o.case.name}: missing ${o.missing.join(', ') || '-'}; unwanted ${o.unwanted.join(', ') || '-'}; ` +
    `hits ${hits.map((h) => h.title).join(' ') || '(none)'}`;

  it.each(RELEVANCE_CASES.map((c) => [c.name, c] as const))('Meilisearch: %s', async (_name, c) => {
    const res = await searchRoute(app, c.params).expect(200);
    expect(res.body.degraded).toBe(false);
    const outcome = judge(
      c,
      res.body.hits.map((h: { id: string }) => h.id),
      idOf,
    );
    if (!outcome.ok) throw new Error(describeOutcome(outcome, res.body.hits));
  });

  it.each(RELEVANCE_CASES.filter((c) => !c.meiliOnly).map((c) => [c.name, c] as const))(
    'Postgres fallback: %s',
    async (_name, c) => {
      const res = await app.get(JobPostSearchService).fromPostgres(c.params);
      expect(res.degraded).toBe(true);
      const outcome = judge(
        c,
        res.hits.map((h) => h.id),
        idOf,
      );
      if (!outcome.ok) throw new Error(describeOutcome(outcome, res.hits));
    },
  );

  it('says which words it took as filters', async () => {
    const res = await searchRoute(app, { q: '翟店 日结 搬运' }).expect(200);
    expect(res.body.understood).toEqual([
      { word: '翟店', filter: 'township', value: 'zhaidian' },
      { word: '日结', filter: 'employmentType', value: 'temporary' },
    ]);
    expect(res.body.hits.map((h: { id: string }) => h.id)).toEqual([idOf.get('porter-daily')]);
    const pg = await app.get(JobPostSearchService).fromPostgres({ q: '翟店 日结 搬运' });
    expect(pg.understood).toEqual(res.body.understood);
  });
});
