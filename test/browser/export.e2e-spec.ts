import type { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { createPrivileged, registerAgency, registerEmployer } from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';
import { launchChromium, newContext, checkPage as check, signInAt } from './browser-support';

const PASSWORD = 'correct horse 1';

/**
 * 有组织劳务输出 in Debian's Chromium: staff see the progress toward 12 trips and 1,200 people, open a
 * trip, enrol a rural labourer, confirm the departure and record the hire at the destination; a
 * seeker on a phone enrols in an upcoming trip.
 */
describe('web app: labour export in a real browser', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let browser: Browser;
  let base: string;
  let logins: { staff: string; seeker: string };

  const loginOf = async (userId: string): Promise<string> =>
    (
      (await app.get(DataSource).query(`SELECT login FROM users WHERE id = $1`, [userId])) as {
        login: string;
      }[]
    )[0]!.login;

  beforeAll(async () => {
    env = await setupSuiteEnv('exportweb');
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const staff = await createPrivileged(app, Role.Staff);
    const agency = await registerAgency(app);
    await registerEmployer(app, '昆山精密电子有限公司');
    await seekerWithProfile(
      app,
      { birthDate: '1986-03-03', sex: 'male' },
      { groups: ['rural-labourer', 'poverty-alleviated'] },
    );
    const seeker = await seekerWithProfile(
      app,
      { birthDate: '1992-03-03', sex: 'female' },
      { groups: ['rural-labourer'] },
    );
    logins = { staff: await loginOf(staff.userId), seeker: await loginOf(seeker.userId) };
    const trip = (body: object) =>
      request(app.getHttpServer())
        .post('/api/v1/export-trips')
        .set('authorization', `Bearer ${staff.token}`)
        .send(body)
        .expect(201);
    await trip({
      destination: { province: '江苏', city: '苏州市', county: '昆山市' },
      departureDate: '2023-09-06',
      plannedHeadcount: 40,
      organisingAgencyId: agency.organisationId,
      employerName: '昆山精密电子有限公司',
    });
    await trip({
      destination: { province: '浙江省', city: '宁波市' },
      departureDate: '2099-03-01',
      plannedHeadcount: 30,
      employerName: '宁波港务',
    });
    browser = await launchChromium();
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await env?.cleanup();
  }, 60000);

  const signIn = (context: BrowserContext, login: string): Promise<Page> =>
    signInAt(base, context, login, PASSWORD);

  it('staff enrol, depart and place a participant of a trip; a seeker enrols in an upcoming trip on a phone', async () => {
    const staff = await signIn(await newContext(browser, 'desktop'), logins.staff);
    await staff.goto(`${base}/staff?tab=export`);
    await staff.getByText('输出批次 2 / 12').waitFor();
    await check(staff, 'staff-export', 'desktop');
    await staff.getByRole('button', { name: '江苏省苏州市昆山市' }).click();
    const modal = staff.getByRole('dialog', { name: '输出计划详情' });
    await modal.getByRole('combobox', { name: '报名的求职者' }).click();
    await staff
      .getByTitle(/^求职者\d+/)
      .first()
      .click();
    await modal.getByRole('button', { name: '报名', exact: true }).click();
    await staff
      .getByText(/已报名$/)
      .first()
      .waitFor();
    await modal.getByRole('button', { name: /登记出发/ }).click();
    await staff.getByText('已登记出发').first().waitFor();
    await modal
      .getByRole('button', { name: /^登记就业：/ })
      .first()
      .click();
    const place = staff.getByRole('dialog', { name: /^登记就业：/ });
    await place.getByRole('combobox', { name: '用工单位' }).fill('昆山');
    await staff.getByTitle(/^昆山精密电子有限公司/).click();
    await place.getByLabel('到岗日期').fill('2023-09-08');
    await place.getByLabel('到岗日期').press('Enter');
    await place
      .getByRole('button', { name: '登记', exact: true })
      .click({ timeout: 5000 })
      .catch(() => undefined);
    await staff
      .getByText(/在 江苏省苏州市昆山市 就业，相关补贴将自动核定/)
      .first()
      .waitFor();
    await modal.getByText('已就业').first().waitFor();
    await check(staff, 'staff-export-trip', 'desktop');
    const [{ n }] = await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM placements WHERE organised_export_trip_id IS NOT NULL`);
    expect(n).toBe(1);

    const phone = await signIn(await newContext(browser, 'phone'), logins.seeker);
    await phone.goto(`${base}/me?tab=export`);
    await phone.getByText('浙江省宁波市').first().waitFor();
    await phone.getByRole('button', { name: '报名', exact: true }).click();
    await phone.getByText('报名成功，工作人员会联系您确认出发时间').first().waitFor();
    await phone.getByText('已报名', { exact: true }).first().waitFor();
    await check(phone, 'seeker-export', 'phone');
  });
});
