import { ConfigError, migrateDatabase, parseWorkerConfig } from '@app/platform';
import { createWorkerApp } from './create-worker-app';

/** How long a stopping worker waits for its running jobs before it gives up (exit 1). */
const STOP_WITHIN_MS = 9_000;

async function main(): Promise<void> {
  const config = parseWorkerConfig();
  await migrateDatabase(config);
  const app = await createWorkerApp();
  // SIGTERM/SIGINT: take no new job, let the running ones commit, close the connections, exit 0.
  // A job still running after STOP_WITHIN_MS is left to BullMQ's stalled-job recovery (its work
  // rolls back with its transaction; the outbox row is processed again by the next worker).
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`worker: ${signal}: finishing running jobs\n`);
    const guard = setTimeout(() => {
      process.stderr.write(`worker: jobs still running after ${STOP_WITHIN_MS} ms; exiting\n`);
      process.exit(1);
    }, STOP_WITHIN_MS);
    guard.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`worker: stopping failed: ${(err as Error)?.stack ?? String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`worker: ${err.message}\n`);
  else process.stderr.write(`worker: failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
