import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as QRCode from 'qrcode';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobPostImportService } from '@app/jobs';
import { DEMO_PASSWORD } from '../../scripts/demo-logins';
import { IdentityScriptModule, seedDemo } from '../../scripts/seed-demo';
import { seedDemoPosts } from '../../scripts/seed-demo-posts';
import { seedDemoFairs } from '../../scripts/seed-demo-fairs';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { goodRow, newCreditCode, writeCsv } from '../jobs/jobs-fixtures';
import { residentIdOf } from '../subsidies/claims-fixtures';
import { profileBody, seekerWithProfile } from '../seekers/seekers-fixtures';
import { launchChromium, newContext, checkPage as check, signInAt } from './browser-support';

/**
 * Whole journeys in Debian's Chromium against the real platform (API with the built web app,
 * worker, Postgres, Redis, Meilisearch), with the demo data: a visitor searches, a seeker
 * registers and applies, the employer hires, staff see the placement and its claims, staff
 * import a sheet, the calculator explains a refusal. Every page is screenshot at phone and
 * desktop size (test/artifacts/screenshots) and checked with axe-core and for English words.
 */
describe('web app: journeys in a real browser', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let base: string;
  const stamp = Date.now().toString(36).slice(-5);
  const seekerLogin = `web.seeker.${stamp}`;

  beforeAll(async () => {
    env = await setupSuiteEnv('browser');
    const ctx = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: false });
    try {
      await seedDemo(ctx);
      await seedDemoPosts(ctx.get(JobPostImportService));
      await seedDemoFairs(ctx);
    } finally {
      await ctx.close();
    }
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorker();
    await drainOutbox(worker, 120000);
    browser = await launchChromium();
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  }, 60000);

  const signIn = (context: BrowserContext, login: string): Promise<Page> =>
    signInAt(base, context, login, DEMO_PASSWORD);

  it('serves deep links, hashed assets with a long cache and a strict CSP; unknown API paths stay JSON', async () => {
    const deep = await fetch(`${base}/jobs/00000000-0000-4000-8000-000000000000?x=1`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    expect(deep.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const html = await deep.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${base}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const api = await fetch(`${base}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not-found' } });
  });

  it('a visitor searches 焊工 and mahua and filters by township, on a phone', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await check(page, 'home', 'phone');
    await page.getByLabel('搜索岗位').fill('焊工');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/jobs\?q=/);
    const results = page.getByRole('list', { name: '搜索结果' });
    await results.getByRole('link', { name: '电焊工' }).first().waitFor();
    await check(page, 'jobs-hangong', 'phone');

    await page.getByLabel('搜索岗位').fill('mahua');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=mahua/);
    await results.getByRole('link', { name: /麻花/ }).first().waitFor();

    // The contract's address: the query in the box, every hit in the township.
    await page.goto(`${base}/jobs?q=${encodeURIComponent('焊工')}&township=${encodeURIComponent('翟店镇')}`);
    await results.getByRole('link', { name: '焊工（翟店厂区）' }).waitFor();
    expect(await page.getByLabel('搜索岗位').inputValue()).toBe('焊工');
    const cards = await results.locator('li').allInnerTexts();
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card).toContain('翟店镇');
    await check(page, 'jobs-zhaidian', 'phone');

    // The township written in the box is taken as the filter, and the page says so.
    await page.goto(`${base}/jobs?q=${encodeURIComponent('翟店 焊工')}`);
    await page.getByText('已按搜索词筛选').waitFor();
    expect(await page.locator('.understood-words').innerText()).toContain('「翟店」翟店镇');
    await results.getByRole('link', { name: '焊工（翟店厂区）' }).waitFor();
    for (const card of await results.locator('li').allInnerTexts()) expect(card).toContain('翟店镇');
    await check(page, 'jobs-understood', 'phone');

    // A post's page asks a visitor to log in before applying.
    await results.getByRole('link', { name: '焊工（翟店厂区）' }).click();
    await page.getByRole('button', { name: '登录后申请' }).click();
    await page.waitForURL(/\/login\?next=/);
    await context.close();
  });

  it('a seeker registers, fills the profile, sees matches and applies; the employer hires; staff see the placement and its claims', async () => {
    const phone = await newContext(browser, 'phone');
    const page = await phone.newPage();
    await page.goto(`${base}/login?tab=seeker`);
    await check(page, 'register-seeker', 'phone');
    const form = page.locator('form');
    await form.getByLabel('姓名').fill('刘小军');
    await form.getByLabel('手机号码').fill('13935900001');
    await form.getByLabel('设置账号').fill(seekerLogin);
    await form.getByLabel('设置密码').fill(DEMO_PASSWORD);
    await form.getByRole('button', { name: '注册并登录' }).click();
    await page.waitForURL((u) => u.pathname === '/me');

    // No profile yet: the matches tab says what to do.
    await page.getByRole('button', { name: '去填写' }).click();
    // The date first: Enter confirms it in the picker (and may submit the half-filled form,
    // which the form's own rules refuse without a request).
    await page.getByLabel('失业登记日期').fill('2023-01-05');
    await page.getByLabel('失业登记日期').press('Enter');
    await page.getByRole('combobox', { name: '想做的工作' }).fill('焊工');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByLabel('居住乡镇').click();
    await page.getByTitle('稷峰镇').click();
    // Registered unemployed since January: the hire below earns the employer 一次性吸纳就业补贴.
    await page.getByRole('checkbox', { name: '登记失业人员' }).check();
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/seekers/me') && r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: '保存求职登记' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('求职登记已保存').first().waitFor();
    await page.getByRole('switch', { name: '允许用人单位查找我的求职意向' }).click();
    await page.getByText('已公开求职意向').waitFor();
    await check(page, 'seeker-profile', 'phone');

    // A reload keeps the session (the refresh token is an httpOnly cookie, not in storage).
    await page.reload();
    await page.getByRole('button', { name: '推荐岗位' }).click();
    const matches = page.getByRole('list', { name: '推荐岗位' });
    await matches.getByRole('link', { name: '电焊工' }).first().waitFor({ timeout: 30000 });
    expect(await matches.locator('li').first().locator('.reasons li').count()).toBeGreaterThan(0);
    expect(
      await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)),
    ).not.toMatch(/token/i);
    await check(page, 'seeker-matches', 'phone');

    // The demo employer's 电焊工 among the matches (other employers post welders too).
    const [demoPost] = (await app.get(DataSource).query(
      `SELECT jp.id FROM job_posts jp JOIN organisations o ON o.id = jp.employer_id
          WHERE o.credit_code = '91140824MA0JH00015' AND jp.title = '电焊工'`,
    )) as { id: string }[];
    await matches.locator(`a[href="/jobs/${demoPost!.id}"]`).click();
    await check(page, 'job-detail', 'phone');
    await page.getByRole('button', { name: '申请这个岗位' }).click();
    await page.getByLabel('求职留言').fill('有三年电焊经验，持中级焊工证');
    await page.getByRole('button', { name: '确认投递' }).click();
    await page.getByText('投递成功').waitFor();
    await page.goto(`${base}/me?tab=applications`);
    await page.getByRole('list', { name: '我的投递' }).getByText('已投递').first().waitFor();
    await check(page, 'seeker-applications', 'phone');

    // The employer moves the application through its steps to 录用.
    const desktop = await newContext(browser, 'desktop');
    const employer = await signIn(desktop, 'demo.employer');
    await employer.goto(`${base}/me?tab=posts`);
    await check(employer, 'employer-posts', 'desktop');
    await employer.getByRole('link', { name: '电焊工' }).first().click();
    await employer.getByText('刘小军').first().waitFor();
    await check(employer, 'employer-post', 'desktop');
    for (const step of ['进入筛选', '邀请面试', '拟录用']) {
      await employer.getByRole('button', { name: `${step}：刘小军`, exact: true }).click();
      await employer.getByRole('dialog').getByRole('button', { name: '确定' }).click();
      await employer.getByRole('dialog').waitFor({ state: 'detached' });
    }
    await employer.getByRole('button', { name: '录用：刘小军', exact: true }).click();
    const hire = employer.getByRole('dialog');
    await hire.getByLabel('入职日期').fill('2023-09-01');
    await hire.getByLabel('入职日期').press('Enter');
    await hire.getByLabel('劳动合同到期日').fill('2025-08-31');
    await hire.getByLabel('劳动合同到期日').press('Enter');
    await hire.getByRole('button', { name: '确认录用' }).click();
    await hire.waitFor({ state: 'detached' });
    await employer.getByText('已录用').first().waitFor();

    // The worker files the claims the hire earns; staff see the placement and them.
    await drainOutbox(worker, 60000);
    const placement: { id: string }[] = await app
      .get(DataSource)
      .query(`SELECT p.id FROM placements p JOIN users u ON u.id = p.seeker_user_id WHERE u.login = $1`, [
        seekerLogin,
      ]);
    expect(placement).toHaveLength(1);
    const claims: { n: number }[] = await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM subsidy_claims WHERE source_id = $1`, [placement[0]!.id]);
    expect(claims[0]!.n).toBeGreaterThan(0);

    const staff = await signIn(await newContext(browser, 'desktop'), 'demo.staff.county');
    await check(staff, 'staff-home', 'desktop', false);
    await staff.goto(`${base}/staff?tab=placements`);
    await staff.getByText('刘小军').first().waitFor();
    await check(staff, 'staff-placements', 'desktop', false);
    await staff.goto(`${base}/staff?tab=claims`);
    await staff.getByText('一次性吸纳就业补贴').first().waitFor();
    await check(staff, 'staff-claims', 'desktop', false);

    // And the seeker sees the placement and the claims filed for her, without applying.
    await page.goto(`${base}/me?tab=placements`);
    await page.getByRole('list', { name: '就业记录' }).getByText('稷山县晋南食品有限公司').waitFor();
    await check(page, 'seeker-placements', 'phone');
    await page.goto(`${base}/me?tab=claims`);
    await check(page, 'seeker-claims', 'phone');
    await phone.close();
    await desktop.close();
  });

  it('staff upload a sheet and watch its progress to the per-row result; the review queue shows what the screen flagged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jsj-web-sheet-'));
    try {
      const code = newCreditCode();
      const rows = [
        goodRow(code, { 岗位名称: '网页导入焊工' }),
        goodRow(code, { 岗位名称: '网页导入电工' }),
        goodRow(code, { 岗位名称: '网页导入普工', 工种: '普工', 岗位描述: '上岗前先交押金三百元' }),
        goodRow(code, { 岗位名称: '', 招聘人数: 'abc' }),
      ];
      const file = writeCsv(dir, 'sheet.csv', rows);
      const staff = await signIn(await newContext(browser, 'desktop'), 'demo.staff.county');
      await staff.goto(`${base}/staff?tab=import`);
      await staff.getByLabel('选择表格文件').setInputFiles(file);
      await staff.getByRole('button', { name: '开始导入' }).click();
      await staff.getByText('导入完成').first().waitFor({ timeout: 60000 });
      await staff
        .getByText(/新增岗位 3 个/)
        .first()
        .waitFor();
      await check(staff, 'staff-import', 'desktop', false);

      await staff.goto(`${base}/staff?tab=review`);
      await staff.getByRole('checkbox', { name: '只看有筛查提示的' }).check();
      const row = staff.getByRole('row').filter({ hasText: '网页导入普工' });
      await row.getByText('押金').first().waitFor();
      expect(await staff.getByRole('row').filter({ hasText: '网页导入焊工' }).count()).toBe(0);
      await check(staff, 'staff-review-flagged', 'desktop');
      await row.getByRole('button', { name: '通过「网页导入普工」' }).click();
      await staff
        .getByRole('dialog')
        .getByText(/筛查提示/)
        .waitFor();
      await staff.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('staff record subsidy sources: a certificate sheet by ID number (all rows or none) and a certificate by hand', async () => {
    const idNumber = residentIdOf('1980-04-12', 'male');
    const registered = await request(app.getHttpServer())
      .post('/api/v1/auth/register/seeker')
      .send({
        login: `web.cert.${stamp}`,
        password: 'correct horse 1',
        displayName: '王证书',
        mobile: '13812345678',
        idNumber,
      })
      .expect(201);
    await request(app.getHttpServer())
      .put('/api/v1/seekers/me')
      .set('authorization', `Bearer ${registered.body.accessToken}`)
      .send(profileBody('jifeng'))
      .expect(200);
    const dir = mkdtempSync(join(tmpdir(), 'jsj-web-certs-'));
    try {
      const header = '身份证号,姓名,工种,等级,证书编号,发证日期,发证机构,失业保险参保月数,领取失业保险金';
      const sheet = (row: string) => {
        const file = join(dir, `certs-${Math.random().toString(36).slice(2)}.csv`);
        writeFileSync(file, `\uFEFF${header}\r\n${row}\r\n`);
        return file;
      };
      const staff = await signIn(await newContext(browser, 'desktop'), 'demo.staff.county');
      await staff.goto(`${base}/staff?tab=sources`);
      await staff.getByRole('button', { name: '导入证书登记表' }).click();
      // A wrong cell: nothing recorded, the cell named by row and column.
      await staff
        .getByLabel('选择证书登记表文件')
        .setInputFiles(sheet(`${idNumber},王证书,焊工,特级,,2023-10-10,运城市职业技能鉴定中心,24,否`));
      await staff.getByText('整表未登记').first().waitFor();
      await staff.getByRole('cell', { name: '等级' }).waitFor();
      await staff
        .getByLabel('选择证书登记表文件')
        .setInputFiles(sheet(`${idNumber},王证书,焊工,中级,,2023-10-10,运城市职业技能鉴定中心,24,否`));
      await staff.getByText('新登记 1 张').first().waitFor();
      await staff.getByRole('cell', { name: '王证书' }).first().waitFor();
      await check(staff, 'staff-subsidy-sources', 'desktop', false);

      // By hand: the holder picked by name, the level from the vocabulary.
      await staff.getByRole('button', { name: '登记技能证书' }).click();
      const drawer = staff.getByRole('dialog');
      await drawer.getByLabel('持证人').fill('王证书');
      await staff.locator('.ant-select-item-option', { hasText: '王证书' }).first().click();
      await drawer.getByLabel('职业（工种）').fill('电工');
      await drawer.getByLabel('等级').click();
      await staff.locator('.ant-select-item-option', { hasText: '高级' }).first().click();
      await drawer.getByLabel('发证日期').fill('2023-11-01');
      await drawer.getByLabel('发证日期').press('Enter');
      await drawer.getByLabel('发证机构').fill('运城市职业技能鉴定中心');
      await drawer.getByRole('button', { name: '登记' }).click();
      await staff.getByText('已登记技能证书').first().waitFor();
      await staff.getByRole('cell', { name: '电工' }).first().waitFor();

      // The same tab on a phone.
      const phone = await signIn(await newContext(browser, 'phone'), 'demo.staff.county');
      await phone.goto(`${base}/staff?tab=sources`);
      await phone.getByRole('cell', { name: '王证书' }).first().waitFor();
      await check(phone, 'staff-subsidy-sources', 'phone', false);

      // At the counter, the person is found by the ID number on the card (the server searches:
      // the list is not the first page filtered in the browser), then by a part of the name.
      await phone.goto(`${base}/staff?tab=seekers`);
      const find = phone.getByLabel('按姓名、账号或身份证号查找求职者');
      await find.fill(idNumber);
      // The list first shows everyone (newest first, 王证书 among them), then the one person.
      await phone.waitForFunction(
        () => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1,
      );
      await phone.getByRole('cell', { name: '王证书', exact: true }).waitFor();
      await find.fill('证书');
      await phone.getByRole('cell', { name: '王证书', exact: true }).waitFor();
      await check(phone, 'staff-seekers-search', 'phone');
      await find.fill('没有这个人');
      await phone.getByText('没有符合条件的求职者').waitFor();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an agency refers a seeker by the ID number on their card, on a phone; a mistyped number is named', async () => {
    const idNumber = residentIdOf('1993-03-03', 'male');
    await seekerWithProfile(
      app,
      { login: `web.card.${stamp}`, displayName: '韩卡片', mobile: '13812345679', idNumber },
      true,
    );

    const page = await signIn(await newContext(browser, 'phone'), 'demo.agency');
    await page.goto(`${base}/me?tab=refer`);
    const form = page.locator('form');
    await form.getByLabel('推荐岗位').fill('焊工');
    await page.locator('.ant-select-item-option').first().click();
    await form.getByText('免费介绍（不向求职者收费）').click();
    // One digit wrong: the check digit no longer fits, and the box says so.
    const wrong = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    await form.getByLabel('求职者身份证号').fill(wrong);
    const submit = form.locator('button[type=submit]');
    await submit.click();
    await form.getByText('身份证号码不正确，请核对后重新填写').waitFor();
    await form.getByLabel('求职者身份证号').fill(idNumber);
    await submit.click();
    await page.getByText(/^已推荐 韩卡片 应聘/).waitFor();
    await page.getByRole('heading', { name: '本次推荐' }).waitFor();
    await check(page, 'agency-refer', 'phone');
  });

  it('fairs: the calendar on a phone, the seeker’s QR ticket, and the door checking it in — online and offline', async () => {
    const phone = await newContext(browser, 'phone');
    const visitor = await phone.newPage();
    await visitor.goto(`${base}/fairs`);
    await visitor.getByRole('link', { name: '装备制造业专场招聘会' }).waitFor();
    await visitor.getByRole('link', { name: '新春招聘月·综合招聘会' }).waitFor();
    await check(visitor, 'fairs', 'phone');

    const seeker = await signIn(phone, 'demo.seeker');
    await seeker.goto(`${base}/fairs`);
    await seeker.getByRole('link', { name: '装备制造业专场招聘会' }).click();
    await seeker.getByText('已确认').waitFor();
    await seeker.getByRole('img', { name: '入场二维码' }).waitFor();
    await seeker.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img[alt="入场二维码"]');
      return !!img && img.complete && img.naturalWidth > 100;
    });
    await check(seeker, 'fair-ticket', 'phone');

    const [{ ticket_code: code }] = await app.get(DataSource).query(
      `SELECT r.ticket_code FROM fair_seeker_registrations r JOIN users u ON u.id = r.seeker_user_id
        JOIN fairs f ON f.id = r.fair_id WHERE u.login = 'demo.seeker' AND f.title = '装备制造业专场招聘会'`,
    );
    const desktop = await newContext(browser, 'desktop');
    const staff = await signIn(desktop, 'demo.staff.county');
    await staff.goto(`${base}/staff?tab=fairs`);
    await staff.getByRole('button', { name: '管理装备制造业专场招聘会' }).click();
    // The first scan reads the seeker's ticket image (the QR the platform drew) in the browser.
    const login = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ login: 'demo.seeker', password: DEMO_PASSWORD })
      .expect(200);
    const [{ id: registrationId }] = await app
      .get(DataSource)
      .query(`SELECT id FROM fair_seeker_registrations WHERE ticket_code = $1`, [code]);
    const png = await request(app.getHttpServer())
      .get(`/api/v1/fair-registrations/${registrationId}/ticket.png`)
      .set('authorization', `Bearer ${login.body.accessToken}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const ticketDir = mkdtempSync(join(tmpdir(), 'jsj-ticket-'));
    const ticketFile = join(ticketDir, 'ticket.png');
    writeFileSync(ticketFile, png.body as Buffer);
    // The browser reads the file when the page asks for it: it stays until the scan is through.
    const unread: string[] = [];
    staff.on('console', (m) => {
      if (m.text().includes('QR image not read')) unread.push(m.text());
    });
    await staff.getByLabel('选择二维码图片').setInputFiles(ticketFile);
    await staff
      .getByText(/入场成功|没有识别到二维码/)
      .first()
      .waitFor();
    rmSync(ticketDir, { recursive: true, force: true });
    expect({ unread, shown: await staff.getByText(/没有识别到二维码/).count() }).toEqual({
      unread: [],
      shown: 0,
    });
    // A code the QR detector misses at first (one in about twenty-five of those drawn): read as a
    // pure code, it still reaches the server (unknown there, so answered as such).
    const hardDir = mkdtempSync(join(tmpdir(), 'jsj-hard-qr-'));
    const hardFile = join(hardDir, 'hard.png');
    writeFileSync(
      hardFile,
      await QRCode.toBuffer('pbuuQqgyLQQRseQfK7bhVNRm', {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 2,
        width: 320,
      }),
    );
    const scanned = staff.waitForRequest((r) => /\/check-ins$/.test(r.url()) && r.method() === 'POST');
    await staff.getByLabel('选择二维码图片').setInputFiles(hardFile);
    expect((await scanned).postDataJSON()).toMatchObject({ ticketCode: 'pbuuQqgyLQQRseQfK7bhVNRm' });
    rmSync(hardDir, { recursive: true, force: true });
    expect(unread).toEqual([]);

    const door = staff.getByLabel('票码');
    await door.fill(code);
    await door.press('Enter');
    await staff
      .getByText(/已入场过/)
      .first()
      .waitFor();
    // Offline: the scan waits on the device and goes up when the network is back.
    await desktop.setOffline(true);
    await door.fill(code);
    await door.press('Enter');
    await staff
      .getByText(/离线：已记录/)
      .first()
      .waitFor();
    await staff.getByText('本机有 1 条离线扫码记录未上传').waitFor();
    await desktop.setOffline(false);
    await staff
      .getByText(/离线记录已上传/)
      .first()
      .waitFor();
    await check(staff, 'staff-fair-door', 'desktop', false);
    // The enterprise at its booth (booth 1 in the demo) scans the same ticket: a visit, résumé received.
    const employer = await signIn(await newContext(browser, 'phone'), 'demo.employer');
    await employer.goto(`${base}/fairs`);
    await employer.getByRole('link', { name: '装备制造业专场招聘会' }).click();
    await employer.getByText('展位号 1').waitFor();
    const booth = employer.getByLabel('求职者票码');
    await booth.fill(code);
    await booth.press('Enter');
    await employer.getByText(/本次登记：/).waitFor();
    await check(employer, 'fair-booth', 'phone', false);
    await staff.getByRole('tab', { name: '统计' }).click();
    await staff.getByText('入场人数').waitFor();
    await check(staff, 'staff-fair-report', 'desktop', false);
    await phone.close();
    await desktop.close();
  });

  it('the calculator explains a refusal, citing the clause', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${base}/calculator`);
    await page.getByLabel('出生日期').fill('2001-05-01');
    await page.getByLabel('出生日期').press('Enter');
    await page.getByLabel('毕业日期（如是毕业生）').fill('2023-07-01');
    await page.getByLabel('毕业日期（如是毕业生）').press('Enter');
    await page.getByLabel('入职日期').fill('2023-09-01');
    await page.getByLabel('入职日期').press('Enter');
    // A ten-month contract: not the year the hiring subsidy asks for.
    await page.getByLabel('劳动合同到期日').fill('2024-06-30');
    await page.getByLabel('劳动合同到期日').press('Enter');
    await page.getByRole('button', { name: '计算可享受的政策' }).click();
    const result = page.getByRole('region', { name: '计算结果' });
    await result.getByText(/暂不符合/).waitFor();
    await result
      .getByText(/✗.*不满1年/)
      .first()
      .waitFor();
    await check(page, 'calculator', 'phone');
    await context.close();
  });

  it('the public pages are Chinese, accessible and screenshot at both sizes', async () => {
    for (const size of ['phone', 'desktop'] as const) {
      const context = await newContext(browser, size);
      const page = await context.newPage();
      for (const [name, path] of [
        ['home', '/'],
        ['jobs', `/jobs?q=${encodeURIComponent('焊工')}`],
        ['login', '/login'],
        ['calculator', '/calculator'],
        ['policies', '/policies'],
        ['policy', '/policies/jishan-2023'],
        ['fairs', '/fairs'],
        ['gigs', `/gigs?township=${encodeURIComponent('翟店镇')}`],
        ['not-found', '/no-such-page'],
      ] as const) {
        await page.goto(`${base}${path}`);
        await check(page, `public-${name}`, size);
      }
      await context.close();
    }
  });
});
