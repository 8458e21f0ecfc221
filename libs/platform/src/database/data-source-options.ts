import { Client } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ALL_MIGRATIONS } from '../../../../migrations';

/**
 * The one place that knows how we talk to Postgres. `search_path` is the configured schema so that
 * migrations (plain SQL, unqualified names) and queries land in it — that is how test suites get
 * a schema each. `synchronize` is never on: the schema is what the migrations say.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_SCHEMA'>,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    synchronize: false,
    migrationsRun: false,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    extra: {
      options: `-c search_path=${config.DATABASE_SCHEMA},public`,
      max: 20,
      application_name: 'jishan',
    },
  };
}

/** Creates the database named in the URL when it does not exist yet (and the schema inside it). */
export async function ensureDatabase(databaseUrl: string, schema = 'public'): Promise<void> {
  const url = new URL(databaseUrl);
  const dbName = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`);
      } catch (err) {
        // Another process (the worker beside the API, another suite) may have created it meanwhile:
        // 42P04 once it has, 23505 (pg_database's unique index) while both are creating it at once.
        const code = (err as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw err;
      }
    }
  } finally {
    await client.end();
  }
  if (schema !== 'public') {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      await db.end();
    }
  }
}
