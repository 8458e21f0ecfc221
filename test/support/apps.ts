import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/platform';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { waitUntil } from './test-env';

/** The API in-process, ready for supertest (`request(app.getHttpServer())`). */
export async function startApi(): Promise<NestFastifyApplication> {
  const app = await createApiApp();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** The worker in-process: relay, sweeper and processors running against the suite's services. */
export async function startWorker(): Promise<INestApplicationContext> {
  return createWorkerApp();
}

/**
 * Waits until every outbox row is processed and no queue holds waiting, active or delayed jobs
 * (other than the schedulers' next runs) —
 * the moment a test may assert on what the worker did.
 */
export async function drainOutbox(app: INestApplicationContext, timeoutMs = 30000): Promise<void> {
  const ds = app.get(DataSource);
  const queues = Object.values(QueueName).map((q) => app.get<Queue>(getQueueToken(q), { strict: false }));
  let stuck = '';
  await waitUntil(
    'the outbox and queues to drain',
    async () => {
      const rows: { job_name: string; publish_count: number; last_error: string | null }[] = await ds.query(
        `SELECT job_name, publish_count, last_error FROM outbox WHERE processed_at IS NULL LIMIT 5`,
      );
      if (rows.length > 0) {
        stuck = `outbox: ${JSON.stringify(rows)}`;
        return false;
      }
      for (const q of queues) {
        const c = await q.getJobCounts('waiting', 'active', 'prioritized');
        // The job schedulers' next runs wait as delayed jobs all the time; only other delayed jobs count.
        c.delayed = (await q.getDelayed()).filter((j) => !j.repeatJobKey).length;
        if (Object.values(c).some((v) => v > 0)) {
          const jobs = await q.getJobs(['active', 'waiting'], 0, 5);
          stuck = `queue ${q.name}: ${JSON.stringify(c)} ${jobs.map((j) => j.name).join(', ')}`;
          return false;
        }
      }
      return true;
    },
    timeoutMs,
  ).catch((err: Error) => {
    throw new Error(`${err.message} (${stuck})`);
  });
}
