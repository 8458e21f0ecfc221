import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { createPrivileged } from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';
import {
  SHOTS_DIR,
  launchChromium,
  newContext,
  checkPage as check,
  shoot,
  signInAt,
} from './browser-support';

const PASSWORD = 'correct horse 1';

/**
 * 目标任务进展 in Debian's Chromium: the public page on a phone (every target with its progress bar,
 * the trend chart drawn); the staff console's dashboard on a desktop — a figure opens the records
 * behind it, the 零就业家庭 and 就业困难人员 lists, a station added after a field error, the monthly
 * report downloaded as a workbook and opened as a printable page.
 */
describe('web app: plan targets in a real browser', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let browser: Browser;
  let base: string;
  let staffLogin: string;
  let targets: { carriedFrom: number | null; targets: { status: string }[] };
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  /** A day of this year, never after today (the figures count up to today). */
  const day = (md: string): string => (`${year}-${md}` < today ? `${year}-${md}` : today);

  beforeAll(async () => {
    env = await setupSuiteEnv('targetsweb');
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const staff = await createPrivileged(app, Role.Staff);
    staffLogin = (
      (await app.get(DataSource).query(`SELECT login FROM users WHERE id = $1`, [staff.userId])) as {
        login: string;
      }[]
    )[0]!.login;
    const post = (path: string, body: object) =>
      request(app.getHttpServer())
        .post(path)
        .set('authorization', `Bearer ${staff.token}`)
        .send(body)
        .expect(201);
    await post('/api/v1/service-stations', {
      name: '稷峰镇就业服务站',
      kind: 'township',
      townshipCode: 'jifeng',
      address: '稷峰镇政府便民服务中心一楼',
      trainedStaff: 3,
      openedOn: day('03-01'),
      contact: '0359-5551234',
    });
    await post('/api/v1/export-trips', {
      destination: { province: '江苏', city: '苏州市', county: '昆山市' },
      departureDate: day('03-10'),
      plannedHeadcount: 40,
      employerName: '昆山精密电子有限公司',
    });
    await post('/api/v1/export-trips', {
      destination: { province: '浙江省', city: '宁波市' },
      departureDate: day('09-06'),
      plannedHeadcount: 30,
      employerName: '宁波港务',
    });
    // A 零就业家庭 with nobody employed, and a 就业困难人员 never contacted.
    await seekerWithProfile(
      app,
      { birthDate: '1978-05-06', sex: 'male' },
      { groups: ['zero-employment-family'], householdCode: '1408240101000123' },
    );
    await seekerWithProfile(app, { birthDate: '1972-11-02', sex: 'female' }, { groups: ['difficult'] });
    targets = (await request(app.getHttpServer()).get('/api/v1/targets').expect(200)).body;
    browser = await launchChromium();
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await env?.cleanup();
  }, 60000);

  /** No sideways scrolling on the phone. */
  const noSideScroll = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      page.viewportSize()!.width,
    );

  it('the public page shows every target with its progress on a phone, and the trend chart', async () => {
    const page = await (await newContext(browser, 'phone')).newPage();
    await page.goto(`${base}/targets`);
    const list = page.getByRole('list', { name: '目标任务' });
    const cards = list.getByRole('listitem');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(targets.targets.length);
    const tracked = targets.targets.filter((t) => t.status !== 'not-tracked').length;
    expect(await list.getByRole('progressbar').count()).toBe(tracked);
    expect(await list.getByText('平台未统计', { exact: true }).count()).toBe(
      targets.targets.length - tracked,
    );
    if (targets.carriedFrom)
      await page.getByText(`本年度目标尚未发布，沿用${targets.carriedFrom}年度目标`).waitFor();
    await list
      .getByRole('listitem', { name: /乡镇就业服务站/ })
      .getByText(/完成\s*1\s*\/ 目标 7 个/)
      .waitFor();
    // The trend of 有组织劳务输出: the canvas is drawn, the months listed beside it.
    await list.getByRole('button', { name: '查看有组织劳务输出的月度进展' }).click();
    const chart = page.getByRole('img', { name: /有组织劳务输出月度进展图/ });
    await chart.locator('canvas').waitFor();
    const box = await chart.locator('canvas').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(200);
    await noSideScroll(page);
    const bodySize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(bodySize).toBeGreaterThanOrEqual(16);
    await check(page, 'public-targets', 'phone');
    await page.screenshot({ path: '/tmp/targets-public-phone.png', fullPage: true });
  });

  it('staff open the records behind a figure, follow up the lists, add a station and take the monthly report', async () => {
    const context = await newContext(browser, 'desktop');
    const staff = await signInAt(base, context, staffLogin, PASSWORD);
    await staff.goto(`${base}/staff?tab=targets`);
    const list = staff.getByRole('list', { name: '目标任务' });
    const stations = list.getByRole('listitem', { name: /乡镇就业服务站/ });
    await stations.waitFor();
    await staff.getByText('无人就业', { exact: true }).first().waitFor();
    await staff.getByText('30天未联系', { exact: true }).last().waitFor();
    await check(staff, 'staff-targets', 'desktop');

    // The figure opens the records behind it: the station.
    await stations.getByRole('button', { name: /^1 个，查看乡镇就业服务站的记录/ }).click();
    let drawer = staff.getByRole('dialog', { name: '乡镇就业服务站：记录' });
    await drawer.getByRole('cell', { name: '稷峰镇就业服务站' }).waitFor();
    await drawer.getByText(`${year}年全年`).waitFor();
    await check(staff, 'staff-targets-records', 'desktop');
    await drawer.getByRole('button', { name: /关闭|Close/ }).click();
    await drawer.waitFor({ state: 'hidden' });

    // A township's cell of the trend: the records of that township.
    await stations.getByRole('button', { name: '查看乡镇就业服务站的月度进展' }).click();
    await staff.getByRole('button', { name: '稷峰镇 1 个，查看记录' }).click();
    drawer = staff.getByRole('dialog', { name: '乡镇就业服务站：记录' });
    await drawer.getByText(/稷峰镇，统计截至/).waitFor();
    await drawer.getByRole('cell', { name: '稷峰镇就业服务站' }).waitFor();
    await drawer.getByRole('button', { name: /关闭|Close/ }).click();
    await drawer.waitFor({ state: 'hidden' });

    // A second township station in 稷峰镇: the API's conflict is shown at the township field.
    await staff.getByRole('button', { name: '新增服务站' }).click();
    const form = staff.getByRole('dialog', { name: '新增就业服务站' });
    await form.getByRole('combobox', { name: '乡镇' }).click();
    await staff.locator('.ant-select-item-option[title="稷峰镇"]').click();
    await form.getByLabel('名称').fill('稷峰镇第二就业服务站');
    await form.getByLabel('地址').fill('稷峰镇文化路8号');
    await form.getByLabel('设立日期').fill(day('04-01'));
    await form.getByLabel('设立日期').press('Enter');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('这个乡镇已有乡镇就业服务站，请修改原有的站').waitFor();
    await staff.screenshot({ path: '/tmp/targets-station-error.png' });
    await form.getByRole('combobox', { name: '乡镇' }).click();
    await staff.locator('.ant-select-item-option[title="西社镇"]').click();
    await form.getByLabel('名称').fill('西社镇就业服务站');
    await form.getByRole('button', { name: '保存' }).click();
    await staff.getByText('已新增「西社镇就业服务站」').first().waitFor();
    await staff
      .getByRole('table')
      .filter({ hasText: '经培训人员' })
      .getByRole('cell', { name: '西社镇就业服务站', exact: true })
      .waitFor();
    await list
      .getByRole('listitem', { name: /乡镇就业服务站/ })
      .getByText(/完成\s*2\s*\/ 目标 7 个/)
      .waitFor();

    // The dashboard as the README shows it (one screen of a desktop).
    await staff
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 8000 })
      .catch(() => undefined);
    // The rows with figures to open (劳务输出, 服务站) under the header.
    const row = await list.getByRole('listitem', { name: /新增高技能人才/ }).boundingBox();
    await staff.evaluate((y) => window.scrollBy(0, y), row!.y - 80);
    await staff.screenshot({ path: join(SHOTS_DIR, 'staff-targets-view.png') });

    // The monthly report: the workbook downloads, the printable page opens in a window of its own.
    const [file] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('button', { name: '下载统计表（.xlsx）' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^稷山县就业工作月报-\d{4}-\d{2}\.xlsx$/);
    const saved = join('/tmp', file.suggestedFilename());
    await file.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      staff.getByRole('button', { name: '打印版（A4）' }).click(),
    ]);
    await popup.waitForURL(/^blob:/);
    await popup.getByRole('heading', { level: 1, name: /^稷山县\d{4}年\d{1,2}月就业工作报告$/ }).waitFor();
    await popup.getByText(/^打印：/).waitFor();
    await popup.getByRole('cell', { name: '乡镇就业服务站' }).waitFor();
    await shoot(popup, 'staff-targets-printable', 'desktop');
    await staff.screenshot({ path: '/tmp/targets-staff-desktop.png', fullPage: true });

    // The tab on a phone: no sideways scrolling.
    const phone = await signInAt(base, await newContext(browser, 'phone'), staffLogin, PASSWORD);
    await phone.goto(`${base}/staff?tab=targets`);
    await phone.getByRole('list', { name: '目标任务' }).getByRole('listitem').first().waitFor();
    await phone.getByText('无人就业', { exact: true }).first().waitFor();
    await noSideScroll(phone);
    await phone.screenshot({ path: '/tmp/targets-staff-phone.png', fullPage: true });
  });
});
