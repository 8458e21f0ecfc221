import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SearchClient } from '@app/platform';
import { INDEX_NAMES, INDEX_PRIMARY_KEY, JOB_POST_INDEX_SETTINGS } from './index-settings';
import type { EducationLevel } from '@app/seekers/vocabulary';
import { JobPostRecord, JobPostService } from '@app/jobs';
import type { EmploymentType } from '@app/jobs/vocabulary';
import {
  JobPostDocument,
  JobPostFacts,
  JobPostForIndex,
  toJobPostDocument,
  toJobPostFacts,
} from './job-post-document';
import { SearchIndexBuilder, ensureIndex, waitOk } from './search-index-setup.service';

/** A post of the jobs domain as the index's builder takes it. */
function forIndex(p: JobPostRecord): JobPostForIndex {
  return {
    id: p.id,
    title: p.title,
    occupation: p.occupation,
    industry: p.employerIndustry,
    skills: p.skills,
    description: p.description,
    employerId: p.employerId,
    employerName: p.employerName,
    employerSize: p.employerSize,
    townshipCode: p.townshipCode,
    placeText: p.placeText,
    employmentType: p.employmentType as EmploymentType,
    wageMinFen: p.wageMinFen,
    wageMaxFen: p.wageMaxFen,
    education: p.education as EducationLevel | null,
    ageMin: p.ageMin,
    ageMax: p.ageMax,
    isInternship: p.isInternship,
    headcount: p.headcount,
    publishedAt: new Date(p.publishedAt ?? p.updatedAt).toISOString(),
    deadline: p.deadline,
    status: p.status,
  };
}

/** A post of the jobs domain → its `job-posts` document. */
export function jobPostRecordToDocument(p: JobPostRecord): JobPostDocument {
  return toJobPostDocument(forIndex(p));
}

/** A post of the jobs domain → what the Postgres fallbacks answer and score (no pinyin, no distances). */
export function jobPostRecordToFacts(p: JobPostRecord): JobPostFacts {
  return toJobPostFacts(forIndex(p));
}

const TASK_TIMEOUT_MS = 60_000;

/**
 * Everything that writes job post documents: one post (the outbox handler in libs/jobs should call
 * `syncPost`), a set of posts (reconciliation, reindex catch-up) and the full stream (reindex).
 * Upserts and deletes are by id, so repeating any of them is harmless.
 */
@Injectable()
export class JobPostIndexerService implements SearchIndexBuilder {
  readonly name = INDEX_NAMES.jobPosts;
  readonly settings = JOB_POST_INDEX_SETTINGS;
  private readonly logger = new Logger(JobPostIndexerService.name);

  constructor(
    private readonly search: SearchClient,
    private readonly posts: JobPostService,
  ) {}

  get uid(): string {
    return this.search.indexUid(INDEX_NAMES.jobPosts);
  }

  /**
   * The documents of those of `ids` that are published now (others are absent from the map), and
   * the ids of published posts that cannot become a document (logged; left as they are in the index).
   */
  async publishedDocuments(
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, JobPostDocument>> {
    return (await this.documentsOf(ids, manager)).docs;
  }

  private async documentsOf(
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<{ docs: Map<string, JobPostDocument>; unusable: Set<string> }> {
    const docs = new Map<string, JobPostDocument>();
    const unusable = new Set<string>();
    if (ids.length === 0) return { docs, unusable };
    for (const row of await this.posts.publishedRecords(ids, manager)) {
      try {
        docs.set(row.id, jobPostRecordToDocument(row));
      } catch (err) {
        // One bad row (an unknown township code) must not hold back a batch of 200 others.
        this.logger.error({ err, jobPostId: row.id }, 'job post cannot be indexed');
        unusable.add(row.id);
      }
    }
    return { docs, unusable };
  }

  /** Upserts one post's document when it is published, deletes it otherwise. */
  syncPost(jobPostId: string, manager?: EntityManager, uid = this.uid): Promise<void> {
    return this.syncPosts([jobPostId], manager, uid).then(() => undefined);
  }

  /** Upserts the published ones of `ids` and deletes the rest; returns {upserted, deleted}. */
  async syncPosts(
    ids: readonly string[],
    manager?: EntityManager,
    uid = this.uid,
  ): Promise<{ upserted: number; deleted: number }> {
    const { docs, unusable } = await this.documentsOf(ids, manager);
    const gone = ids.filter((id) => !docs.has(id) && !unusable.has(id));
    const index = this.search.client.index<JobPostDocument>(uid);
    if (docs.size > 0) {
      await ensureIndex(this.search.client, uid, this.settings);
      await waitOk(
        index.addDocuments([...docs.values()], { primaryKey: INDEX_PRIMARY_KEY }),
        'upsert job posts',
      );
    }
    if (gone.length > 0) {
      const task = await index.deleteDocuments(gone).waitTask({ timeout: TASK_TIMEOUT_MS });
      // Deleting from an index that does not exist yet is "already absent".
      if (task.status === 'failed' && task.error?.code !== 'index_not_found') {
        throw new Error(`Meilisearch delete of job posts failed: ${task.error?.message}`);
      }
    }
    return { upserted: docs.size, deleted: gone.length };
  }

  /** Published posts in id order, `batchSize` at a time (keyset pagination on the primary key). */
  async *documents(batchSize = 2000): AsyncGenerator<JobPostDocument[]> {
    for await (const rows of this.posts.publishedBatches(batchSize)) {
      const docs: JobPostDocument[] = [];
      for (const row of rows) {
        try {
          docs.push(jobPostRecordToDocument(row));
        } catch (err) {
          // One bad row (an unknown township code) must not stop a rebuild of 100,000.
          this.logger.error({ err, jobPostId: row.id }, 'job post cannot be indexed');
        }
      }
      yield docs;
    }
  }

  /** Ids of published posts, in id order, in batches (reconciliation). */
  publishedIds(batchSize = 5000): AsyncGenerator<string[]> {
    return this.posts.publishedIdBatches(batchSize);
  }

  async syncChangedSince(since: Date, uid: string): Promise<number> {
    let total = 0;
    for await (const ids of this.posts.idsChangedSince(since)) {
      await this.syncPosts(ids, undefined, uid);
      total += ids.length;
    }
    return total;
  }
}
