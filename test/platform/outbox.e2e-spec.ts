import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import {
  JobName,
  OutboxRelay,
  OutboxService,
  PipelineCheckService,
  QueueName,
  outboxJobId,
} from '@app/platform';
import { drainOutbox, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';

/**
 * The outbox is what makes "nothing is lost" true: these tests fail a transaction, publish a row
 * twice, and flush Redis under the worker, then count exactly.
 */
describe('outbox: transactional writes, idempotent publishing, recovery after a Redis flush', () => {
  let env: SuiteEnv;
  let worker: INestApplicationContext;
  let ds: DataSource;

  beforeAll(async () => {
    // The relay is driven by hand in the first tests; the sweeper looks at rows older than 1 ms.
    env = await setupSuiteEnv('outbox', { OUTBOX_RELAY_DISABLED: 'true', OUTBOX_SWEEP_AFTER_MS: '1' });
    worker = await startWorker();
    ds = worker.get(DataSource);
  });
  afterAll(async () => {
    await worker?.close();
    await env?.cleanup();
  });

  const count = async (sql: string): Promise<number> => Number((await ds.query(sql))[0].n);

  it('a transaction that fails leaves neither the business row nor the outbox row', async () => {
    const outbox = worker.get(OutboxService);
    const before = await count(`SELECT count(*) AS n FROM outbox`);
    await ds.query(`CREATE TABLE IF NOT EXISTS business_rows (id serial PRIMARY KEY, note text NOT NULL)`);
    await expect(
      ds.transaction(async (manager) => {
        await manager.query(`INSERT INTO business_rows (note) VALUES ('hire')`);
        await outbox.add(manager, JobName.PipelinePing, { note: 'must vanish' });
        throw new Error('business rule failed after both writes');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await count(`SELECT count(*) AS n FROM business_rows`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(before);
  });

  it('refuses to write an outbox row outside a transaction', async () => {
    const outbox = worker.get(OutboxService);
    await expect(outbox.add(ds.manager, JobName.PipelinePing, { note: 'no tx' })).rejects.toThrow(
      /inside the transaction/,
    );
  });

  it('publishing the same row twice yields one job, processed once', async () => {
    const pipeline = worker.get(PipelineCheckService);
    const relay = worker.get(OutboxRelay);
    const queue = worker.get<Queue>(getQueueToken(QueueName.Platform), { strict: false });
    // Paused: a job being processed holds its outbox row's lock, and the relay skips locked rows.
    await queue.pause();
    const id = await pipeline.ping('twice');
    expect(await relay.publishPending()).toBe(1);
    // Simulate a relay that crashed after enqueueing but before recording the publish.
    await ds.query(`UPDATE outbox SET published_at = NULL WHERE id = $1`, [id]);
    expect(await relay.publishPending()).toBe(1);
    const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'delayed', 'prioritized']);
    expect(jobs.filter((j) => j.id === outboxJobId(id))).toHaveLength(1);
    await queue.resume();
    await drainOutbox(worker);
    expect(await count(`SELECT count(*) AS n FROM pipeline_checks WHERE outbox_id = ${Number(id)}`)).toBe(1);
  });

  it('after FLUSHDB of its Redis database the sweeper republishes and every row is processed exactly once', async () => {
    const pipeline = worker.get(PipelineCheckService);
    const relay = worker.get(OutboxRelay);
    const queue = worker.get<Queue>(getQueueToken(QueueName.Platform), { strict: false });
    await queue.pause(); // jobs wait in Redis, unprocessed, when the flush hits
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await pipeline.ping(`flush-${i}`));
    expect(await relay.publishPending()).toBe(25);
    const redis = new Redis(env.redisUrl);
    await redis.flushdb(); // the suite's own database number
    await redis.quit();
    await queue.resume();
    // The jobs are gone; Postgres still says they were published and not processed.
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE processed_at IS NULL`)).toBe(25);
    expect(await relay.sweep(1)).toBe(25);
    await drainOutbox(worker);
    // A second sweep finds nothing: everything was processed.
    expect(await relay.sweep(1)).toBe(0);
    const rows: { outbox_id: string }[] = await ds.query(
      `SELECT outbox_id FROM pipeline_checks WHERE outbox_id = ANY($1::bigint[])`,
      [ids],
    );
    expect(rows.map((r) => String(r.outbox_id)).sort()).toEqual([...ids].sort());
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE processed_at IS NULL`)).toBe(0);
  });

  it('a job delivered again after processing changes nothing', async () => {
    const pipeline = worker.get(PipelineCheckService);
    const relay = worker.get(OutboxRelay);
    const queue = worker.get<Queue>(getQueueToken(QueueName.Platform), { strict: false });
    const id = await pipeline.ping('redelivered');
    await relay.publishPending();
    await drainOutbox(worker);
    // A stale copy of the job arrives (e.g. restored from an old Redis snapshot) under a new id.
    await queue.add(
      JobName.PipelinePing,
      { note: 'redelivered', outboxId: id },
      { jobId: `${outboxJobId(id)}-copy` },
    );
    await waitUntil(
      'the copy to complete',
      async () => (await queue.getJob(`${outboxJobId(id)}-copy`))?.finishedOn !== undefined,
    );
    const copy = await queue.getJob(`${outboxJobId(id)}-copy`);
    expect(copy?.returnvalue).toBe('already-processed');
    expect(await count(`SELECT count(*) AS n FROM pipeline_checks WHERE outbox_id = ${Number(id)}`)).toBe(1);
  });
});
