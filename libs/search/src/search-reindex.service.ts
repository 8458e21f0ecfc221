import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EnqueuedTask } from 'meilisearch';
import { DomainError, SearchClient } from '@app/platform';
import { INDEX_PRIMARY_KEY } from './index-settings';
import {
  SEARCH_INDEX_BUILDERS,
  SearchIndexBuilder,
  createIndexWithSettings,
  meiliErrorCode,
  waitOk,
} from './search-index-setup.service';

export interface IndexRebuildReport {
  index: string;
  documents: number;
  /** Rows changed while the rebuild ran, brought up to date in the new index after the swap. */
  caughtUp: number;
  ms: number;
}

/** Documents sent per request; a few requests are kept in flight while the next batch is read. */
const BATCH = 5000;
const IN_FLIGHT = 3;

/**
 * `search:reindex` (重建索引): rebuilds each index into a fresh `<uid>__<timestamp>` with its
 * settings, streams every document from Postgres, waits until Meilisearch has indexed them, then
 * swaps it in atomically (swap-indexes; a rename when the index did not exist) and deletes the old
 * one. Searches keep reading the old index until the swap, so none fails. Rows changed while the
 * rebuild ran are synced into the new index after the swap.
 */
@Injectable()
export class SearchReindexService {
  private readonly logger = new Logger(SearchReindexService.name);
  private running: Promise<IndexRebuildReport[]> | null = null;

  constructor(
    private readonly search: SearchClient,
    @Inject(SEARCH_INDEX_BUILDERS) private readonly builders: SearchIndexBuilder[],
  ) {}

  /** Names of the indexes this deployment rebuilds (e.g. job-posts, seekers). */
  get indexNames(): string[] {
    return this.builders.map((b) => b.name);
  }

  /** Rebuilds the named indexes (default: all). One rebuild at a time per process. */
  reindexAll(names?: string[]): Promise<IndexRebuildReport[]> {
    if (this.running) throw DomainError.conflict('search.reindex-running', 'A reindex is already running');
    const unknown = (names ?? []).filter((n) => !this.indexNames.includes(n));
    if (unknown.length) throw DomainError.invalid('indexes', `unknown index ${unknown.join(', ')}`);
    const chosen = names?.length ? this.builders.filter((b) => names.includes(b.name)) : this.builders;
    this.running = (async () => {
      const reports: IndexRebuildReport[] = [];
      for (const b of chosen) reports.push(await this.rebuild(b));
      return reports;
    })().finally(() => (this.running = null));
    return this.running;
  }

  async rebuild(builder: SearchIndexBuilder): Promise<IndexRebuildReport> {
    const started = Date.now();
    // Rows touched from a little before the start on are re-synced after the swap.
    const since = new Date(started - 5000);
    const client = this.search.client;
    const live = this.search.indexUid(builder.name);
    const fresh = `${live}__${started}`;
    this.logger.log({ live, fresh }, 'reindex started');
    await createIndexWithSettings(client, fresh, builder.settings);
    let documents = 0;
    try {
      const index = client.index(fresh);
      const pending: EnqueuedTask[] = [];
      for await (const batch of builder.documents(BATCH)) {
        if (batch.length === 0) continue;
        pending.push(await index.addDocuments(batch, { primaryKey: INDEX_PRIMARY_KEY }));
        documents += batch.length;
        if (pending.length >= IN_FLIGHT) await this.waitAll(pending.splice(0, 1));
      }
      await this.waitAll(pending);

      const liveExists = await client.getIndex(live).then(
        () => true,
        (err: unknown) => {
          if (meiliErrorCode(err) === 'index_not_found') return false;
          throw err;
        },
      );
      await waitOk(
        client.swapIndexes([
          liveExists ? { indexes: [live, fresh], rename: false } : { indexes: [fresh, live], rename: true },
        ]),
        `swap of ${fresh} into ${live}`,
      );
      // After a swap `fresh` holds the old documents; after a rename it no longer exists.
      if (liveExists) await waitOk(client.deleteIndex(fresh), `delete of the old ${live}`);
    } catch (err) {
      await client
        .deleteIndex(fresh)
        .waitTask()
        .catch(() => undefined);
      throw err;
    }
    const caughtUp = await builder.syncChangedSince(since, live);
    const report = { index: live, documents, caughtUp, ms: Date.now() - started };
    this.logger.log(report, 'reindex done');
    return report;
  }

  private async waitAll(tasks: EnqueuedTask[]): Promise<void> {
    const done = await this.search.client.tasks.waitForTasks(tasks, { timeout: 600_000, interval: 100 });
    const failed = done.find((t) => t.status !== 'succeeded');
    if (failed)
      throw new Error(`Meilisearch indexing task ${failed.uid} ${failed.status}: ${failed.error?.message}`);
  }
}
