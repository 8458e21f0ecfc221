import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource, QueryRunner } from 'typeorm';
import { JobName } from '@app/platform';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';
import {
  Actors,
  HIRE,
  caller,
  createCast,
  nextStartDate,
  publishedPost,
  toOffer,
} from './applications-fixtures';

jest.setTimeout(180_000);

/**
 * Hires fill posts (招满) with the real worker and search index: the hire that takes the last place
 * makes the post `filled` in its own transaction and the post leaves the public search; a filled
 * post takes no applications and no more hires through applications, while staff may still record
 * a placement on it; two concurrent hires on the last place end with one placement.
 */
describe('applications and placements: hires fill posts', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let actors: Actors;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    env = await setupSuiteEnv('applications_fill', {
      LOGIN_THROTTLE_LIMIT: '1000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
    });
    app = await startApi();
    ds = app.get(DataSource);
    actors = await createCast(app);
    call = caller(app, actors);
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  const postRow = async (id: string): Promise<{ status: string; ended_at: Date | null }> =>
    (await ds.query(`SELECT status, ended_at FROM job_posts WHERE id = $1`, [id]))[0];
  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await ds.query(`SELECT count(*) AS n FROM ${sql}`, params))[0].n);
  /** The ids the public search finds for 电焊工 (every post of this suite is one). */
  const searchIds = async (): Promise<string[]> => {
    const res = await request(app.getHttpServer())
      .get('/api/v1/job-posts/search')
      .query({ q: '电焊工', limit: '100' })
      .expect(200);
    expect(res.body.degraded).toBe(false);
    return res.body.hits.map((h: { id: string }) => h.id);
  };
  const apply = async (who: 'seekerA' | 'seekerB', postId: string): Promise<string> =>
    (await call(who, 'post', `/api/v1/job-posts/${postId}/applications`, {}).expect(201)).body.id;
  const staffPlacement = (postId: string, seeker: 'seekerA' | 'seekerB') =>
    call('countyStaff', 'post', '/api/v1/placements', {
      employerOrganisationId: actors.employerA.organisationId,
      seekerUserId: actors[seeker].userId,
      jobPostId: postId,
      startDate: nextStartDate(),
    });

  it('the hire that takes the last place fills the post: out of search, no more applications or hires', async () => {
    const postId = await publishedPost(app, actors, 'employerA', { townshipCode: 'jifeng' }, 2);
    await drainOutbox(worker);
    expect(await searchIds()).toContain(postId);

    // Staff record one placement on the post (a fair): one of two places taken, still open.
    await staffPlacement(postId, 'seekerB').expect(201);
    expect((await postRow(postId)).status).toBe('published');

    // Seeker B applied too and reached an offer while places were left.
    const late = await apply('seekerB', postId);
    await toOffer(app, actors, 'employerA', late);
    const last = await apply('seekerA', postId);
    await toOffer(app, actors, 'employerA', last);
    const outboxBefore = await count(`outbox WHERE job_name = $1 AND payload->>'jobPostId' = $2`, [
      JobName.JobPostChanged,
      postId,
    ]);
    const hired = await call('employerA', 'post', `/api/v1/applications/${last}/transitions`, HIRE).expect(
      200,
    );

    // Filled in the hire's own transaction: status, end time, the outbox row for the index, the audit.
    const row = await postRow(postId);
    expect(row.status).toBe('filled');
    expect(row.ended_at).not.toBeNull();
    expect(
      await count(`outbox WHERE job_name = $1 AND payload->>'jobPostId' = $2`, [
        JobName.JobPostChanged,
        postId,
      ]),
    ).toBe(outboxBefore + 1);
    const audit = await ds.query(
      `SELECT details FROM audit_log WHERE action = 'placement.record' AND target_id = $1`,
      [hired.body.placementId],
    );
    expect(audit[0].details).toMatchObject({ jobPostId: postId, postFilled: true });
    const seen = await call('employerA', 'get', `/api/v1/job-posts/${postId}`).expect(200);
    expect(seen.body.status).toBe('filled');
    // The public no longer sees it, and the search drops it once the worker has run.
    await call('anonymous', 'get', `/api/v1/job-posts/${postId}`).expect(404);
    await drainOutbox(worker);
    expect(await searchIds()).not.toContain(postId);

    // A filled post takes no applications (as a closed one) nor referrals.
    const refused = await call('seekerA', 'post', `/api/v1/job-posts/${postId}/applications`, {}).expect(409);
    expect(refused.body.error.code).toBe('application.post-not-open');
    await call('agencyA', 'post', '/api/v1/agency/referrals', {
      seekerUserId: actors.seekerA.userId,
      jobPostId: postId,
      free: true,
    }).expect(409);

    // The application still at offer cannot be hired past the headcount; nothing is written.
    const over = await call('employerA', 'post', `/api/v1/applications/${late}/transitions`, HIRE).expect(
      409,
    );
    expect(over.body.error.code).toBe('application.post-filled');
    const after = await call('seekerB', 'get', `/api/v1/applications/${late}`).expect(200);
    expect(after.body).toMatchObject({ status: 'offer', placementId: null });
    expect(await count(`placements WHERE job_post_id = $1`, [postId])).toBe(2);
    // It may still be rejected.
    await call('employerA', 'post', `/api/v1/applications/${late}/transitions`, { to: 'rejected' }).expect(
      200,
    );

    // Staff may record a hire beyond the headcount (it happened; subsidies hang from it); still filled.
    await staffPlacement(postId, 'seekerB').expect(201);
    expect(await count(`placements WHERE job_post_id = $1`, [postId])).toBe(3);
    expect((await postRow(postId)).status).toBe('filled');

    // An ended placement does not reopen the post: the employer decides whether to recruit again.
    await call('countyStaff', 'post', `/api/v1/placements/${hired.body.placementId}/end`, {
      endedOn: '2025-12-31',
      reason: '个人辞职',
    }).expect(200);
    expect((await postRow(postId)).status).toBe('filled');
    await drainOutbox(worker);
    expect(await searchIds()).not.toContain(postId);
  });

  it('ended placements free their place: a hire after one ended does not fill the post early', async () => {
    const postId = await publishedPost(app, actors, 'employerA', { townshipCode: 'jifeng' }, 1);
    const first = await staffPlacement(postId, 'seekerB').expect(201);
    // Staff's placement took the only place: filled.
    expect((await postRow(postId)).status).toBe('filled');
    await call('countyStaff', 'post', `/api/v1/placements/${first.body.id}/end`, {
      endedOn: '2025-10-31',
      reason: '试用期未通过',
    }).expect(200);
    expect((await postRow(postId)).status).toBe('filled');

    // With two places and one placement already ended, a second hire leaves one place open.
    const two = await publishedPost(app, actors, 'employerA', { townshipCode: 'jifeng' }, 2);
    const gone = await staffPlacement(two, 'seekerB').expect(201);
    await call('countyStaff', 'post', `/api/v1/placements/${gone.body.id}/end`, {
      endedOn: '2025-10-31',
      reason: '个人辞职',
    }).expect(200);
    const appId = await apply('seekerA', two);
    await toOffer(app, actors, 'employerA', appId);
    await call('employerA', 'post', `/api/v1/applications/${appId}/transitions`, HIRE).expect(200);
    expect((await postRow(two)).status).toBe('published');
  });

  it('two hires at once on the last place: one placement, the other a 409', async () => {
    const postId = await publishedPost(app, actors, 'employerA', { townshipCode: 'jifeng' }, 1);
    const a = await apply('seekerA', postId);
    const b = await apply('seekerB', postId);
    await toOffer(app, actors, 'employerA', a);
    await toOffer(app, actors, 'countyStaff', b);

    // Hold the post's row lock so both hires are in flight, waiting on it, before either goes on.
    const holder: QueryRunner = ds.createQueryRunner();
    await holder.connect();
    let results: request.Response[];
    try {
      await holder.startTransaction();
      await holder.query(`SELECT 1 FROM job_posts WHERE id = $1 FOR UPDATE`, [postId]);
      const [{ pid }]: { pid: number }[] = await holder.query(`SELECT pg_backend_pid() AS pid`);
      const both = Promise.all([
        call('employerA', 'post', `/api/v1/applications/${a}/transitions`, HIRE).then((r) => r),
        call('countyStaff', 'post', `/api/v1/applications/${b}/transitions`, HIRE).then((r) => r),
      ]);
      await waitUntil('both hires to wait on the post row', async () => (await waitingOn(pid)) === 2);
      await holder.commitTransaction();
      results = await both;
    } finally {
      await holder.release();
    }

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.status === 409);
    expect(refused?.body.error.code).toBe('application.post-filled');
    expect(await count(`placements WHERE job_post_id = $1`, [postId])).toBe(1);
    expect(await count(`applications WHERE job_post_id = $1 AND status = 'hired'`, [postId])).toBe(1);
    expect(await count(`applications WHERE job_post_id = $1 AND status = 'offer'`, [postId])).toBe(1);
    expect((await postRow(postId)).status).toBe('filled');
    expect(
      await count(`outbox WHERE job_name = $1 AND payload->>'jobPostId' = $2`, [
        JobName.JobPostChanged,
        postId,
      ]),
    ).toBeGreaterThanOrEqual(2); // published, then filled
  });

  /** How many backends wait, directly or behind another waiter, on a lock held by `pid`. */
  async function waitingOn(pid: number): Promise<number> {
    const rows: { pid: number; blockers: number[] }[] = await ds.query(
      `SELECT pid, pg_blocking_pids(pid) AS blockers FROM pg_stat_activity WHERE wait_event_type = 'Lock'`,
    );
    const blocked = new Set<number>([pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of rows) {
        if (!blocked.has(r.pid) && r.blockers.some((p) => blocked.has(p))) {
          blocked.add(r.pid);
          grew = true;
        }
      }
    }
    return blocked.size - 1;
  }
});
