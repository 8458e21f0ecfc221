import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { EnqueuedTaskPromise, Meilisearch, Settings, Task } from 'meilisearch';
import { SearchClient } from '@app/platform';
import { INDEX_PRIMARY_KEY, IndexName } from './index-settings';

const TASK_TIMEOUT_MS = 120_000;

/**
 * A source of one index's documents, for the reindexer and the reconciliation. Another index
 * (seekers, gigs …) joins by providing one more builder in SEARCH_INDEX_BUILDERS.
 */
export interface SearchIndexBuilder {
  readonly name: IndexName;
  readonly settings: Settings;
  /** Every document the index must hold, in batches (keyset-paginated, never the whole table at once). */
  documents(batchSize: number): AsyncIterable<object[]>;
  /** Brings the documents of rows changed since `since` up to date in index `uid` (reindex catch-up). */
  syncChangedSince(since: Date, uid: string): Promise<number>;
}

export const SEARCH_INDEX_BUILDERS = Symbol('SEARCH_INDEX_BUILDERS');

/** Waits for a Meilisearch task and throws when it failed. */
export async function waitOk(
  task: EnqueuedTaskPromise,
  what: string,
  timeout = TASK_TIMEOUT_MS,
): Promise<Task> {
  const done = await task.waitTask({ timeout, interval: 25 });
  if (done.status !== 'succeeded') {
    throw new Error(
      `Meilisearch ${what} ${done.status}: ${done.error?.code ?? ''} ${done.error?.message ?? ''}`,
    );
  }
  return done;
}

/** Creates the index unless it exists, then applies its settings (both idempotent in Meilisearch). */
export async function createIndexWithSettings(
  client: Meilisearch,
  uid: string,
  settings: Settings,
): Promise<void> {
  const created = await client
    .createIndex(uid, { primaryKey: INDEX_PRIMARY_KEY })
    .waitTask({ timeout: TASK_TIMEOUT_MS });
  if (created.status === 'failed' && created.error?.code !== 'index_already_exists') {
    throw new Error(`Meilisearch create index ${uid} failed: ${created.error?.message}`);
  }
  await waitOk(client.index(uid).updateSettings(settings), `settings of ${uid}`);
}

const ensured = new Map<string, Promise<void>>();

/** createIndexWithSettings once per process and index (a failure is forgotten, so the next call retries). */
export function ensureIndex(client: Meilisearch, uid: string, settings: Settings): Promise<void> {
  const key = `${client.config.host}|${uid}`;
  let p = ensured.get(key);
  if (!p) {
    p = createIndexWithSettings(client, uid, settings).catch((err: unknown) => {
      ensured.delete(key);
      throw err;
    });
    ensured.set(key, p);
  }
  return p;
}

/** Meilisearch's error code of a failed request (e.g. `index_not_found`), if it answered at all. */
export function meiliErrorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * Creates every index with its settings in this deployment's prefix (索引初始化). The worker runs
 * it at start-up; when Meilisearch is down it logs and retries in the background instead of
 * refusing to start, because writes must keep working without search.
 */
@Injectable()
export class SearchIndexSetupService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SearchIndexSetupService.name);
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly search: SearchClient,
    @Inject(SEARCH_INDEX_BUILDERS) private readonly builders: SearchIndexBuilder[],
  ) {}

  onApplicationBootstrap(): void {
    const attempt = (delayMs: number) => {
      this.ensureIndexes().catch((err: unknown) => {
        this.logger.warn({ err: (err as Error).message, retryInMs: delayMs }, 'search indexes not ready yet');
        this.retry = setTimeout(() => attempt(Math.min(delayMs * 2, 60_000)), delayMs);
        this.retry.unref();
      });
    };
    attempt(1000);
  }

  /** Idempotent: creates missing indexes and (re)applies every index's settings. */
  async ensureIndexes(): Promise<string[]> {
    const uids: string[] = [];
    for (const b of this.builders) {
      const uid = this.search.indexUid(b.name);
      await ensureIndex(this.search.client, uid, b.settings);
      uids.push(uid);
    }
    this.logger.log({ indexes: uids }, 'search indexes ready');
    return uids;
  }
}
