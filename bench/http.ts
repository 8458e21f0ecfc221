/**
 * npm run bench:http — the API's overhead on an authenticated lightweight route
 * (GET /api/v1/auth/session: JWT check, role guard with its user lookup, request logging) against a
 * bare node:http server answering the same JSON, on this machine, in this run: autocannon, 50
 * connections, 10 s. GET /api/v1/auth/me (one more primary-key lookup and two decryptions) is
 * measured too, for scale, and /auth/session once more on a second API process started with
 * LOG_LEVEL=warn (no request log lines), so that logging's share is measured in the same run.
 * BENCH_CPU_PROF=<dir> writes a CPU profile of the first API (see bench/RESULTS.md for the layers).
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort, startMeilisearch } from '@app/platform';
import { layerSharesOfFile } from './cpu-profile-layers';
import { cpuProfileArgs } from './support';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

async function run(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

async function main(): Promise<void> {
  const schema = `bench_http_${process.pid}`;
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jishan_bench';
  const meili = await startMeilisearch({
    dataDir: path.join(os.tmpdir(), `jishan-bench-meili-${process.pid}`),
  });
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    REDIS_PREFIX: `bench-http-${process.pid}`,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HMAC_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(48).toString('base64url'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  let api: ChildProcess | undefined;
  let quietApi: ChildProcess | undefined;
  try {
    api = spawn(process.execPath, [...cpuProfileArgs(), path.resolve(__dirname, '../apps/api/src/main.js')], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/health`);
    // The same API without its request log lines (LOG_LEVEL=warn): what logging costs, in this run.
    const quietPort = await freePort();
    quietApi = spawn(process.execPath, [path.resolve(__dirname, '../apps/api/src/main.js')], {
      env: { ...env, PORT: String(quietPort), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const quietBase = `http://127.0.0.1:${quietPort}`;
    await waitFor(`${quietBase}/health`);
    const login = `bench${process.pid}`;
    const password = 'bench-password-1';
    const reg = await fetch(`${base}/api/v1/auth/register/seeker`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password, displayName: '压测用户', mobile: '13900000000' }),
    });
    if (!reg.ok) throw new Error(`register failed: ${reg.status} ${await reg.text()}`);
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    const { accessToken } = (await res.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const session = await (await fetch(`${base}/api/v1/auth/session`, { headers: auth })).text();

    // The floor: the same JSON from a bare node:http server on the same machine.
    const bare = createServer((_req, reply) => {
      reply.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      reply.end(session);
    });
    const barePort = await freePort();
    await new Promise<void>((r) => bare.listen(barePort, '127.0.0.1', r));
    await run(`http://127.0.0.1:${barePort}/`, {}); // warm-up is the first run's own first second
    const baseline = await run(`http://127.0.0.1:${barePort}/`, {});
    bare.close();
    const platform = await run(`${base}/api/v1/auth/session`, auth);
    // A pause, so that a CPU profile shows the two runs as two busy stretches.
    if (process.env.BENCH_CPU_PROF) await new Promise((r) => setTimeout(r, 3000));
    const profile = await run(`${base}/api/v1/auth/me`, auth);
    const quiet = await run(`${quietBase}/api/v1/auth/session`, auth);

    const ratio = platform.rps / baseline.rps;
    const line = (name: string, r: typeof platform) =>
      `${name.padEnd(52)} ${String(r.rps).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}`;
    console.log(
      `bench:http — ${CONNECTIONS} connections, ${DURATION} s each, ${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}`,
    );
    console.log(line('bare node:http (baseline)', baseline));
    console.log(line('API GET /api/v1/auth/session (JWT)', platform));
    console.log(line('API GET /api/v1/auth/me (JWT + lookup)', profile));
    console.log(line('API /auth/session, LOG_LEVEL=warn (no request log)', quiet));
    console.log(
      `ratio API / bare: ${(ratio * 100).toFixed(1)}%  (goal ≥ 50%); without request logs ${((quiet.rps / baseline.rps) * 100).toFixed(1)}%`,
    );
    if (process.env.BENCH_CPU_PROF && api) {
      // The profile is written when the process exits.
      const exited = new Promise((r) => api?.once('exit', r));
      api.kill('SIGTERM');
      await exited;
      const dir = process.env.BENCH_CPU_PROF;
      const newest = readdirSync(dir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(dir, f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
      console.log(`CPU of the API under the /auth/session load, per layer (${newest}):`);
      // The first busy stretch as long as most of a run: the load, not the start-up.
      for (const { layer, share } of layerSharesOfFile(newest, Math.max(3, Math.floor(DURATION * 0.7))))
        if (share >= 0.005) console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${layer}`);
    }
  } finally {
    api?.kill('SIGTERM');
    quietApi?.kill('SIGTERM');
    await meili.stop();
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
