import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Actor, createPrivileged, registerEmployer, registerSeeker } from '../jobs/jobs-fixtures';
import { as, openFair } from './fairs-fixtures';

jest.setTimeout(180_000);

const fields = (res: request.Response): string[] =>
  (res.body.error?.fields ?? []).map((f: { field: string }) => f.field);

/**
 * Online fairs (线上招聘会, 直播带岗): the approved enterprises' virtual booths with the posts they
 * brought, visits counted apart from attendance (once per visitor, booth and day), applications sent
 * from a booth tied to the fair, the report's online figures; on-site fairs have no booths.
 */
describe('fairs: online booths', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  let staff: Actor;
  let employer: Actor;
  let seeker: Actor;
  let fairId: string;
  let boothId: string;
  let atBooth: string;
  let notAtBooth: string;

  async function publishedPost(title: string): Promise<string> {
    const res = await as(app, employer, 'post', '/api/v1/job-posts', {
      title,
      headcount: 3,
      townshipCode: 'jifeng',
      employmentType: 'full-time',
      wageMinFen: 300000,
      wageMaxFen: 450000,
      deadline: '2099-12-31',
    }).expect(201);
    await as(app, employer, 'post', `/api/v1/job-posts/${res.body.id}/submit`).expect(200);
    await as(app, staff, 'post', `/api/v1/job-posts/${res.body.id}/approve`).expect(200);
    return res.body.id;
  }

  beforeAll(async () => {
    env = await setupSuiteEnv('fair_online');
    app = await startApi();
    ds = app.get(DataSource);
    staff = await createPrivileged(app, Role.Staff);
    employer = await registerEmployer(app, '稷山县线上招聘测试食品有限公司');
    seeker = await registerSeeker(app);
    atBooth = await publishedPost('食品包装工');
    notAtBooth = await publishedPost('叉车司机');
    fairId = await openFair(app, staff, {
      title: '直播带岗·食品加工专场',
      mode: 'online',
      townshipCode: undefined,
      livestreamUrl: 'https://live.example.cn/jishan/2026',
    });
    const reg = await as(app, employer, 'post', `/api/v1/fairs/${fairId}/employer-registrations`, {
      jobPostIds: [atBooth],
      staffNames: ['人事 张经理'],
    }).expect(201);
    boothId = reg.body.id;
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('a booth opens when staff approve the enterprise; it shows the posts it brought and the livestream', async () => {
    expect((await as(app, null, 'get', `/api/v1/fairs/${fairId}/booths`).expect(200)).body.items).toEqual([]);
    await as(app, staff, 'post', `/api/v1/fair-employer-registrations/${boothId}/decision`, {
      approve: true,
    }).expect(200);
    const booths = (await as(app, null, 'get', `/api/v1/fairs/${fairId}/booths`).expect(200)).body;
    expect(booths).toMatchObject({
      livestreamUrl: 'https://live.example.cn/jishan/2026',
      items: [
        {
          registrationId: boothId,
          employerName: '稷山县线上招聘测试食品有限公司',
          posts: [{ id: atBooth, title: '食品包装工', township: '稷峰镇', wageMinFen: 300000 }],
          visits: 0,
          applications: 0,
        },
      ],
    });
    const onsite = await openFair(app, staff, { title: '现场专场' });
    expect((await as(app, null, 'get', `/api/v1/fairs/${onsite}/booths`).expect(404)).body.error.code).toBe(
      'not-online',
    );
  });

  it('visits count once per visitor, booth and day, signed in or not; bad input names its field', async () => {
    const url = `/api/v1/fairs/${fairId}/booths/${boothId}/visits`;
    expect((await as(app, null, 'post', url, { visitorKey: 'browser-key-0001' }).expect(201)).body).toEqual({
      counted: true,
    });
    expect((await as(app, null, 'post', url, { visitorKey: 'browser-key-0001' }).expect(200)).body).toEqual({
      counted: false,
    });
    await as(app, seeker, 'post', url, {}).expect(201);
    await as(app, seeker, 'post', url, { visitorKey: 'ignored-when-signed-in' }).expect(200);
    expect(fields(await as(app, null, 'post', url, {}).expect(400))).toEqual(['visitorKey']);
    expect(fields(await as(app, null, 'post', url, { visitorKey: 'short' }).expect(400))).toEqual([
      'visitorKey',
    ]);
    expect(
      fields(
        await as(app, null, 'post', `/api/v1/fairs/${fairId}/booths/nope/visits`, {
          visitorKey: 'k'.repeat(10),
        }).expect(400),
      ),
    ).toEqual(['registrationId']);
    await as(app, null, 'post', `/api/v1/fairs/${fairId}/booths/${fairId}/visits`, {
      visitorKey: 'browser-key-0002',
    }).expect(404);
  });

  it('a seeker applies from the booth: the application is the seeker’s and the fair counts it, once', async () => {
    const url = `/api/v1/fairs/${fairId}/booths/${boothId}/applications`;
    const a = (
      await as(app, seeker, 'post', url, { jobPostId: atBooth, coverNote: '线上看到直播' }).expect(201)
    ).body;
    expect(a).toMatchObject({ jobPostId: atBooth, status: expect.any(String) });
    await as(app, seeker, 'post', url, { jobPostId: atBooth }).expect(409);
    expect(fields(await as(app, seeker, 'post', url, { jobPostId: notAtBooth }).expect(400))).toEqual([
      'jobPostId',
    ]);
    expect(fields(await as(app, seeker, 'post', url, { jobPostId: 'x' }).expect(400))).toEqual(['jobPostId']);
    await as(app, employer, 'post', url, { jobPostId: atBooth }).expect(403);
    await as(app, null, 'post', url, { jobPostId: atBooth }).expect(401);
    // The seeker's own list has it, as any application.
    const mine = (await as(app, seeker, 'get', '/api/v1/applications/mine').expect(200)).body;
    expect((mine.items ?? mine).map((x: { id: string }) => x.id)).toContain(a.id);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM fair_online_applications WHERE fair_id = $1`,
      [fairId],
    );
    expect(n).toBe(1);
    // A post not at the booth wrote nothing: no application of it.
    const [{ m }] = await ds.query(`SELECT count(*)::int AS m FROM applications WHERE job_post_id = $1`, [
      notAtBooth,
    ]);
    expect(m).toBe(0);
  });

  it('the report counts online visits and applications apart from attendance at the door', async () => {
    const r = (await as(app, staff, 'get', `/api/v1/fairs/${fairId}/report`).expect(200)).body;
    expect(r.online).toEqual({ visits: 2, visitors: 2, applications: 1 });
    expect(r.seekers.present).toBe(0);
    const booths = (await as(app, null, 'get', `/api/v1/fairs/${fairId}/booths`).expect(200)).body.items;
    expect(booths[0]).toMatchObject({ visits: 2, applications: 1 });
    // Cancelled: the booths close.
    await as(app, staff, 'post', `/api/v1/fairs/${fairId}/cancel`, { reason: '改期' }).expect(200);
    await as(app, null, 'get', `/api/v1/fairs/${fairId}/booths`).expect(404);
  });
});
