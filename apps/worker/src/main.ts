import { ConfigError, migrateDatabase, parseWorkerConfig } from '@app/platform';
import { createWorkerApp } from './create-worker-app';

async function main(): Promise<void> {
  const config = parseWorkerConfig();
  await migrateDatabase(config);
  await createWorkerApp();
  // Closes gracefully on SIGTERM/SIGINT through Nest's shutdown hooks (workers finish their jobs).
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`worker: ${err.message}\n`);
  else process.stderr.write(`worker: failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
