import type { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';
import { Actor, createPrivileged, registerEmployer, registerSeeker } from '../jobs/jobs-fixtures';
import { as, openFair } from '../fairs/fairs-fixtures';
import { launchChromium, newContext, checkPage as check, signInAt } from './browser-support';

const PASSWORD = 'correct horse 1';

/**
 * 线上招聘会 in Debian's Chromium on a phone: a visitor opens an enterprise's virtual booth (a visit
 * counted, apart from attendance) and is asked to sign in to apply; a seeker applies from the booth
 * in one tap and the application is tied to the fair.
 */
describe('web app: an online fair in a real browser', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let browser: Browser;
  let base: string;
  let fairId: string;
  let seekerLogin: string;

  beforeAll(async () => {
    env = await setupSuiteEnv('fair_online_web');
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const staff = await createPrivileged(app, Role.Staff);
    const employer: Actor = await registerEmployer(app, '稷山县直播带岗食品有限公司');
    const seeker = await registerSeeker(app);
    seekerLogin = (
      (await app.get(DataSource).query(`SELECT login FROM users WHERE id = $1`, [seeker.userId])) as {
        login: string;
      }[]
    )[0]!.login;
    const post = await as(app, employer, 'post', '/api/v1/job-posts', {
      title: '面点师',
      headcount: 2,
      townshipCode: 'jifeng',
      employmentType: 'full-time',
      wageMinFen: 350000,
      wageMaxFen: 500000,
      deadline: '2099-12-31',
    }).expect(201);
    await as(app, employer, 'post', `/api/v1/job-posts/${post.body.id}/submit`).expect(200);
    await as(app, staff, 'post', `/api/v1/job-posts/${post.body.id}/approve`).expect(200);
    fairId = await openFair(app, staff, {
      title: '直播带岗·面食专场',
      mode: 'online',
      townshipCode: undefined,
      livestreamUrl: 'https://live.example.cn/jishan',
    });
    const reg = await as(app, employer, 'post', `/api/v1/fairs/${fairId}/employer-registrations`, {
      jobPostIds: [post.body.id],
      staffNames: ['人事 李经理'],
    }).expect(201);
    await as(app, staff, 'post', `/api/v1/fair-employer-registrations/${reg.body.id}/decision`, {
      approve: true,
    }).expect(200);
    browser = await launchChromium();
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await env?.cleanup();
  }, 60000);

  const count = async (table: string): Promise<number> =>
    (
      (await app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM ${table} WHERE fair_id = $1`, [fairId])) as {
        n: number;
      }[]
    )[0]!.n;

  it('a visitor opens a booth and is asked to sign in; a seeker applies from it in one tap', async () => {
    const visitor = await (await newContext(browser, 'phone')).newPage();
    await visitor.goto(`${base}/fairs/${fairId}`);
    await visitor.getByRole('heading', { name: '线上展位' }).waitFor();
    await visitor.getByText(/稷山县直播带岗食品有限公司/).click();
    await visitor.getByRole('button', { name: '登录后投递' }).waitFor();
    await check(visitor, 'fair-online-visitor', 'phone');
    await waitUntil('the booth visit', async () => (await count('fair_online_visits')) === 1);

    const seeker = await signInAt(base, await newContext(browser, 'phone'), seekerLogin, PASSWORD);
    await seeker.goto(`${base}/fairs/${fairId}`);
    await seeker.getByText(/稷山县直播带岗食品有限公司/).click();
    await seeker.getByRole('button', { name: '投递简历' }).click();
    await seeker.getByText('简历已投递，可在“我的申请”查看进度').first().waitFor();
    await seeker.getByRole('button', { name: '已投递' }).waitFor();
    await check(seeker, 'fair-online-seeker', 'phone');
    expect(await count('fair_online_applications')).toBe(1);
    await waitUntil('the seeker’s visit', async () => (await count('fair_online_visits')) === 2);
  });
});
