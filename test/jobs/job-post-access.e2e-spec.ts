import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NestFactory } from '@nestjs/core';
import { DatabaseOnlyConfigModule, JobName, PlatformDatabaseModule, SearchClient, Role } from '@app/platform';
import { JobPostExpiryScheduler, JobPostsModule } from '@app/jobs';

import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import {
  Actor,
  createPrivileged,
  newCreditCode,
  registerAgency,
  registerEmployer,
  registerSeeker,
} from './jobs-fixtures';

/** The expiry scheduler alone (no worker, whose own schedule could expire the post first). */
@Module({
  imports: [DatabaseOnlyConfigModule, PlatformDatabaseModule, JobPostsModule],
  providers: [JobPostExpiryScheduler],
})
class ExpiryToolsModule {}

jest.setTimeout(120_000);

type Who =
  'anonymous' | 'seeker' | 'employerA' | 'employerB' | 'agency' | 'townshipStaff' | 'countyStaff' | 'admin';
const EVERYONE: Who[] = [
  'anonymous',
  'seeker',
  'employerA',
  'employerB',
  'agency',
  'townshipStaff',
  'countyStaff',
  'admin',
];

/**
 * Job posts and enterprises through HTTP: the lifecycle, the outbox rows that feed the search
 * index, and the access matrix of every route for every role. Township staff are of 稷峰镇, where
 * enterprise A is; enterprise B is in 西社镇.
 */
describe('job posts and enterprises: lifecycle and access matrix', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  const actors = {} as Record<Exclude<Who, 'anonymous'>, Actor>;

  beforeAll(async () => {
    env = await setupSuiteEnv('jobs_access', { LOGIN_THROTTLE_LIMIT: '1000' });
    app = await startApi();
    ds = app.get(DataSource);
    actors.seeker = await registerSeeker(app);
    actors.employerA = await registerEmployer(app, '稷山县甲机械有限公司');
    actors.employerB = await registerEmployer(app, '稷山县乙食品有限公司');
    actors.agency = await registerAgency(app);
    actors.townshipStaff = await createPrivileged(app, Role.Staff, 'jifeng');
    actors.countyStaff = await createPrivileged(app, Role.Staff);
    actors.admin = await createPrivileged(app, Role.Admin);
    await call('employerA', 'put', '/api/v1/enterprises/mine', {
      townshipCode: 'jifeng',
      size: 'small',
    }).expect(200);
    await call('employerB', 'put', '/api/v1/enterprises/mine', {
      townshipCode: 'xishe',
      size: 'micro',
    }).expect(200);
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  function call(who: Who, method: 'get' | 'post' | 'put' | 'patch', url: string, body?: object) {
    let req = request(app.getHttpServer())[method](url);
    if (who !== 'anonymous') req = req.set('authorization', `Bearer ${actors[who].token}`);
    return body ? req.send(body) : req;
  }

  async function expectMatrix(
    label: string,
    expected: Record<Who, number>,
    make: (who: Who) => Promise<request.Response>,
  ): Promise<void> {
    const got = {} as Record<Who, number>;
    for (const who of EVERYONE) got[who] = (await make(who)).status;
    expect({ label, got }).toEqual({ label, got: expected });
  }

  const postBody = (title: string, extra: object = {}) => ({
    title,
    headcount: 3,
    townshipCode: 'jifeng',
    wageMinFen: 400000,
    wageMaxFen: 600000,
    skills: ['电焊'],
    contactPhone: '13912345678',
    deadline: '2099-12-31',
    ...extra,
  });

  async function draftOf(owner: 'employerA' | 'employerB', title: string): Promise<string> {
    const res = await call(owner, 'post', '/api/v1/job-posts', postBody(title)).expect(201);
    return res.body.id;
  }

  const outboxRows = async (postId: string): Promise<number> =>
    Number(
      (
        await ds.query(
          `SELECT count(*) AS n FROM outbox WHERE job_name = $1 AND payload->>'jobPostId' = $2`,
          [JobName.JobPostChanged, postId],
        )
      )[0].n,
    );

  it('lifecycle: draft → pending-review → published → edited back to review → filled, with outbox rows and audit', async () => {
    const id = await draftOf('employerA', '电焊工');
    const draft = await call('employerA', 'get', `/api/v1/job-posts/${id}`).expect(200);
    expect(draft.body).toMatchObject({
      status: 'draft',
      employerId: actors.employerA.organisationId,
      headcount: 3,
    });
    expect(draft.body.contactPhone).toBe('13912345678');

    // The same post again while open → 409.
    await call('employerA', 'post', '/api/v1/job-posts', postBody('电焊工')).expect(409);
    // A draft cannot be approved.
    await call('countyStaff', 'post', `/api/v1/job-posts/${id}/approve`).expect(409);

    await call('employerA', 'post', `/api/v1/job-posts/${id}/submit`).expect(200);
    expect(await outboxRows(id)).toBe(0);
    const published = await call('countyStaff', 'post', `/api/v1/job-posts/${id}/approve`).expect(200);
    expect(published.body.status).toBe('published');
    expect(published.body.publishedAt).not.toBeNull();
    expect(await outboxRows(id)).toBe(1);
    const audit = await ds.query(`SELECT action, actor_id FROM audit_log WHERE target_id = $1`, [id]);
    expect(audit).toEqual([{ action: 'job-post.approve', actor_id: actors.countyStaff.userId }]);

    // Public now; the phone is masked for the public.
    const pub = await call('anonymous', 'get', `/api/v1/job-posts/${id}`).expect(200);
    expect(pub.body.contactPhone).toBe('139****5678');

    // A contact change keeps it published (the document is refreshed); a material change sends it back.
    const contact = await call('employerA', 'patch', `/api/v1/job-posts/${id}`, {
      contactName: '李主任',
    }).expect(200);
    expect(contact.body.status).toBe('published');
    expect(await outboxRows(id)).toBe(2);
    const edited = await call('employerA', 'patch', `/api/v1/job-posts/${id}`, { wageMaxFen: 700000 }).expect(
      200,
    );
    expect(edited.body.status).toBe('pending-review');
    expect(await outboxRows(id)).toBe(3);
    await call('anonymous', 'get', `/api/v1/job-posts/${id}`).expect(404);

    await call('townshipStaff', 'post', `/api/v1/job-posts/${id}/approve`).expect(200);
    expect(await outboxRows(id)).toBe(4);
    const filled = await call('employerA', 'post', `/api/v1/job-posts/${id}/fill`).expect(200);
    expect(filled.body.status).toBe('filled');
    expect(await outboxRows(id)).toBe(5);
    // Ended posts are not edited and not public.
    await call('employerA', 'patch', `/api/v1/job-posts/${id}`, { headcount: 9 }).expect(409);
    await call('anonymous', 'get', `/api/v1/job-posts/${id}`).expect(404);
    // Its slot is free again: the same post may be opened anew.
    await call('employerA', 'post', '/api/v1/job-posts', postBody('电焊工')).expect(201);
  });

  it('reject sends the post back to draft with the reason (audited); close ends it', async () => {
    const id = await draftOf('employerA', '钳工');
    await call('employerA', 'post', `/api/v1/job-posts/${id}/submit`).expect(200);
    await call('countyStaff', 'post', `/api/v1/job-posts/${id}/reject`, {}).expect(400);
    const rejected = await call('countyStaff', 'post', `/api/v1/job-posts/${id}/reject`, {
      reason: '薪资信息不完整',
    }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'draft', rejectReason: '薪资信息不完整' });
    const audit = await ds.query(`SELECT action, reason FROM audit_log WHERE target_id = $1`, [id]);
    expect(audit).toEqual([{ action: 'job-post.reject', reason: '薪资信息不完整' }]);
    expect(await outboxRows(id)).toBe(0);
    const closed = await call('employerA', 'post', `/api/v1/job-posts/${id}/close`).expect(200);
    expect(closed.body.status).toBe('closed');
    await call('employerA', 'post', `/api/v1/job-posts/${id}/submit`).expect(409);
  });

  it('the listing screen: flags shown to the employer and the reviewer, never to the public; a new flag sends a published post back', async () => {
    const res = await call(
      'employerA',
      'post',
      '/api/v1/job-posts',
      postBody('包装工', { requirements: '入职先交服装费200元', description: '详情加微信 wx12345678' }),
    ).expect(201);
    const id: string = res.body.id;
    expect(res.body.screeningFlags.map((f: { code: string }) => f.code).sort()).toEqual([
      'fee-asked',
      'off-platform-contact',
    ]);
    expect(res.body.screeningFlags[0].reason).toMatch(/[\u4e00-\u9fa5]/);
    await call('employerA', 'post', `/api/v1/job-posts/${id}/submit`).expect(200);
    // The review queue can ask for flagged posts only.
    const queue = await call(
      'countyStaff',
      'get',
      '/api/v1/job-posts?status=pending-review&flagged=true',
    ).expect(200);
    expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect(queue.body.items.every((p: { screeningFlags: unknown[] }) => p.screeningFlags.length > 0)).toBe(
      true,
    );
    await call('countyStaff', 'post', `/api/v1/job-posts/${id}/approve`).expect(200);
    const pub = await call('anonymous', 'get', `/api/v1/job-posts/${id}`).expect(200);
    expect(pub.body.screeningFlags).toEqual([]);

    // Staff approved what they saw; a contact change that adds nothing new keeps it published…
    expect(
      (await call('employerA', 'patch', `/api/v1/job-posts/${id}`, { contactName: '王经理' }).expect(200))
        .body.status,
    ).toBe('published');
    // …a contact name pushing the talk off the platform sends it back to review.
    const back = await call('employerA', 'patch', `/api/v1/job-posts/${id}`, {
      contactName: '王经理 QQ 12345678',
    }).expect(200);
    expect(back.body.status).toBe('pending-review');
    expect(
      back.body.screeningFlags.find((f: { code: string }) => f.code === 'off-platform-contact').words,
    ).toEqual(expect.arrayContaining(['加微信', 'QQ 12345678']));
    // A clean post carries no flags.
    const clean = await call('employerA', 'post', '/api/v1/job-posts', postBody('仓库保管员')).expect(201);
    expect(clean.body.screeningFlags).toEqual([]);
  });

  it('the deadline expires published posts (and writes their outbox row)', async () => {
    const id = await draftOf('employerB', '包装工');
    await call('employerB', 'post', `/api/v1/job-posts/${id}/submit`).expect(200);
    await call('countyStaff', 'post', `/api/v1/job-posts/${id}/approve`).expect(200);
    await ds.query(`UPDATE job_posts SET deadline = DATE '2020-01-01' WHERE id = $1`, [id]);
    // The scheduler alone, without a worker whose own schedule could expire the post first.
    const tools = await NestFactory.createApplicationContext(ExpiryToolsModule, { logger: false });
    const scheduler = tools.get(JobPostExpiryScheduler);
    expect(await scheduler.expireOverdue()).toBe(1);
    expect(await scheduler.expireOverdue()).toBe(0);
    await tools.close();
    const row = await call('employerB', 'get', `/api/v1/job-posts/${id}`).expect(200);
    expect(row.body.status).toBe('expired');
    expect(await outboxRows(id)).toBe(2);
  });

  it('access matrix: create', async () => {
    let n = 0;
    await expectMatrix(
      'create for enterprise A',
      {
        anonymous: 401,
        seeker: 403,
        employerA: 201,
        employerB: 404,
        agency: 403,
        townshipStaff: 201,
        countyStaff: 201,
        admin: 201,
      },
      (who) =>
        call(who, 'post', '/api/v1/job-posts', {
          ...postBody(`矩阵岗位${n++}`),
          employerId: actors.employerA.organisationId,
        }),
    );
    // Township staff of 稷峰镇 may not create for enterprise B (西社镇).
    await call('townshipStaff', 'post', '/api/v1/job-posts', {
      ...postBody('乙的岗位'),
      employerId: actors.employerB.organisationId,
    }).expect(404);
  });

  it('access matrix: read, list, edit, submit, review and end', async () => {
    const draft = await draftOf('employerA', '质检员');
    await expectMatrix(
      'get a draft',
      {
        anonymous: 404,
        seeker: 404,
        employerA: 200,
        employerB: 404,
        agency: 404,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'get', `/api/v1/job-posts/${draft}`),
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expectMatrix(
      'get a post that does not exist',
      {
        anonymous: 404,
        seeker: 404,
        employerA: 404,
        employerB: 404,
        agency: 404,
        townshipStaff: 404,
        countyStaff: 404,
        admin: 404,
      },
      (who) => call(who, 'get', `/api/v1/job-posts/${unknown}`),
    );
    await expectMatrix(
      'edit a draft',
      {
        anonymous: 401,
        seeker: 403,
        employerA: 200,
        employerB: 404,
        agency: 403,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'patch', `/api/v1/job-posts/${draft}`, { description: `由${who}修改` }),
    );
    await expectMatrix(
      'list',
      {
        anonymous: 401,
        seeker: 403,
        employerA: 200,
        employerB: 200,
        agency: 403,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'get', '/api/v1/job-posts?limit=100'),
    );
    const listB = await call('employerB', 'get', '/api/v1/job-posts?limit=100').expect(200);
    expect(
      listB.body.items.every((p: { employerId: string }) => p.employerId === actors.employerB.organisationId),
    ).toBe(true);
    const listTwp = await call('townshipStaff', 'get', '/api/v1/job-posts?limit=100').expect(200);
    expect(listTwp.body.items.some((p: { id: string }) => p.id === draft)).toBe(true);
    expect(
      listTwp.body.items.every(
        (p: { employerId: string }) => p.employerId !== actors.employerB.organisationId,
      ),
    ).toBe(true);

    // Submit: each role on its own fresh draft of A, so the state does not leak between rows.
    let k = 0;
    const drafts: Record<string, string> = {};
    for (const who of EVERYONE) drafts[who] = await draftOf('employerA', `提交${k++}`);
    await expectMatrix(
      'submit',
      {
        anonymous: 401,
        seeker: 403,
        employerA: 200,
        employerB: 404,
        agency: 403,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'post', `/api/v1/job-posts/${drafts[who]}/submit`),
    );
    const pending: Record<string, string> = {};
    for (const who of EVERYONE) {
      pending[who] = await draftOf('employerA', `审核${k++}`);
      await call('employerA', 'post', `/api/v1/job-posts/${pending[who]}/submit`).expect(200);
    }
    await expectMatrix(
      'approve',
      {
        anonymous: 401,
        seeker: 403,
        employerA: 403,
        employerB: 403,
        agency: 403,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'post', `/api/v1/job-posts/${pending[who]}/approve`),
    );
    for (const who of ['townshipStaff', 'countyStaff', 'admin'] as Who[]) {
      expect(await outboxRows(pending[who])).toBe(1);
    }
    const pendingB = await draftOf('employerB', '乙待审');
    await call('employerB', 'post', `/api/v1/job-posts/${pendingB}/submit`).expect(200);
    await call('townshipStaff', 'post', `/api/v1/job-posts/${pendingB}/approve`).expect(404);
    await call('townshipStaff', 'post', `/api/v1/job-posts/${pendingB}/reject`, {
      reason: '不在辖区',
    }).expect(404);
    await expectMatrix(
      'reject',
      {
        anonymous: 401,
        seeker: 403,
        employerA: 403,
        employerB: 403,
        agency: 403,
        townshipStaff: 404,
        countyStaff: 200,
        admin: 409,
      },
      (who) => call(who, 'post', `/api/v1/job-posts/${pendingB}/reject`, { reason: '信息不全' }),
    );
    // Published posts are public to everyone.
    await expectMatrix(
      'get a published post',
      {
        anonymous: 200,
        seeker: 200,
        employerA: 200,
        employerB: 200,
        agency: 200,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'get', `/api/v1/job-posts/${pending.countyStaff}`),
    );
    for (const [route, label] of [
      ['close', 'close'],
      ['fill', 'fill'],
    ]) {
      const own: Record<string, string> = {};
      for (const who of EVERYONE) {
        own[who] = await draftOf('employerA', `${label}${k++}`);
        await call('employerA', 'post', `/api/v1/job-posts/${own[who]}/submit`).expect(200);
      }
      await expectMatrix(
        label,
        {
          anonymous: 401,
          seeker: 403,
          employerA: 200,
          employerB: 404,
          agency: 403,
          townshipStaff: 200,
          countyStaff: 200,
          admin: 200,
        },
        (who) => call(who, 'post', `/api/v1/job-posts/${own[who]}/${route}`),
      );
    }
  });

  it('enterprises: registration by employers and staff, scoped reads, 重点企业 and commissioner', async () => {
    const a = actors.employerA.organisationId as string;
    const b = actors.employerB.organisationId as string;
    await expectMatrix(
      'put mine',
      {
        anonymous: 401,
        seeker: 403,
        employerA: 200,
        employerB: 200,
        agency: 403,
        townshipStaff: 403,
        countyStaff: 403,
        admin: 403,
      },
      (who) =>
        call(who, 'put', '/api/v1/enterprises/mine', { industry: '制造业', contactPhone: '13912345678' }),
    );
    const mine = await call('employerA', 'get', '/api/v1/enterprises/mine').expect(200);
    expect(mine.body).toMatchObject({
      id: a,
      townshipCode: 'jifeng',
      size: 'small',
      contactPhone: '139****5678',
    });

    await expectMatrix(
      'get enterprise A',
      {
        anonymous: 401,
        seeker: 404,
        employerA: 200,
        employerB: 404,
        agency: 404,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'get', `/api/v1/enterprises/${a}`),
    );
    await call('townshipStaff', 'get', `/api/v1/enterprises/${b}`).expect(404);

    const code = newCreditCode();
    let i = 0;
    await expectMatrix(
      'create by staff',
      {
        anonymous: 401,
        seeker: 403,
        employerA: 403,
        employerB: 403,
        agency: 403,
        townshipStaff: 201,
        countyStaff: 201,
        admin: 201,
      },
      (who) =>
        call(who, 'post', '/api/v1/enterprises', {
          name: `稷山县丙企业${i++}`,
          creditCode: ['townshipStaff', 'countyStaff', 'admin'].includes(who) ? newCreditCode() : code,
          townshipCode: 'jifeng',
          size: 'medium',
        }),
    );
    await call('countyStaff', 'post', '/api/v1/enterprises', { name: '重复企业', creditCode: code }).expect(
      201,
    );
    const dup = await call('countyStaff', 'post', '/api/v1/enterprises', {
      name: '重复企业',
      creditCode: code,
    }).expect(409);
    expect(dup.body.error.code).toBe('enterprise.already-registered');
    await call('countyStaff', 'post', '/api/v1/enterprises', {
      name: '坏代码企业',
      creditCode: '91140824MA0K12345X',
    }).expect(400);

    await expectMatrix(
      'list',
      {
        anonymous: 401,
        seeker: 403,
        employerA: 403,
        employerB: 403,
        agency: 403,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'get', '/api/v1/enterprises?limit=100'),
    );
    const twp = await call('townshipStaff', 'get', '/api/v1/enterprises?limit=100').expect(200);
    expect(twp.body.items.map((e: { id: string }) => e.id)).toContain(a);
    expect(twp.body.items.map((e: { id: string }) => e.id)).not.toContain(b);

    // 重点企业 + commissioner: the township staff member becomes B's commissioner and then sees B.
    await call('countyStaff', 'patch', `/api/v1/enterprises/${b}/key`, {
      commissionerUserId: actors.seeker.userId,
    }).expect(400);
    await expectMatrix(
      'set key',
      {
        anonymous: 401,
        seeker: 403,
        employerA: 403,
        employerB: 403,
        agency: 403,
        townshipStaff: 404,
        countyStaff: 200,
        admin: 200,
      },
      (who) =>
        call(who, 'patch', `/api/v1/enterprises/${b}/key`, {
          isKey: true,
          commissionerUserId: actors.townshipStaff.userId,
        }),
    );
    const keyed = await call('townshipStaff', 'get', `/api/v1/enterprises/${b}`).expect(200);
    expect(keyed.body).toMatchObject({ isKey: true, commissionerUserId: actors.townshipStaff.userId });
    const theirs = await call('townshipStaff', 'get', '/api/v1/enterprises?mine=true').expect(200);
    expect(theirs.body.items.map((e: { id: string }) => e.id)).toEqual([b]);
  });

  it('the worker indexes published posts and removes ended ones', async () => {
    worker = await startWorker();
    const id = await draftOf('employerA', '叉车司机');
    await call('employerA', 'post', `/api/v1/job-posts/${id}/submit`).expect(200);
    await call('countyStaff', 'post', `/api/v1/job-posts/${id}/approve`).expect(200);
    await drainOutbox(worker, 60_000);
    const search = worker.get(SearchClient);
    const index = search.client.index(search.indexUid('job-posts'));
    const doc = await index.getDocument(id);
    expect(doc).toMatchObject({
      id,
      title: '叉车司机',
      township: '稷峰镇',
      status: 'published',
      wageMinFen: 400000,
    });
    await call('employerA', 'post', `/api/v1/job-posts/${id}/close`).expect(200);
    await drainOutbox(worker, 60_000);
    await expect(index.getDocument(id)).rejects.toThrow();
  });
});
