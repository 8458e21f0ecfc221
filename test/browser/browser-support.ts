/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, as the machines install it (`.ci/run` does apt-get install chromium). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Screenshots of every page, phone and desktop, for a person to look at (git-ignored). */
export const SHOTS_DIR = resolve(__dirname, '../artifacts/screenshots');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

export async function newContext(browser: Browser, size: 'phone' | 'desktop'): Promise<BrowserContext> {
  return browser.newContext({
    ...(size === 'phone' ? PHONE : DESKTOP),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** Saves a full-page screenshot as `<name>-<size>.png`. */
export async function shoot(page: Page, name: string, size: 'phone' | 'desktop'): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SHOTS_DIR, `${name}-${size}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Waits until every finite animation and transition has ended (a modal fading in is half
 * transparent, and axe would read its text as low contrast); spinners run forever and are left.
 * Twice, a frame apart: an ending motion can start the next one (antd's rc-motion).
 */
export async function settleAnimations(page: Page): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await page.evaluate(async () => {
      const finite = document.getAnimations().filter((a) => {
        const end = a.effect?.getComputedTiming().endTime;
        return typeof end === 'number' && Number.isFinite(end);
      });
      await Promise.race([
        Promise.all(finite.map((a) => a.finished.catch(() => undefined))),
        new Promise((r) => setTimeout(r, 3000)),
      ]);
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    });
  }
}

/** axe-core in the page: the serious and critical violations (the page must have none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await settleAnimations(page);
  // Through the DevTools protocol: the page's own CSP (no inline script) stays in force.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** Text of the page that is English words a person would read (not codes inside attributes). */
export async function visibleLatinWords(page: Page): Promise<string[]> {
  const text = (await page.evaluate(() => document.body.innerText))
    // A file's name and the sheet formats (.xlsx, .csv) are what the person picked or must pick.
    .replace(/[\w.-]*\.(xlsx|csv)\b/gi, '');
  return (text.match(/\b[A-Za-z]{4,}\b/g) ?? []).filter((w) => !/^(mahua|hangong)$/i.test(w));
}

/**
 * A page's checks: rendered (skeletons gone), Chinese only, no serious or critical accessibility
 * violation, screenshot (test/artifacts/screenshots).
 */
export async function checkPage(
  page: Page,
  name: string,
  size: 'phone' | 'desktop',
  axe = true,
): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-skeleton, .skeleton')
    .first()
    .waitFor({ state: 'detached', timeout: 15000 })
    .catch(() => undefined);
  expect({ name, english: await visibleLatinWords(page) }).toEqual({ name, english: [] });
  if (axe) {
    // A toast fading out is half transparent: axe would read it as low contrast.
    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 8000 })
      .catch(() => undefined);
    expect({ name, axe: await seriousViolations(page) }).toEqual({ name, axe: [] });
  }
  await shoot(page, name, size);
}

/** Signs in at `${base}/login` in a new page of the context; back on /me or /staff. */
export async function signInAt(
  base: string,
  context: BrowserContext,
  login: string,
  password: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).last().click();
  await page.waitForURL((u) => u.pathname === '/me' || u.pathname === '/staff');
  return page;
}
