import type { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { createPrivileged } from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';
import { launchChromium, newContext, checkPage as check, signInAt } from './browser-support';

const PASSWORD = 'correct horse 1';

/**
 * 地摊经济 in Debian's Chromium against the real platform: a resident (就业困难人员) applies for a
 * stall of a night market on a phone, staff run an allocation round on a desktop, and the resident
 * sees their stall with its number, place and hours; then gives it up.
 */
describe('web app: street stalls in a real browser', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let browser: Browser;
  let base: string;
  let logins: { seeker: string; staff: string };
  const zoneName = `后稷广场夜市${Date.now() % 10000}号`;

  const loginOf = async (userId: string): Promise<string> =>
    (
      (await app.get(DataSource).query(`SELECT login FROM users WHERE id = $1`, [userId])) as {
        login: string;
      }[]
    )[0]!.login;

  beforeAll(async () => {
    env = await setupSuiteEnv('stallsweb');
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const seeker = await seekerWithProfile(
      app,
      { birthDate: '1975-08-20', sex: 'female' },
      { groups: ['difficult'] },
    );
    const staff = await createPrivileged(app, Role.Staff);
    logins = { seeker: await loginOf(seeker.userId), staff: await loginOf(staff.userId) };
    const zone = (
      await request(app.getHttpServer())
        .post('/api/v1/stalls/zones')
        .set('authorization', `Bearer ${staff.token}`)
        .send({
          name: zoneName,
          townshipCode: 'jifeng',
          address: '稷峰镇后稷广场东侧',
          kind: 'night',
          openingHours: '18:00–22:30',
        })
        .expect(201)
    ).body as { id: string };
    await request(app.getHttpServer())
      .post(`/api/v1/stalls/zones/${zone.id}/stalls`)
      .set('authorization', `Bearer ${staff.token}`)
      .send({ stalls: [{ code: 'A-01', note: '2米×2米，有电源' }, { code: 'A-02' }, { code: 'A-03' }] })
      .expect(201);
    browser = await launchChromium();
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await env?.cleanup();
  }, 60000);

  const signIn = (context: BrowserContext, login: string): Promise<Page> =>
    signInAt(base, context, login, PASSWORD);

  it('a resident applies on a phone, staff run a round on a desktop, the resident sees their stall', async () => {
    // 我的摊位 on a phone: the zone with its hours and free stalls; apply for A-02.
    const page = await signIn(await newContext(browser, 'phone'), logins.seeker);
    await page.goto(`${base}/me?tab=stalls`);
    const zones = page.getByRole('list', { name: '摊区' });
    const card = zones.locator('li.gig-card').filter({ hasText: zoneName });
    await card.waitFor();
    await card.getByText('经营时间 18:00–22:30').waitFor();
    await card.getByText(/空闲摊位\s*3\s*个/).waitFor();
    await check(page, 'seeker-stalls', 'phone');
    await card.getByRole('button', { name: `申请摊位：${zoneName}` }).click();
    const dialog = page.getByRole('dialog');
    // Contrast is measured once the dialog's opening animation is over.
    await page.locator('.ant-zoom-appear, .ant-zoom-enter').first().waitFor({ state: 'detached' });
    await dialog.getByLabel('打算卖什么').fill('烤红薯、糖炒栗子');
    await check(page, 'seeker-stall-apply', 'phone');
    // (checked before the drop-down opens: antd's open list box has no name of its own)
    await dialog.getByLabel('想要的摊位').click();
    await page.locator('.ant-select-item-option', { hasText: 'A-02' }).first().click();
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('申请已提交').first().waitFor();
    const applications = page.getByRole('list', { name: '我的摊位申请' });
    await applications.getByText('等待分配').waitFor();
    await check(page, 'seeker-stall-waiting', 'phone');

    // Staff on a desktop: the zone's queue shows the applicant as served first; run a round.
    const staff = await signIn(await newContext(browser, 'desktop'), logins.staff);
    await staff.goto(`${base}/staff?tab=stalls`);
    await staff.getByRole('button', { name: zoneName }).click();
    const panel = staff.getByRole('region', { name: `摊区：${zoneName}` });
    await panel.getByText('困难人员优先').waitFor();
    await check(staff, 'staff-stalls-queue', 'desktop', false);
    await panel.getByRole('button', { name: '开始分配' }).click();
    await staff.getByRole('button', { name: '开始分配' }).last().click();
    await staff
      .getByText(/本轮分配 1 个摊位/)
      .first()
      .waitFor();
    await panel.getByRole('button', { name: '收回摊位 A-02' }).waitFor();
    await check(staff, 'staff-stalls-held', 'desktop', false);

    // The resident sees their stall: number, place and hours.
    await page.reload();
    const mine = page.getByRole('list', { name: '我的摊位', exact: true });
    await mine.getByText('A-02', { exact: true }).waitFor();
    await mine.getByText('经营时间 18:00–22:30').waitFor();
    await mine.getByText('使用中').waitFor();
    await check(page, 'seeker-stall-held', 'phone');

    // Giving it up frees the stall.
    await mine.getByRole('button', { name: '退摊' }).click();
    await page.getByRole('button', { name: '确定退摊' }).click();
    await page.getByText('已退摊').first().waitFor();
    await page.getByRole('list', { name: '我的摊位申请' }).getByText('已退摊').waitFor();
    await check(page, 'seeker-stall-given-up', 'phone');
  });
});
