import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, ensureDatabase } from './data-source-options';

/**
 * Creates the database if missing and applies pending migrations. A Postgres advisory lock makes
 * it safe when the API and the worker start together: one migrates, the other waits and finds
 * nothing left to do.
 */
export async function migrateDatabase(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_SCHEMA'>,
): Promise<string[]> {
  await ensureDatabase(config.DATABASE_URL, config.DATABASE_SCHEMA);
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [
        `jishan-migrations:${config.DATABASE_SCHEMA}`,
      ]);
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [
        `jishan-migrations:${config.DATABASE_SCHEMA}`,
      ]);
      await runner.release();
    }
  } finally {
    await ds.destroy();
  }
}
