/**
 * An Idempotency-Key left "in progress" by a replica that died mid-request: while its holder's
 * liveness mark lives, another replica answers 409 (it may still finish); once the mark is gone,
 * the retry takes the key over and the work is done — once, and replayed after that.
 */
import { createHmac } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProcessLiveness, Role } from '@app/platform';
import { createPrivileged, registerEmployer } from '../jobs/jobs-fixtures';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';

jest.setTimeout(120_000);

describe('Idempotency-Key across replicas', () => {
  let env: SuiteEnv;
  let a: NestFastifyApplication;
  let b: NestFastifyApplication;

  beforeAll(async () => {
    env = await setupSuiteEnv('idempotency_takeover');
    a = await startApi();
    b = await startApi();
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await env?.cleanup().catch(() => undefined);
  });

  const post = { title: '电焊工', headcount: 1, townshipCode: 'jifeng', deadline: '2099-12-31' };
  /** The record a replica writes when it starts the request, as if it then died. */
  const leftInProgress = async (userId: string, key: string, holder: string, workCommitted = false) => {
    const hash = createHmac('sha256', Buffer.from(process.env.PII_HMAC_KEY as string, 'base64'))
      .update(JSON.stringify(post))
      .digest('hex');
    await a
      .get(DataSource)
      .query(
        `INSERT INTO idempotency_records (scope, key, request_hash, holder, work_committed) VALUES ($1, $2, $3, $4, $5)`,
        [`${userId} POST /api/v1/job-posts`, key, hash, holder, workCommitted],
      );
  };
  const create = (app: NestFastifyApplication, token: string, key: string) =>
    request(app.getHttpServer())
      .post('/api/v1/job-posts')
      .set('authorization', `Bearer ${token}`)
      .set('idempotency-key', key)
      .send(post);

  it('waits while the holder lives, takes over once it is gone, and does the work once', async () => {
    const employer = await registerEmployer(a, '稷山县晋南机械有限公司');
    const posts = async () =>
      (
        await a
          .get(DataSource)
          .query(`SELECT count(*)::int AS n FROM job_posts WHERE employer_id = $1`, [employer.organisationId])
      )[0].n as number;

    // Held by replica A, alive: B must not take it.
    const alive = a.get(ProcessLiveness).holderId();
    await leftInProgress(employer.userId, 'key-held-by-a-live', alive);
    const waiting = await create(b, employer.token, 'key-held-by-a-live').expect(409);
    expect(waiting.body.error.code).toBe('idempotency-in-progress');
    expect(await posts()).toBe(0);

    // Held by a process whose mark has expired (killed): B takes over.
    await leftInProgress(employer.userId, 'key-held-by-the-dead', 'a-process-that-died');
    const done = await create(b, employer.token, 'key-held-by-the-dead').expect(201);
    expect(await posts()).toBe(1);
    // Replayed from then on, on either replica.
    const again = await create(a, employer.token, 'key-held-by-the-dead').expect(201);
    expect(again.body.id).toBe(done.body.id);
    expect(await posts()).toBe(1);

    // Killed after its work committed but before its answer was stored: not done a second time.
    await leftInProgress(employer.userId, 'key-done-by-the-dead', 'another-process-that-died', true);
    const lost = await create(b, employer.token, 'key-done-by-the-dead').expect(409);
    expect(lost.body.error.code).toBe('idempotency-answer-lost');
    expect(await posts()).toBe(1);
  });

  it('a request marks its key’s work committed in the transaction of its outbox row', async () => {
    const employer = await registerEmployer(a, '稷山县晋南食品有限公司');
    const staff = await createPrivileged(a, Role.Admin);
    // A draft writes no outbox row; approving one does (the post goes to the index).
    const draft = await create(a, employer.token, 'key-of-a-draft').expect(201);
    await request(a.getHttpServer())
      .post(`/api/v1/job-posts/${draft.body.id}/submit`)
      .set('authorization', `Bearer ${employer.token}`)
      .expect(200);
    await request(a.getHttpServer())
      .post(`/api/v1/job-posts/${draft.body.id}/approve`)
      .set('authorization', `Bearer ${staff.token}`)
      .set('idempotency-key', 'key-of-an-approval')
      .expect(200);
    const records: { key: string; work_committed: boolean; status_code: number; holder: string }[] = await a
      .get(DataSource)
      .query(
        `SELECT key, work_committed, status_code, holder FROM idempotency_records
          WHERE key IN ('key-of-a-draft', 'key-of-an-approval') ORDER BY key`,
      );
    const holder = a.get(ProcessLiveness).id;
    expect(records).toEqual([
      { key: 'key-of-a-draft', work_committed: false, status_code: 201, holder },
      { key: 'key-of-an-approval', work_committed: true, status_code: 200, holder },
    ]);
  });
});
