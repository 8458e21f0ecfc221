/**
 * npm run search:reindex [-- INDEX ...]
 *
 * Rebuilds every search index (or the named ones: job-posts, seekers) from Postgres into a fresh
 * `<uid>__<timestamp>` index with its settings, then swaps it in atomically and deletes the old
 * one (重建索引). The seekers index holds consenting seekers only. Searches keep being answered from the old index until the swap.
 *
 * Needs Postgres (DATABASE_URL, DATABASE_SCHEMA) and the Meilisearch the platform uses
 * (MEILI_URL, MEILI_MASTER_KEY, MEILI_INDEX_PREFIX); no PII key (the seekers index takes its age band
 * from the stored birth year). When the platform spawned its own
 * Meilisearch (MEILI_URL unset), use the admin route POST /api/v1/search/reindex instead.
 * Prints one JSON line: {"indexes":[{index, documents, caughtUp, ms}]}. Exit 0 on success, 2 on
 * bad arguments or configuration, 1 otherwise.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AppConfig,
  DatabaseOnlyConfigModule,
  PlatformDatabaseModule,
  SearchClientModule,
  configSchema,
} from '@app/platform';
import { SearchIndexingModule, SearchReindexService } from '@app/search';

/** Postgres, Meilisearch and the index builders: no secret, no Redis. */
@Module({
  imports: [DatabaseOnlyConfigModule, PlatformDatabaseModule, SearchClientModule, SearchIndexingModule],
  providers: [SearchReindexService],
})
class SearchReindexScriptModule {}

function fail(message: string): number {
  process.stdout.write(JSON.stringify({ error: { code: 'bad-arguments', message } }) + '\n');
  process.stderr.write(`search:reindex: ${message}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const names = argv.filter((a) => a !== '--' && !a.startsWith('--'));
  const env = Object.fromEntries(
    ['DATABASE_URL', 'DATABASE_SCHEMA', 'MEILI_URL', 'MEILI_MASTER_KEY', 'MEILI_INDEX_PREFIX']
      .filter((k) => process.env[k] !== undefined && process.env[k] !== '')
      .map((k) => [k, process.env[k]]),
  );
  const parsed = configSchema
    .pick({
      DATABASE_URL: true,
      DATABASE_SCHEMA: true,
      MEILI_URL: true,
      MEILI_MASTER_KEY: true,
      MEILI_INDEX_PREFIX: true,
    })
    .safeParse(env);
  if (!parsed.success)
    return fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const config = parsed.data as AppConfig;
  if (!config.MEILI_URL) {
    return fail(
      'MEILI_URL is not set: point it at the platform’s Meilisearch, or use POST /api/v1/search/reindex',
    );
  }

  const app = await NestFactory.createApplicationContext(SearchReindexScriptModule, { logger: ['error'] });
  try {
    const reindexer = app.get(SearchReindexService);
    const unknown = names.filter((n) => !reindexer.indexNames.includes(n));
    if (unknown.length)
      return fail(`unknown index ${unknown.join(', ')}; known: ${reindexer.indexNames.join(', ')}`);
    const indexes = await reindexer.reindexAll(names.length ? names : undefined);
    process.stdout.write(JSON.stringify({ indexes }) + '\n');
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`search:reindex: failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
