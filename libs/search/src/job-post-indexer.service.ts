import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SearchClient } from '@app/platform';
import { INDEX_NAMES, INDEX_PRIMARY_KEY, JOB_POST_INDEX_SETTINGS } from './index-settings';
import type { EmployerSize } from '@app/subsidy-engine';
import type { EducationLevel } from '@app/seekers/vocabulary';
import type { EmploymentType } from '@app/jobs/vocabulary';
import { JobPostDocument, toJobPostDocument } from './job-post-document';
import { SearchIndexBuilder, ensureIndex, waitOk } from './search-index-setup.service';

/**
 * The row the index is built from: a job post (招聘岗位) with its employer's name (organisations)
 * and size and industry (enterprise_profiles). Read by SQL here, not through libs/jobs, because
 * libs/jobs imports libs/search; the columns are those of migration 1764300200000.
 */
export interface JobPostIndexRow {
  id: string;
  employer_id: string;
  employer_name: string;
  employer_size: string | null;
  employer_industry: string | null;
  title: string;
  occupation: string | null;
  headcount: number;
  township_code: string | null;
  place_text: string;
  employment_type: string;
  is_internship: boolean;
  wage_min_fen: string | null;
  wage_max_fen: string | null;
  education: string | null;
  age_min: number | null;
  age_max: number | null;
  skills: string[];
  description: string | null;
  deadline: string | null;
  status: string;
  published_at: Date | null;
  updated_at: Date;
}

export const SELECT_JOB_POST_FOR_INDEX = `
  SELECT j.id, j.employer_id, o.name AS employer_name, ep.size AS employer_size, ep.industry AS employer_industry,
         j.title, j.occupation, j.headcount, j.township_code, j.place_text, j.employment_type, j.is_internship,
         j.wage_min_fen, j.wage_max_fen, j.education, j.age_min, j.age_max, j.skills, j.description,
         to_char(j.deadline, 'YYYY-MM-DD') AS deadline, j.status, j.published_at, j.updated_at
    FROM job_posts j
    JOIN organisations o ON o.id = j.employer_id
    LEFT JOIN enterprise_profiles ep ON ep.organisation_id = j.employer_id`;

export function jobPostRowToDocument(row: JobPostIndexRow): JobPostDocument {
  return toJobPostDocument({
    id: row.id,
    title: row.title,
    occupation: row.occupation,
    industry: row.employer_industry,
    skills: row.skills ?? [],
    description: row.description,
    employerId: row.employer_id,
    employerName: row.employer_name,
    employerSize: row.employer_size as EmployerSize | null,
    townshipCode: row.township_code,
    placeText: row.place_text,
    employmentType: row.employment_type as EmploymentType,
    wageMinFen: row.wage_min_fen === null ? null : Number(row.wage_min_fen),
    wageMaxFen: row.wage_max_fen === null ? null : Number(row.wage_max_fen),
    education: row.education as EducationLevel | null,
    ageMin: row.age_min,
    ageMax: row.age_max,
    isInternship: row.is_internship,
    headcount: row.headcount,
    publishedAt: new Date(row.published_at ?? row.updated_at).toISOString(),
    deadline: row.deadline,
    status: row.status,
  });
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
    private readonly dataSource: DataSource,
  ) {}

  get uid(): string {
    return this.search.indexUid(INDEX_NAMES.jobPosts);
  }

  /** The documents of those of `ids` that are published now (others are absent from the map). */
  async publishedDocuments(
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, JobPostDocument>> {
    const out = new Map<string, JobPostDocument>();
    if (ids.length === 0) return out;
    const rows: JobPostIndexRow[] = await (manager ?? this.dataSource.manager).query(
      `${SELECT_JOB_POST_FOR_INDEX} WHERE j.id = ANY($1::uuid[]) AND j.status = 'published'`,
      [ids],
    );
    for (const row of rows) out.set(row.id, jobPostRowToDocument(row));
    return out;
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
    const docs = await this.publishedDocuments(ids, manager);
    const gone = ids.filter((id) => !docs.has(id));
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
    let after: string | null = null;
    for (;;) {
      const rows: JobPostIndexRow[] = await this.dataSource.query(
        `${SELECT_JOB_POST_FOR_INDEX}
          WHERE j.status = 'published' AND ($1::uuid IS NULL OR j.id > $1::uuid)
          ORDER BY j.id LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) return;
      const docs: JobPostDocument[] = [];
      for (const row of rows) {
        try {
          docs.push(jobPostRowToDocument(row));
        } catch (err) {
          // One bad row (an unknown township code) must not stop a rebuild of 100,000.
          this.logger.error({ err, jobPostId: row.id }, 'job post cannot be indexed');
        }
      }
      yield docs;
      after = rows[rows.length - 1].id;
      if (rows.length < batchSize) return;
    }
  }

  /** Ids of published posts, in id order, in batches (reconciliation). */
  async *publishedIds(batchSize = 5000): AsyncGenerator<string[]> {
    let after: string | null = null;
    for (;;) {
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM job_posts WHERE status = 'published' AND ($1::uuid IS NULL OR id > $1::uuid)
          ORDER BY id LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) return;
      yield rows.map((r) => r.id);
      after = rows[rows.length - 1].id;
      if (rows.length < batchSize) return;
    }
  }

  async syncChangedSince(since: Date, uid: string): Promise<number> {
    let total = 0;
    let after: string | null = null;
    for (;;) {
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM job_posts WHERE updated_at >= $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT 1000`,
        [since, after],
      );
      if (rows.length === 0) return total;
      await this.syncPosts(
        rows.map((r) => r.id),
        undefined,
        uid,
      );
      total += rows.length;
      after = rows[rows.length - 1].id;
    }
  }
}
