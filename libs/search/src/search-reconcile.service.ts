import { Injectable, Logger } from '@nestjs/common';
import type { Settings } from 'meilisearch';
import { ScheduleName, ScheduledJob, SearchClient } from '@app/platform';
import { INDEX_PRIMARY_KEY } from './index-settings';
import { JobPostDocument } from './job-post-document';
import { JobPostIndexerService } from './job-post-indexer.service';
import { GigIndexerService } from './gig-indexer.service';
import { SeekerIndexerService } from './seeker-indexer.service';
import { ensureIndex, waitOk } from './search-index-setup.service';

export interface ReconcileReport {
  index: string;
  /** Published posts in Postgres. */
  published: number;
  /** Documents in the index before repair. */
  indexed: number;
  /** Published posts without a document: upserted. */
  missing: number;
  /** Documents that differ from what Postgres says now: upserted. */
  stale: number;
  /** Documents of posts that are not published (or no longer exist): deleted. */
  extra: number;
  ms: number;
}

/** Ids per document fetch (they travel in the query string). */
const FETCH_IDS = 200;
const PAGE = 1000;
/** How often the worker reconciles (对账). */
export const RECONCILE_EVERY_MS = 10 * 60 * 1000;

/** Key order does not matter; undefined and absent are the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/**
 * Reconciliation of the search indexes with Postgres (ARCHITECTURE, data flow step 4); for job posts: what
 * Postgres says must be in the index (every published post, its document as built now) against
 * what is. Missing and stale documents are upserted, extra ones deleted. Documents carry no
 * version field, so "stale" is a field-by-field comparison with the document built from the row.
 * Runs in the worker every RECONCILE_EVERY_MS (a BullMQ job scheduler) and on demand (admin route, tests).
 */
@Injectable()
export class SearchReconcileService {
  private readonly logger = new Logger(SearchReconcileService.name);
  private running: Promise<ReconcileReport> | null = null;

  constructor(
    private readonly search: SearchClient,
    private readonly indexer: JobPostIndexerService,
    private readonly seekers: SeekerIndexerService,
    private readonly gigs: GigIndexerService,
  ) {}

  /** The schedule's tick (a BullMQ job scheduler, every 10 minutes, in the worker). */
  @ScheduledJob(ScheduleName.SearchReconcile)
  async tick(): Promise<void> {
    await this.reconcileAll();
  }

  /** Every index: job posts, the consenting seekers, the open gigs. */
  async reconcileAll(): Promise<ReconcileReport[]> {
    return [await this.reconcileJobPosts(), await this.reconcileSeekers(), await this.reconcileGigs()];
  }

  /** The gigs index against Postgres: open gigs of today on (missing or stale → upsert), any other document → deleted after a re-read. */
  reconcileGigs(): Promise<ReconcileReport> {
    return this.reconcileByDocuments(
      this.gigs.uid,
      this.gigs.settings,
      this.gigs.documents(FETCH_IDS),
      (ids, uid) => this.gigs.syncGigs(ids, uid),
    );
  }

  /**
   * The seekers index against Postgres: every consenting seeker's document as built now (missing
   * or stale → upsert); any other document (consent withdrawn, profile gone) → deleted after a
   * re-read. `published` in the report counts the consenting seekers.
   */
  reconcileSeekers(): Promise<ReconcileReport> {
    return this.reconcileByDocuments(
      this.seekers.uid,
      this.seekers.settings,
      this.seekers.documents(FETCH_IDS),
      (ids, uid) => this.seekers.syncSeekers(ids, uid),
    );
  }

  /** An index whose builder streams every expected document, and can re-sync ids (upsert or delete). */
  private async reconcileByDocuments(
    uid: string,
    settings: Settings,
    expected: AsyncIterable<{ id: string | number }[]>,
    sync: (ids: string[], uid: string) => Promise<{ deleted: number }>,
  ): Promise<ReconcileReport> {
    const started = Date.now();
    await ensureIndex(this.search.client, uid, settings);
    const index = this.search.client.index<Record<string, unknown>>(uid);
    const expectedIds = new Set<string>();
    let missing = 0;
    let stale = 0;
    for await (const batch of expected) {
      const ids = batch.map((d) => String(d.id));
      for (const id of ids) expectedIds.add(id);
      const actual = await index.getDocuments({ ids, limit: ids.length });
      const have = new Map(actual.results.map((d) => [String(d.id), d]));
      const repair = batch.filter((doc) => {
        const current = have.get(String(doc.id));
        if (!current) missing++;
        else if (canonical(current) !== canonical(doc)) stale++;
        else return false;
        return true;
      });
      if (repair.length) {
        await waitOk(
          index.addDocuments(repair as Record<string, unknown>[], { primaryKey: INDEX_PRIMARY_KEY }),
          'reconcile upsert',
        );
      }
    }
    const extraIds: string[] = [];
    let indexed = 0;
    for (let offset = 0; ; offset += PAGE) {
      const page = await index.getDocuments({ fields: ['id'], limit: PAGE, offset });
      indexed = page.total;
      for (const d of page.results) if (!expectedIds.has(String(d.id))) extraIds.push(String(d.id));
      if (page.results.length < PAGE) break;
    }
    const extra = extraIds.length ? (await sync(extraIds, uid)).deleted : 0;
    const report: ReconcileReport = {
      index: uid,
      published: expectedIds.size,
      indexed,
      missing,
      stale,
      extra,
      ms: Date.now() - started,
    };
    if (missing || stale || extra) this.logger.warn(report, 'search index drift repaired');
    return report;
  }

  /** One reconciliation at a time per process; a second call joins the running one. */
  reconcileJobPosts(): Promise<ReconcileReport> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<ReconcileReport> {
    const started = Date.now();
    const uid = this.indexer.uid;
    await ensureIndex(this.search.client, uid, this.indexer.settings);
    const index = this.search.client.index<JobPostDocument>(uid);
    const published = new Set<string>();
    let missing = 0;
    let stale = 0;

    for await (const ids of this.indexer.publishedIds(FETCH_IDS)) {
      for (const id of ids) published.add(id);
      const [expected, actual] = await Promise.all([
        this.indexer.publishedDocuments(ids),
        index.getDocuments({ ids, limit: ids.length }),
      ]);
      const have = new Map(actual.results.map((d) => [String(d.id), d]));
      const repair: JobPostDocument[] = [];
      for (const [id, doc] of expected) {
        const current = have.get(id);
        if (!current) missing++;
        else if (canonical(current) !== canonical(doc)) stale++;
        else continue;
        repair.push(doc);
      }
      if (repair.length) {
        await waitOk(index.addDocuments(repair, { primaryKey: INDEX_PRIMARY_KEY }), 'reconcile upsert');
      }
    }

    const extraIds: string[] = [];
    let indexed = 0;
    for (let offset = 0; ; offset += PAGE) {
      const page = await index.getDocuments({ fields: ['id'], limit: PAGE, offset });
      indexed = page.total;
      for (const d of page.results) if (!published.has(String(d.id))) extraIds.push(String(d.id));
      if (page.results.length < PAGE) break;
    }
    let extra = 0;
    if (extraIds.length) {
      // A post published since the Postgres pass is not extra: re-read before deleting.
      const result = await this.indexer.syncPosts(extraIds, undefined, uid);
      extra = result.deleted;
    }
    const report: ReconcileReport = {
      index: uid,
      published: published.size,
      indexed,
      missing,
      stale,
      extra,
      ms: Date.now() - started,
    };
    if (missing || stale || extra) this.logger.warn(report, 'search index drift repaired');
    else this.logger.log(report, 'search index in step with Postgres');
    return report;
  }
}
