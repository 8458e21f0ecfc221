import { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { QueueName, redisOptionsFromUrl } from '@app/platform';
import { exited, spawnWorker, waitForProcessed } from '../../bench/pipeline-load';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Recorder, compareWithEngine, seededRandom, sleep, startRecorder } from './chaos-support';

jest.setTimeout(15 * 60_000);

const PLACEMENTS = Number(process.env.CHAOS_PLACEMENTS ?? 10_000);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000_000);

/**
 * Fault test: 10,000 placements recorded quickly while the worker process is SIGKILLed at five
 * random moments and started again. Postgres is the truth: afterwards exactly the claims the
 * engine, run directly on each placement, says exist — none missing, none extra, none twice, the
 * fen total equal. Then SIGTERM in the middle of the work: the jobs running finish, the worker
 * is gone within 10 s, and nothing is left stalled.
 */
describe(`chaos: the worker killed while it files claims (seed ${SEED})`, () => {
  let env: SuiteEnv;
  let rec: Recorder;
  let worker: ChildProcess | undefined;
  let queue: Queue;

  beforeAll(async () => {
    env = await setupSuiteEnv('chaos_kill', {
      OUTBOX_SWEEP_AFTER_MS: '5000',
      SUBSIDY_RECONCILE_DISABLED: 'true',
      SEARCH_RECONCILE_DISABLED: 'true',
    });
    rec = await startRecorder(PLACEMENTS + 2000);
    queue = new Queue(QueueName.Placements, {
      connection: redisOptionsFromUrl(env.redisUrl),
      prefix: `${env.redisPrefix}:bull`,
    });
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      worker.kill('SIGKILL');
      await exited(worker);
    }
    await queue?.close();
    await rec?.app.close();
    await env?.cleanup();
  });

  it('SIGKILL at five random moments: exactly the expected claims, none twice, the same fen total', async () => {
    const random = seededRandom(SEED);
    worker = spawnWorker();
    const recording = rec.record(0, PLACEMENTS);
    const kills: number[] = [];
    for (let k = 0; k < 5; k++) {
      await sleep(1000 + random() * 4000);
      const [{ pending }] = await rec.ds.query(
        `SELECT count(*)::int AS pending FROM outbox WHERE processed_at IS NULL`,
      );
      kills.push(pending);
      worker.kill('SIGKILL');
      await exited(worker);
      worker = spawnWorker();
    }
    await recording;
    await waitForProcessed(rec.ds, 10 * 60_000);
    const r = await compareWithEngine(rec.ds, rec.today);
    expect({ seed: SEED, ...r }).toMatchObject({
      missingCount: 0,
      unexpectedCount: 0,
      wrongAmount: 0,
      duplicates: 0,
      actualFen: r.expectedFen,
    });
    // The test is worth its name: many claims, and work was in flight at the kills.
    expect(r.expected).toBeGreaterThan(PLACEMENTS / 2);
    expect(kills.some((pending) => pending > 0)).toBe(true);
  });

  it('SIGTERM during a batch: the running jobs finish, the worker exits within 10 s, nothing stalls', async () => {
    const [{ before }] = await rec.ds.query(`SELECT coalesce(max(id), 0)::bigint AS before FROM outbox`);
    const recording = rec.record(PLACEMENTS, PLACEMENTS + 2000);
    // Wait until the worker is in the middle of the work.
    for (;;) {
      const [{ done, pending }] = await rec.ds.query(
        `SELECT count(*) FILTER (WHERE processed_at IS NOT NULL)::int AS done,
                count(*) FILTER (WHERE processed_at IS NULL)::int AS pending
           FROM outbox WHERE id > $1`,
        [before],
      );
      if (done > 100 && pending > 0) break;
      await sleep(50);
    }
    const started = Date.now();
    worker!.kill('SIGTERM');
    const code = await exited(worker!);
    const tookMs = Date.now() - started;
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    // Nothing left running in Redis for a dead worker to hold: no stalled job to wait out.
    expect(await queue.getActiveCount()).toBe(0);
    await recording;
    worker = spawnWorker();
    await waitForProcessed(rec.ds, 5 * 60_000);
    const r = await compareWithEngine(rec.ds, rec.today);
    expect(r).toMatchObject({ missingCount: 0, unexpectedCount: 0, wrongAmount: 0, duplicates: 0 });
    worker.kill('SIGTERM');
    await exited(worker);
  });
});
