/**
 * npm run bench:replicas — two API processes and two workers on one machine over the same
 * Postgres, Redis and Meilisearch, with one API and one worker SIGKILLed under load.
 *
 * A small round-robin balancer in this process spreads the load over both APIs (as a proxy with
 * health checks would): BENCH_USERS virtual staff users each record placements (POST
 * /api/v1/placements with an Idempotency-Key, the write that sets the money pipeline going) and
 * read their session three times in between. When a third of the BENCH_HIRES placements are
 * sent, API 1 and worker 1 are SIGKILLed. A request refused at connect (nothing sent) goes to the
 * other API; one cut in flight is counted as failed, and the balancer retries the write with the
 * same key on the surviving API until it settles (409 while the dead holder's liveness mark lives).
 *
 * Afterwards: every outbox row processed; placements recorded exactly once per hire sent; the
 * claims exactly those the engine, run directly on each placement, says exist (none missing, none
 * extra, none twice, the same fen total). Prints the figures; exits 1 when anything is lost or doubled.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, freePort, migrateDatabase } from '@app/platform';
import { hashPassword } from '@app/identity';
import { loadPolicyRegistry } from '@app/subsidy-engine/load-policies.node';
import { todayInChina } from '@app/platform/validation';
import {
  actualClaims,
  exited,
  expectedClaims,
  hireOf,
  seedPopulation,
  spawnWorker,
  sumFen,
  waitForProcessed,
} from './pipeline-load';
import { startBenchEnvironment, stopChild, waitFor } from './support';

const PASSWORD = 'bench replicas 1';

/** What a run found; `sound` when nothing was lost or doubled. */
export interface ReplicasOutcome {
  lines: string[];
  sound: boolean;
  tally: Tally;
  placements: number;
  claims: { expected: number; missing: number; unexpected: number; twice: number; wrongAmount: number };
  unprocessed: number;
}

interface Target {
  name: string;
  url: string;
  up: boolean;
  requests: number;
}

interface Tally {
  requests: number;
  ok: number;
  /** Cut in flight by the kill (the only failures allowed). */
  inFlightFailed: number;
  /** Refused at connect and sent to the other API (not failures: nothing was sent). */
  rerouted: number;
  /** Writes retried with their key after a cut, and how they settled. */
  retried: number;
  answerLost: number;
  /** Anything else that was not 2xx. */
  otherErrors: Record<string, number>;
}

/** The compiled API, from bench/ (ts-jest, the test) or dist/bench/ (the bench). */
function compiledApi(): string {
  const root = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
  return path.join(root, 'dist/apps/api/src/main.js');
}

/** A connection that never carried the request: safe to send elsewhere. */
const refusedAtConnect = (err: unknown) => {
  const code = (err as { cause?: { code?: string } }).cause?.code;
  return code === 'ECONNREFUSED';
};

export async function runReplicas(HIRES: number, USERS: number): Promise<ReplicasOutcome> {
  const bench = await startBenchEnvironment('replicas', {
    LOGIN_THROTTLE_LIMIT: '100000',
    OUTBOX_SWEEP_AFTER_MS: '5000',
    SUBSIDY_RECONCILE_DISABLED: 'true',
    SEARCH_RECONCILE_DISABLED: 'true',
    LOG_LEVEL: 'error',
  });
  const { env, config } = bench;
  const apis: ChildProcess[] = [];
  const workers: ChildProcess[] = [];
  let ds: DataSource | undefined;
  try {
    await migrateDatabase(config);
    ds = new DataSource(dataSourceOptions(config));
    await ds.initialize();
    const pop = await seedPopulation(ds, HIRES);
    const [{ login }] = await ds.query(`SELECT login FROM users WHERE id = $1`, [pop.staff.id]);
    await ds.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [
      pop.staff.id,
      await hashPassword(PASSWORD),
    ]);
    const today = todayInChina();

    const targets: Target[] = [];
    for (let i = 1; i <= 2; i++) {
      const port = await freePort();
      apis.push(
        spawn(process.execPath, [compiledApi()], {
          env: { ...env, PORT: String(port) },
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      );
      targets.push({ name: `API ${i}`, url: `http://127.0.0.1:${port}`, up: true, requests: 0 });
      workers.push(spawnWorker());
    }
    for (const t of targets) await waitFor(`${t.url}/health`);

    const signIn = await fetch(`${targets[0].url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: PASSWORD }),
    });
    if (!signIn.ok) throw new Error(`staff sign-in: ${signIn.status} ${await signIn.text()}`);
    const { accessToken } = (await signIn.json()) as { accessToken: string };

    const tally: Tally = {
      requests: 0,
      ok: 0,
      inFlightFailed: 0,
      rerouted: 0,
      retried: 0,
      answerLost: 0,
      otherErrors: {},
    };
    let turn = 0;
    const pick = () => {
      const live = targets.filter((t) => t.up);
      if (live.length === 0) throw new Error('no API left');
      return live[turn++ % live.length];
    };
    /** One request through the balancer: answers the response, or null when it was cut in flight. */
    const send = async (method: 'GET' | 'POST', route: string, body?: unknown, key?: string) => {
      for (;;) {
        const t = pick();
        t.requests++;
        tally.requests++;
        try {
          return await fetch(`${t.url}${route}`, {
            method,
            headers: {
              authorization: `Bearer ${accessToken}`,
              ...(body ? { 'content-type': 'application/json' } : {}),
              ...(key ? { 'idempotency-key': key } : {}),
            },
            body: body ? JSON.stringify(body) : undefined,
            signal: AbortSignal.timeout(30_000),
          });
        } catch (err) {
          t.up = false; // the balancer's health check: no more requests go there
          if (refusedAtConnect(err)) {
            tally.rerouted++;
            continue;
          }
          tally.inFlightFailed++;
          return null;
        }
      }
    };
    const count = (res: Response) => {
      if (res.ok) tally.ok++;
      else tally.otherErrors[res.status] = (tally.otherErrors[res.status] ?? 0) + 1;
    };

    let next = 0;
    let killedAt: number | null = null;
    const started = performance.now();
    const user = async () => {
      for (;;) {
        const i = next++;
        if (i >= HIRES) return;
        if (killedAt === null && i >= Math.floor(HIRES / 3)) {
          killedAt = performance.now() - started;
          apis[0].kill('SIGKILL');
          workers[0].kill('SIGKILL');
        }
        const key = `bench-hire-${i}`;
        const hire = hireOf(pop, i, today);
        let res = await send('POST', '/api/v1/placements', hire, key);
        if (res === null) {
          // Cut in flight: the same write again, with its key, until it settles.
          tally.retried++;
          for (;;) {
            res = await send('POST', '/api/v1/placements', hire, key);
            if (res && res.status === 409) {
              const code = ((await res.json()) as { error?: { code?: string } }).error?.code;
              if (code === 'idempotency-in-progress') {
                await new Promise((r) => setTimeout(r, 500));
                continue;
              }
              if (code === 'idempotency-answer-lost') {
                tally.answerLost++;
                tally.ok++;
                res = null;
                break;
              }
            }
            if (res) break;
          }
        }
        if (res) count(res);
        for (let k = 0; k < 3; k++) {
          const read = await send('GET', '/api/v1/auth/session');
          if (read) count(read);
        }
      }
    };
    await Promise.all(Array.from({ length: USERS }, () => user()));
    const loadMs = performance.now() - started;
    await Promise.all([exited(apis[0]), exited(workers[0])]);

    await waitForProcessed(ds, 180_000);
    const [{ placements, people }] = await ds.query(
      `SELECT count(*)::int AS placements, count(DISTINCT seeker_user_id)::int AS people FROM placements`,
    );
    const expected = await expectedClaims(ds, loadPolicyRegistry(), today);
    const actual = await actualClaims(ds);
    const missing = [...expected.keys()].filter((k) => !actual.claims.has(k)).length;
    const unexpected = [...actual.claims.keys()].filter((k) => !expected.has(k)).length;
    const wrong = [...expected.values()].filter(
      (e) => actual.claims.has(e.key) && actual.claims.get(e.key)!.amountFen !== e.amountFen,
    ).length;
    const [{ unprocessed }] = await ds.query(
      `SELECT count(*)::int AS unprocessed FROM outbox WHERE processed_at IS NULL`,
    );

    const lines = [
      `bench:replicas — ${HIRES.toLocaleString('en-US')} placements by ${USERS} users over 2 APIs and 2 workers, ` +
        `${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}, ${new Date().toISOString()}`,
      '',
      '| figure | value |',
      '|---|---:|',
      `| load (placements + 3 session reads each) | ${(loadMs / 1000).toFixed(1)} s, ${Math.round((tally.requests / loadMs) * 1000)} requests/s |`,
      `| API 1 and worker 1 SIGKILLed at | ${((killedAt ?? 0) / 1000).toFixed(1)} s |`,
      `| requests sent (API 1 / API 2) | ${tally.requests} (${targets[0].requests} / ${targets[1].requests}) |`,
      `| answered 2xx | ${tally.ok} |`,
      `| cut in flight by the kill (failed) | ${tally.inFlightFailed} |`,
      `| refused at connect, sent to API 2 | ${tally.rerouted} |`,
      `| writes retried with their key | ${tally.retried} (of which answer lost, done once: ${tally.answerLost}) |`,
      `| other errors | ${JSON.stringify(tally.otherErrors)} |`,
      `| placements recorded / hires sent | ${placements} / ${HIRES} (${people} people) |`,
      `| outbox rows unprocessed afterwards | ${unprocessed} |`,
      `| claims expected / found | ${expected.size} / ${actual.claims.size} |`,
      `| claims missing / unexpected / twice / wrong amount | ${missing} / ${unexpected} / ${actual.duplicates} / ${wrong} |`,
      `| fen expected / found | ${sumFen(expected)} / ${actual.totalFen} |`,
    ];
    const sound =
      placements === HIRES &&
      missing + unexpected + actual.duplicates + wrong === 0 &&
      unprocessed === 0 &&
      Object.keys(tally.otherErrors).length === 0;
    lines.push('', sound ? 'Nothing lost, nothing doubled.' : 'SOMETHING WAS LOST OR DOUBLED.');
    return {
      lines,
      sound,
      tally,
      placements,
      claims: { expected: expected.size, missing, unexpected, twice: actual.duplicates, wrongAmount: wrong },
      unprocessed,
    };
  } finally {
    for (const c of [...apis, ...workers]) await stopChild(c);
    await ds?.destroy().catch(() => undefined);
    await bench.dispose();
  }
}

async function main(): Promise<void> {
  const outcome = await runReplicas(
    Number(process.env.BENCH_HIRES ?? 3000),
    Number(process.env.BENCH_USERS ?? 24),
  );
  for (const l of outcome.lines) console.log(l);
  process.exitCode = outcome.sound ? 0 : 1;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
