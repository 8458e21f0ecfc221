import type { AddressInfo } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';
import { createPrivileged, registerEmployer } from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';
import { launchChromium, newContext, checkPage as check, shoot, signInAt } from './browser-support';

const PASSWORD = 'correct horse 1';

/**
 * 公益性零工市场 in Debian's Chromium against the real platform (API with the built web app,
 * worker indexing the gigs into Meilisearch): a visitor finds today's gig near 翟店镇 on a phone,
 * opens it (读给我听), signs in as a worker and takes it, checks in and out; the poster confirms
 * the work and the wage; the worker confirms receipt; staff see it in the statistics.
 */
describe('web app: the gig market in a real browser', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let base: string;
  let gigId: string;
  let logins: { employer: string; seeker: string; staff: string };
  const title = `帮忙收红枣${Date.now() % 10000}号`;

  const loginOf = async (userId: string): Promise<string> =>
    (
      (await app.get(DataSource).query(`SELECT login FROM users WHERE id = $1`, [userId])) as {
        login: string;
      }[]
    )[0]!.login;

  beforeAll(async () => {
    env = await setupSuiteEnv('gigsweb');
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorker();

    const employer = await registerEmployer(app, '稷山县翟店红枣专业合作社');
    const seeker = await seekerWithProfile(app, { birthDate: '1972-03-15', sex: 'male' }, {}, 'zhaidian');
    const staff = await createPrivileged(app, Role.Staff);
    logins = {
      employer: await loginOf(employer.userId),
      seeker: await loginOf(seeker.userId),
      staff: await loginOf(staff.userId),
    };
    const today = todayInChina();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const post = async (body: Record<string, unknown>) =>
      (
        await request(app.getHttpServer())
          .post('/api/v1/gigs')
          .set('authorization', `Bearer ${employer.token}`)
          .send({
            trade: '红枣采摘',
            startTime: '00:00',
            endTime: '23:59',
            townshipCode: 'zhaidian',
            address: '翟店镇北街村',
            payFen: 20000,
            payUnit: 'day',
            headcount: 3,
            olderWorkersWelcome: true,
            contactName: '王师傅',
            contactPhone: '13912345678',
            description: '在枣园摘枣装筐，管午饭。',
            ...body,
          })
          .expect(201)
      ).body as { id: string; status: string };
    const first = await post({ title, date: today });
    expect(first.status).toBe('open');
    gigId = first.id;
    const second = await post({
      title: `${title}（明天）`,
      date: tomorrow,
      trade: '搬运装卸',
      payFen: 2500,
      payUnit: 'hour',
    });
    await request(app.getHttpServer())
      .post('/api/v1/gigs/points')
      .set('authorization', `Bearer ${staff.token}`)
      .send({
        name: '翟店镇零工驿站',
        townshipCode: 'zhaidian',
        address: '翟店镇人民路便民服务中心一楼',
        openingHours: '每天 6:00—10:00',
        trades: ['红枣采摘', '搬运装卸'],
      })
      .expect(201);

    // The worker indexes the gigs from the outbox: wait until the search answers both.
    for (const [id, date] of [
      [gigId, 'today'],
      [second.id, 'tomorrow'],
    ] as const) {
      await waitUntil(
        `the ${date} gig in the search`,
        async () => {
          const r = await request(app.getHttpServer())
            .get('/api/v1/gigs/search')
            .query({ townshipCode: 'zhaidian', date });
          return (
            !r.body.degraded &&
            ((r.body.hits as { id: string }[] | undefined)?.some((h) => h.id === id) ?? false)
          );
        },
        60000,
      );
    }
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

  it('a worker finds a gig near 翟店镇, takes it, checks in and out; the poster pays; the worker confirms; staff count it', async () => {
    const phone = await newContext(browser, 'phone');
    const page = await phone.newPage();
    await page.goto(`${base}/gigs?township=${encodeURIComponent('翟店镇')}`);
    const list = page.getByRole('list', { name: '零工列表' });
    await list
      .getByRole('link', { name: title, exact: true })
      .waitFor()
      .catch(async (err) => {
        await shoot(page, 'gigs-zhaidian-missing', 'phone');
        throw err;
      });
    const card = await list.locator('li', { hasText: title }).first().innerText();
    expect(card).toContain('200 元/天');
    expect(card).toContain('翟店镇');
    expect(card).toContain('欢迎大龄');
    await check(page, 'gigs-zhaidian', 'phone');

    // Tomorrow's gig is under 明天.
    await page.getByRole('button', { name: '明天' }).click();
    await list.getByRole('link', { name: `${title}（明天）` }).waitFor();
    expect(await list.locator('li', { hasText: `${title}（明天）` }).innerText()).toContain('25 元/小时');
    await page.getByRole('button', { name: '今天' }).click();

    await list.getByRole('link', { name: title, exact: true }).click();
    await page.waitForURL(`**/gigs/${gigId}`);
    await page.getByRole('button', { name: '读给我听' }).waitFor();
    // The phone is for those who took the gig.
    expect(await page.locator('a[href^="tel:"]').count()).toBe(0);
    await check(page, 'gig-detail', 'phone');

    // A visitor is asked to sign in, and comes back to the gig.
    await page.getByRole('button', { name: '登录后接单' }).click();
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('账号').fill(logins.seeker);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).last().click();
    await page.waitForURL(`**/gigs/${gigId}`);
    await page.getByRole('button', { name: '接单', exact: true }).click();
    await page.getByText('接单成功').first().waitFor();
    await page.getByText('我的接单：').waitFor();
    await page.locator('a[href="tel:13912345678"]').waitFor();
    await check(page, 'gig-taken', 'phone');

    // 我的零工: check in, check out.
    await page.goto(`${base}/me?tab=gigs`);
    const mine = page.getByRole('list', { name: '我的零工' });
    await mine.getByRole('link', { name: title, exact: true }).waitFor();
    await check(page, 'seeker-gigs', 'phone');
    await mine.getByRole('button', { name: '签到' }).click();
    await page.getByText('签到成功').first().waitFor();
    await mine.getByRole('button', { name: '签退' }).click();
    await page.getByText('签退成功').first().waitFor();
    await mine.getByText(/签退 \d/).waitFor();

    // The poster confirms the work and the wage paid.
    const desktop = await newContext(browser, 'desktop');
    const poster = await signIn(desktop, logins.employer);
    await poster.goto(`${base}/me?tab=gigs-post`);
    const posted = poster.getByRole('list', { name: '我发布的零工' });
    // Tomorrow's gig has today's title in its own: the card whose link is exactly today's.
    const mineCard = posted
      .locator('li.gig-card')
      .filter({ has: poster.getByRole('link', { name: title, exact: true }) });
    await mineCard.getByRole('button', { name: /接单的人/ }).click();
    await mineCard.getByRole('button', { name: '确认完工并已付工钱' }).click();
    await mineCard.getByLabel('实付工钱（元）').fill('200');
    await mineCard.getByRole('button', { name: '确认', exact: true }).click();
    await poster.getByText('已确认完工').first().waitFor();
    await check(poster, 'poster-gigs', 'desktop', false);

    // The worker confirms the wage received.
    await page.reload();
    await mine.getByRole('button', { name: /确认收到工钱/ }).click();
    await page.getByText('已确认收到工钱').first().waitFor();
    await mine
      .getByText(/已确认收到/)
      .first()
      .waitFor();
    await check(page, 'seeker-gigs-paid', 'phone');

    const [row] = (await app
      .get(DataSource)
      .query(
        `SELECT a.wage_paid_fen, a.wage_received_at IS NOT NULL AS received FROM gig_acceptances a WHERE a.gig_id = $1`,
        [gigId],
      )) as { wage_paid_fen: number; received: boolean }[];
    expect(row).toMatchObject({ wage_paid_fen: 20000, received: true });

    // Staff: 零工市场 → 统计 shows 翟店镇 and the wage.
    const staff = await signIn(await newContext(browser, 'desktop'), logins.staff);
    await staff.goto(`${base}/staff?tab=gigs`);
    await staff.getByRole('tab', { name: '统计' }).click();
    const stats = staff.locator('.ant-table').first();
    await stats.getByRole('cell', { name: '翟店镇' }).first().waitFor();
    await stats.getByRole('cell', { name: '红枣采摘' }).first().waitFor();
    await stats.getByText('200 元').first().waitFor();
    await check(staff, 'staff-gigs-statistics', 'desktop', false);
    // 单位核验: the poster of the gig is listed; staff verify it and its gig page carries the mark.
    await staff.getByRole('tab', { name: '单位核验' }).click();
    const posters = staff.locator('.ant-table').filter({ hasText: '信用代码' });
    await posters.getByText('待核验').first().waitFor();
    await posters
      .getByRole('button', { name: /^核验通过：/ })
      .first()
      .click();
    await staff
      .getByText(/^已核验「/)
      .first()
      .waitFor();
    await check(staff, 'staff-gigs-posters', 'desktop');
    await phone.close();
    await desktop.close();
  });

  it('the public gig pages are Chinese, accessible and screenshot at both sizes', async () => {
    for (const size of ['phone', 'desktop'] as const) {
      const context = await newContext(browser, size);
      const page = await context.newPage();
      for (const [name, path] of [
        ['gigs', `/gigs?township=${encodeURIComponent('翟店镇')}`],
        ['gigs-tomorrow', `/gigs?township=${encodeURIComponent('翟店镇')}&day=tomorrow`],
        ['gig', `/gigs/${gigId}`],
      ] as const) {
        await page.goto(`${base}${path}`);
        await check(page, `public-${name}`, size);
      }
      await context.close();
    }
  });
});
