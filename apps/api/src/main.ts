import { ConfigError, migrateDatabase, parseConfig } from '@app/platform';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = parseConfig();
  await migrateDatabase(config);
  const app = await createApiApp();
  await app.listen(config.PORT, config.HOST);
}

main().catch((err: unknown) => {
  // A configuration problem is the operator's to fix: say which variable, without a stack trace.
  if (err instanceof ConfigError) process.stderr.write(`api: ${err.message}\n`);
  else process.stderr.write(`api: failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
