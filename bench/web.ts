/**
 * npm run bench:web
 *
 * What a phone on a village network pays for the web app: the gzipped JavaScript and CSS that `/`
 * and `/jobs?q=焊工` load, and the time until the search results are on screen in Chromium on an
 * emulated slow 4G line (CDP: 1.6 Mbps down, 750 kbps up, 150 ms RTT; CPU slowed 4×), cold cache.
 * Baseline, in the same run and conditions: a bare HTML page of the same origin (the network's
 * own floor: one round trip and a few bytes). Goals: ≤ 250 KB gzipped per route; results < 3 s.
 *
 * Runs the real platform (compiled API and worker, its own Postgres schema, Redis prefix and
 * Meilisearch) with the demo posts. Prints a Markdown table.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { NestFactory } from '@nestjs/core';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { migrateDatabase } from '@app/platform';
import { JobPostImportService } from '@app/jobs';
import { IdentityScriptModule, seedDemo } from '../scripts/seed-demo';
import { seedDemoPosts } from '../scripts/seed-demo-posts';
import { startBenchEnvironment, stopChild, waitFor } from './support';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

interface Load {
  jsGzip: number;
  cssGzip: number;
  requests: number;
  ms: number;
}

async function throttled(
  browser: Browser,
): Promise<{ page: Page; cdp: CDPSession; close: () => Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { page, cdp, close: () => context.close() };
}

/** Loads `url` cold and waits for `visible`; counts what the page fetched, each body gzipped at level 9 as a server would send it. */
async function measure(browser: Browser, url: string, visible: string | null): Promise<Load> {
  const { page, close } = await throttled(browser);
  const bodies: Promise<{ kind: 'js' | 'css' | 'other'; gz: number }>[] = [];
  page.on('response', (res) => {
    const type = res.headers()['content-type'] ?? '';
    const kind = type.includes('javascript') ? 'js' : type.includes('css') ? 'css' : 'other';
    bodies.push(
      res
        .body()
        .then((b) => ({ kind, gz: gzipSync(b, { level: 9 }).length }) as const)
        .catch(() => ({ kind, gz: 0 }) as const),
    );
  });
  const start = Date.now();
  await page.goto(url, { waitUntil: visible ? 'commit' : 'load' });
  if (visible) await page.locator(visible).first().waitFor({ timeout: 60000 });
  const ms = Date.now() - start;
  await page.waitForLoadState('networkidle');
  const all = await Promise.all(bodies);
  await close();
  const sum = (k: string) => all.filter((b) => b.kind === k).reduce((s, b) => s + b.gz, 0);
  return { jsGzip: sum('js'), cssGzip: sum('css'), requests: all.length, ms };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const bench = await startBenchEnvironment('web');
  const children: ChildProcess[] = [];
  let bare: Server | undefined;
  let browser: Browser | undefined;
  try {
    await migrateDatabase(bench.config);
    const ctx = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: ['error'] });
    try {
      await seedDemo(ctx);
      await seedDemoPosts(ctx.get(JobPostImportService));
    } finally {
      await ctx.close();
    }
    const dist = path.resolve(__dirname, '..');
    for (const entry of ['apps/api/src/main.js', 'apps/worker/src/main.js']) {
      children.push(spawn(process.execPath, [path.join(dist, entry)], { env: bench.env, stdio: 'inherit' }));
    }
    const base = `http://127.0.0.1:${bench.port}`;
    await waitFor(`${base}/health`);
    const q = encodeURIComponent('焊工');
    // The worker indexes the demo posts from the outbox; measure once search answers them.
    for (let i = 0; i < 600; i++) {
      const r = (await (await fetch(`${base}/api/v1/job-posts/search?q=${q}`)).json()) as { total?: number };
      if ((r.total ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    // Baseline: a bare page of a few bytes from a plain node:http server on the same machine.
    bare = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!doctype html><html lang="zh-CN"><title>稷山就业</title><p id="x">焊工</p></html>');
    });
    await new Promise<void>((r) => bare!.listen(0, '127.0.0.1', r));
    const barePort = (bare.address() as { port: number }).port;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const targets = [
      { name: 'bare HTML page (baseline)', url: `http://127.0.0.1:${barePort}/`, visible: '#x' },
      { name: '`/` (home, search box visible)', url: `${base}/`, visible: 'input[aria-label="搜索岗位"]' },
      {
        name: '`/jobs?q=焊工` (results visible)',
        url: `${base}/jobs?q=${q}`,
        visible: '[aria-label="搜索结果"] li',
      },
    ];
    const rows: string[] = [];
    for (const t of targets) {
      const loads: Load[] = [];
      for (let i = 0; i < RUNS; i++) loads.push(await measure(browser, t.url, t.visible));
      const first = loads[0]!;
      const kb = (n: number) => (n / 1024).toFixed(1);
      rows.push(
        `| ${t.name} | ${kb(first.jsGzip)} | ${kb(first.cssGzip)} | ${kb(first.jsGzip + first.cssGzip)} | ${first.requests} | ${median(loads.map((l) => l.ms))} | ${Math.max(...loads.map((l) => l.ms))} |`,
      );
    }
    process.stdout.write(
      [
        `bench:web — Chromium ${browser.version()}, slow 4G (1.6 Mbps / 750 kbps / 150 ms RTT), CPU 4× slower, cold cache, ${RUNS} runs, ${new Date().toISOString().slice(0, 10)}`,
        '',
        '| page | JS KB gz | CSS KB gz | JS+CSS KB gz (goal ≤ 250) | requests | visible ms median (goal < 3000) | max ms |',
        '|---|---:|---:|---:|---:|---:|---:|',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    await browser?.close();
    bare?.close();
    for (const c of children) await stopChild(c);
    await bench.dispose();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:web failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
