import type { AddressInfo } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';
import { Actor, createPrivileged, registerEmployer } from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';
import { launchChromium, newContext, checkPage as check, signInAt } from './browser-support';

const PASSWORD = 'correct horse 1';

/**
 * 就业见习 in Debian's Chromium against the real platform: the public progress toward 80 on a
 * phone; a seeker outside the eligible groups is told each failed condition; the host unit gives
 * its post the internship details and takes an applicant as an intern; staff designate a
 * demonstration unit; the intern sees the internship on their phone.
 */
describe('web app: internships in a real browser', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let base: string;
  let postId: string;
  let logins: { hospital: string; staff: string; youth: string; older: string };

  const loginOf = async (userId: string): Promise<string> =>
    (
      (await app.get(DataSource).query(`SELECT login FROM users WHERE id = $1`, [userId])) as {
        login: string;
      }[]
    )[0]!.login;
  const call = (who: Actor, method: 'post' | 'put', url: string, body: object = {}) =>
    request(app.getHttpServer())[method](url).set('authorization', `Bearer ${who.token}`).send(body);

  beforeAll(async () => {
    // The wait below polls the public search; with the default 600 a minute per address, a slow
    // index on a busy machine could spend the quota the page's own search then needs.
    env = await setupSuiteEnv('internshipsweb', { PUBLIC_THROTTLE_PER_MINUTE: '100000' });
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorker();
    const staff = await createPrivileged(app, Role.Staff);
    const hospital = await registerEmployer(app, '稷山县人民医院');
    const youth = await seekerWithProfile(app, { birthDate: '2004-04-01', sex: 'female' }, {});
    const older = await seekerWithProfile(app, { birthDate: '1978-04-01', sex: 'male' }, {});
    logins = {
      hospital: await loginOf(hospital.userId),
      staff: await loginOf(staff.userId),
      youth: await loginOf(youth.userId),
      older: await loginOf(older.userId),
    };
    await call(staff, 'put', `/api/v1/internships/host-units/${hospital.organisationId}`, {
      kind: 'hospital',
      affiliation: 'county-medical-group',
    }).expect(200);
    const post = await call(hospital, 'post', '/api/v1/job-posts', {
      title: '临床护理见习生',
      headcount: 3,
      townshipCode: 'jifeng',
      employmentType: 'internship',
      wageMinFen: 180000,
      wageMaxFen: 180000,
      deadline: '2099-12-31',
    }).expect(201);
    postId = post.body.id;
    await call(hospital, 'post', `/api/v1/job-posts/${postId}/submit`).expect(200);
    await call(staff, 'post', `/api/v1/job-posts/${postId}/approve`).expect(200);
    await call(youth, 'post', `/api/v1/job-posts/${postId}/applications`).expect(201);
    await waitUntil(
      'the internship post in the search',
      async () =>
        (
          (await request(app.getHttpServer()).get('/api/v1/job-posts/search').query({ internship: 'true' }))
            .body.hits as { id: string }[] | undefined
        )?.some((h) => h.id === postId) ?? false,
      60000,
    );
    browser = await launchChromium();
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  }, 60000);

  const signIn = (context: BrowserContext, login: string): Promise<Page> =>
    signInAt(base, context, login, PASSWORD);

  it('the public progress, a refusal with its reasons, the host’s details and intern, staff designation, the intern’s phone', async () => {
    const phone = await newContext(browser, 'phone');
    const visitor = await phone.newPage();
    await visitor.goto(`${base}/internships`);
    await visitor.getByText('1 / 80 个').waitFor();
    await visitor.getByText(/县医疗集团：1 个岗位/).waitFor();
    await visitor
      .getByRole('list', { name: '见习岗位' })
      .getByRole('link', { name: '临床护理见习生' })
      .waitFor();
    await check(visitor, 'internships', 'phone');

    // Aged 48, no graduation: refused, each failed condition shown.
    const olderPhone = await newContext(browser, 'phone');
    const older = await signIn(olderPhone, logins.older);
    await older.goto(`${base}/jobs/${postId}`);
    await older.getByRole('button', { name: '申请这个岗位' }).click();
    await older.getByRole('button', { name: '确认投递' }).click();
    const reasons = older.getByRole('list', { name: '不符合的条件' });
    await reasons.getByText(/16–24岁失业青年：年龄 \d+ 岁，不在16–24岁之间/).waitFor();
    expect(await reasons.locator('li').count()).toBe(4);
    await check(older, 'internship-refused', 'phone');

    // The host unit: details, then the applicant taken as an intern and started.
    const desktop = await newContext(browser, 'desktop');
    const host = await signIn(desktop, logins.hospital);
    await host.goto(`${base}/me/posts/${postId}`);
    await host.getByLabel('见习期限（月）').fill('6');
    await host.getByLabel('每月见习生活补助（元）').fill('1800');
    await host.getByLabel('见习名额').fill('3');
    await host.getByLabel('带教老师').fill('王护士长');
    await host.getByRole('button', { name: '保存见习信息' }).click();
    await host.getByText('见习信息已保存').first().waitFor();
    await host.getByRole('button', { name: /^录取为见习生：/ }).click();
    await host
      .getByText(/已录取 .+ 为见习生/)
      .first()
      .waitFor();
    await host.getByRole('button', { name: '登记开始见习' }).click();
    const dialog = host.getByRole('dialog');
    await dialog.getByLabel('开始日期').fill('2026-12-01');
    // Enter confirms the date; with one field in the form it submits it too (else 确定 does).
    await dialog.getByLabel('开始日期').press('Enter');
    await dialog
      .getByRole('button', { name: '确定' })
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await host.getByText('已登记开始见习').first().waitFor();
    await host.getByText('见习中').first().waitFor();
    await check(host, 'host-internship', 'desktop');

    // Staff: the progress and the host units; the hospital designated a demonstration unit.
    const staff = await signIn(await newContext(browser, 'desktop'), logins.staff);
    await staff.goto(`${base}/staff?tab=internships`);
    await staff.getByRole('button', { name: '认定示范单位：稷山县人民医院' }).click();
    const modal = staff.getByRole('dialog');
    await modal.getByLabel('认定日期').fill('2026-11-30');
    await modal.getByLabel('认定日期').press('Enter');
    await modal.getByLabel('认定理由').fill('带教规范，留用率高');
    await modal.getByRole('button', { name: '认定' }).click();
    await staff.getByText('已认定「稷山县人民医院」为见习示范单位').first().waitFor();
    await staff.getByText('示范单位', { exact: true }).first().waitFor();
    await check(staff, 'staff-internships', 'desktop');

    // The intern on a phone: the internship and its state.
    const youth = await signIn(await newContext(browser, 'phone'), logins.youth);
    await youth.goto(`${base}/me?tab=internships`);
    await youth.getByText('临床护理见习生').first().waitFor();
    await youth.getByText('见习中').first().waitFor();
    await check(youth, 'seeker-internships', 'phone');
  });
});
