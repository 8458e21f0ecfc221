import { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';
import { startMeilisearch } from '@app/platform';
import { exited, spawnWorker, waitForProcessed } from '../../bench/pipeline-load';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Recorder, compareWithEngine, seededRandom, sleep, startRecorder } from './chaos-support';

jest.setTimeout(15 * 60_000);

const PLACEMENTS = Number(process.env.CHAOS_PLACEMENTS ?? 10_000);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000_000);

/**
 * Fault tests: two worker processes at once with the suite's Redis database flushed half-way
 * (jobs, schedulers, locks: all gone) — the outbox in Postgres brings every event back, and the
 * claims are exactly what one worker without faults files; then Meilisearch stopped throughout,
 * which the claims do not notice.
 */
describe(`chaos: two workers, Redis flushed, Meilisearch stopped (seed ${SEED})`, () => {
  let env: SuiteEnv;
  let rec: Recorder;
  const workers: ChildProcess[] = [];

  const stopWorkers = async () => {
    for (const w of workers.splice(0)) {
      if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
      await exited(w);
    }
  };

  beforeAll(async () => {
    env = await setupSuiteEnv('chaos_flush', {
      OUTBOX_SWEEP_AFTER_MS: '5000',
      SUBSIDY_RECONCILE_DISABLED: 'true',
      SEARCH_RECONCILE_DISABLED: 'true',
    });
    rec = await startRecorder(PLACEMENTS + 2000);
  });
  afterAll(async () => {
    await stopWorkers();
    await rec?.app.close();
    await env?.cleanup();
  });

  it('two workers at once and FLUSHDB half-way: exactly the expected claims, none twice', async () => {
    const random = seededRandom(SEED);
    workers.push(spawnWorker(), spawnWorker());
    const recording = rec.record(0, PLACEMENTS);
    // Half-way, while events are in flight: published, queued or running.
    let pending = 0;
    for (;;) {
      const [row] = await rec.ds.query(
        `SELECT count(*) FILTER (WHERE processed_at IS NOT NULL)::int AS done,
                count(*) FILTER (WHERE processed_at IS NULL AND published_at IS NOT NULL)::int AS pending
           FROM outbox`,
      );
      if (row.done >= PLACEMENTS / 2 + random() * (PLACEMENTS / 10) && row.pending > 0) {
        pending = row.pending;
        break;
      }
      await sleep(20);
    }
    const redis = new Redis(env.redisUrl);
    await redis.flushdb(); // this suite's own database number
    await redis.quit();
    await recording;
    await waitForProcessed(rec.ds, 10 * 60_000);
    const r = await compareWithEngine(rec.ds, rec.today);
    expect({ seed: SEED, pendingAtFlush: pending, ...r }).toMatchObject({
      missingCount: 0,
      unexpectedCount: 0,
      wrongAmount: 0,
      duplicates: 0,
      actualFen: r.expectedFen,
    });
    expect(r.expected).toBeGreaterThan(PLACEMENTS / 2);
    expect(pending).toBeGreaterThan(0);
    await stopWorkers();
  });

  it('Meilisearch stopped throughout: the claims do not notice', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chaos-meili-'));
    const meili = await startMeilisearch({ dataDir: path.join(dir, 'data') });
    const url = meili.url;
    await meili.stop();
    try {
      const [{ before }] = await rec.ds.query(`SELECT count(*)::int AS before FROM subsidy_claims`);
      workers.push(spawnWorker({ MEILI_URL: url, MEILI_MASTER_KEY: meili.masterKey }));
      await rec.record(PLACEMENTS, PLACEMENTS + 2000);
      await waitForProcessed(rec.ds, 5 * 60_000);
      const r = await compareWithEngine(rec.ds, rec.today);
      expect(r).toMatchObject({ missingCount: 0, unexpectedCount: 0, wrongAmount: 0, duplicates: 0 });
      expect(r.actual).toBeGreaterThan(before);
    } finally {
      await stopWorkers();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
