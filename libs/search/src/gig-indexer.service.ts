import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SearchClient } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { GigRecord, GigRecords } from '@app/gigs';
import { GIG_INDEX_SETTINGS, INDEX_NAMES, INDEX_PRIMARY_KEY } from './index-settings';
import { GigDocument, toGigDocument } from './gig-document';
import { SearchIndexBuilder, ensureIndex, waitOk } from './search-index-setup.service';

const TASK_TIMEOUT_MS = 60_000;

/** Whether a gig belongs in the index now: open (places left) and not past. */
export const indexable = (g: GigRecord, today = todayInChina()): boolean =>
  g.status === 'open' && g.date >= today;

/** Everything that writes gig documents: the outbox feed, reconciliation, the full rebuild. By id, so repeats are harmless. */
@Injectable()
export class GigIndexerService implements SearchIndexBuilder {
  readonly name = INDEX_NAMES.gigs;
  readonly settings = GIG_INDEX_SETTINGS;
  private readonly logger = new Logger(GigIndexerService.name);

  constructor(
    private readonly search: SearchClient,
    private readonly gigs: GigRecords,
  ) {}

  get uid(): string {
    return this.search.indexUid(INDEX_NAMES.gigs);
  }

  /** Upserts the indexable ones of `ids`, deletes the rest. */
  async syncGigs(
    ids: readonly string[],
    uid = this.uid,
    manager?: EntityManager,
  ): Promise<{ upserted: number; deleted: number }> {
    const today = todayInChina();
    const rows = await this.gigs.records(ids, manager);
    const docs: GigDocument[] = [];
    const unusable = new Set<string>();
    for (const g of rows.filter((r) => indexable(r, today))) {
      try {
        docs.push(toGigDocument(g));
      } catch (err) {
        // A bad row must not hold back the batch it came with (logged; the index keeps what it had).
        this.logger.error({ err, gigId: g.id }, 'gig cannot be indexed');
        unusable.add(g.id);
      }
    }
    const keep = new Set(docs.map((d) => d.id));
    const gone = ids.filter((id) => !keep.has(id) && !unusable.has(id));
    const index = this.search.client.index<GigDocument>(uid);
    if (docs.length > 0) {
      await ensureIndex(this.search.client, uid, this.settings);
      await waitOk(index.addDocuments(docs, { primaryKey: INDEX_PRIMARY_KEY }), 'upsert gigs');
    }
    if (gone.length > 0) {
      const task = await index.deleteDocuments([...gone]).waitTask({ timeout: TASK_TIMEOUT_MS });
      if (task.status === 'failed' && task.error?.code !== 'index_not_found') {
        throw new Error(`Meilisearch delete of gigs failed: ${task.error?.message}`);
      }
    }
    return { upserted: docs.length, deleted: gone.length };
  }

  async *documents(batchSize = 2000): AsyncGenerator<GigDocument[]> {
    for await (const rows of this.gigs.openBatches(batchSize)) {
      const docs: GigDocument[] = [];
      for (const g of rows) {
        try {
          docs.push(toGigDocument(g));
        } catch (err) {
          this.logger.error({ err, gigId: g.id }, 'gig cannot be indexed');
        }
      }
      yield docs;
    }
  }

  async syncChangedSince(since: Date, uid: string): Promise<number> {
    let total = 0;
    for await (const ids of this.gigs.idsChangedSince(since)) {
      await this.syncGigs(ids, uid);
      total += ids.length;
    }
    return total;
  }
}
