import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, OutboxService, PipelineCheckService } from '@app/platform';
import { startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';

/**
 * The relay publishes new outbox rows when Postgres notifies it, not only at its next poll: with
 * the poll set to ten minutes, a row is processed within seconds — and still after the listening
 * connection is killed, because the relay listens again.
 */
describe('outbox relay wakes on NOTIFY', () => {
  let env: SuiteEnv;
  let worker: INestApplicationContext;
  let ds: DataSource;

  beforeAll(async () => {
    env = await setupSuiteEnv('outbox_notify', { OUTBOX_POLL_MS: '600000' });
    worker = await startWorker();
    ds = worker.get(DataSource);
  });
  afterAll(async () => {
    await worker?.close();
    await env?.cleanup();
  });

  const processed = (id: string) => async () =>
    (await worker.get(PipelineCheckService).result(id)).processedAt !== null;

  const listener = async (): Promise<number[]> =>
    (
      await ds.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [
        `outbox-listener ${env.schema}`,
      ])
    ).map((r: { pid: number }) => r.pid);

  it('a new row is processed long before the next poll', async () => {
    await waitUntil('the relay listening', async () => (await listener()).length === 1);
    const id = await worker.get(PipelineCheckService).ping('notified');
    await waitUntil('the notified row processed', processed(id), 20_000);
  });

  it('one notification per transaction, and a rolled-back savepoint does not swallow it', async () => {
    const outbox = worker.get(OutboxService);
    const ids = await ds.transaction(async (m) => {
      await m.query('SAVEPOINT row_1');
      await outbox.add(m, JobName.PipelinePing, { note: 'rolled back' });
      await m.query('ROLLBACK TO SAVEPOINT row_1');
      // The flag went back with the savepoint: this insert notifies again.
      const kept = [await outbox.add(m, JobName.PipelinePing, { note: 'kept 1' })];
      // Already notified in this transaction: no second pg_notify.
      kept.push(await outbox.add(m, JobName.PipelinePing, { note: 'kept 2' }));
      expect((await m.query(`SELECT current_setting('jishan.outbox_notified', true) AS f`))[0].f).toBe('on');
      return kept;
    });
    for (const id of ids) await waitUntil(`row ${id} processed`, processed(id), 20_000);
  });

  it('the relay listens again after its connection is killed, and misses nothing meanwhile', async () => {
    const [pid] = await listener();
    await ds.query(`SELECT pg_terminate_backend($1)`, [pid]);
    // Written while nobody listens: the tick that follows the new LISTEN publishes it.
    const id = await worker.get(PipelineCheckService).ping('while not listening');
    await waitUntil('a new listening connection', async () => {
      const pids = await listener();
      return pids.length === 1 && pids[0] !== pid;
    });
    await waitUntil('the row written meanwhile processed', processed(id), 20_000);
    const next = await worker.get(PipelineCheckService).ping('after reconnect');
    await waitUntil('the next notified row processed', processed(next), 20_000);
  });
});
