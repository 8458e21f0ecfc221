import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SearchClient } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { INDEX_NAMES, INDEX_PRIMARY_KEY, SEEKER_INDEX_SETTINGS } from './index-settings';
import { CERTIFICATE_LEVEL_NAMES, type PersonGroup } from '@app/subsidy-engine';
import type { EducationLevel } from '@app/seekers/vocabulary';
import { SeekerDocument, SeekerForIndex, toSeekerDocument } from './seeker-document';
import { SearchIndexBuilder, ensureIndex, waitOk } from './search-index-setup.service';

const TASK_TIMEOUT_MS = 60_000;

/**
 * The seeker_profiles columns the `seekers` index is built from (migrations 1764300300000 and
 * 1764300500000), read by SQL here because libs/seekers imports libs/search. libs/seekers'
 * SeekerIndexHandler (the outbox feed) reads and maps them with the same SQL and function, so a
 * rebuild and the feed write identical documents.
 */
export interface SeekerIndexRow {
  user_id: string;
  /** From the ID number, written by the API (libs/seekers); null when there is none. */
  birth_year: number | null;
  desired_occupations: string[];
  skills: string[];
  certificates: { name: string; level: 'junior' | 'intermediate' | 'senior' | null }[];
  education: EducationLevel | null;
  township_code: string;
  wage_expectation_fen: string | null;
  availability: 'immediately' | 'within-month' | 'later';
  groups: PersonGroup[];
  searchable_by_employers: boolean;
  updated_at: Date;
}

export const SELECT_SEEKER_FOR_INDEX = `
  SELECT p.user_id, p.birth_year, p.desired_occupations, p.skills, p.certificates, p.education,
         p.township_code, p.wage_expectation_fen, p.availability, p.groups, p.searchable_by_employers,
         p.updated_at
    FROM seeker_profiles p`;

/**
 * The `seekers` index's builder (reindex, start-up index creation): every consenting seeker
 * (求职意向公开), nobody else. No name, ID number or phone reaches a document, and nothing is
 * decrypted: the age band comes from the stored birth year.
 */
@Injectable()
export class SeekerIndexerService implements SearchIndexBuilder {
  readonly name = INDEX_NAMES.seekers;
  readonly settings = SEEKER_INDEX_SETTINGS;

  constructor(
    private readonly search: SearchClient,
    private readonly dataSource: DataSource,
  ) {}

  get uid(): string {
    return this.search.indexUid(INDEX_NAMES.seekers);
  }

  toDocument(row: SeekerIndexRow, today = todayInChina()): SeekerDocument {
    return seekerRowToDocument(row, today);
  }

  /** Consenting seekers in id order, `batchSize` at a time (keyset pagination). */
  async *documents(batchSize = 2000): AsyncGenerator<SeekerDocument[]> {
    let after: string | null = null;
    const today = todayInChina();
    for (;;) {
      const rows: SeekerIndexRow[] = await this.dataSource.query(
        `${SELECT_SEEKER_FOR_INDEX}
          WHERE p.searchable_by_employers AND ($1::uuid IS NULL OR p.user_id > $1::uuid)
          ORDER BY p.user_id LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) return;
      yield rows.map((r) => this.toDocument(r, today));
      after = rows[rows.length - 1].user_id;
      if (rows.length < batchSize) return;
    }
  }

  /** Upserts the consenting ones of `ids`, deletes the rest (withdrawn consent, no profile). */
  async syncSeekers(ids: readonly string[], uid = this.uid): Promise<{ upserted: number; deleted: number }> {
    if (ids.length === 0) return { upserted: 0, deleted: 0 };
    const rows: SeekerIndexRow[] = await this.dataSource.query(
      `${SELECT_SEEKER_FOR_INDEX} WHERE p.user_id = ANY($1::uuid[]) AND p.searchable_by_employers`,
      [ids],
    );
    const docs = rows.map((r) => this.toDocument(r));
    const kept = new Set(docs.map((d) => d.id));
    const gone = ids.filter((id) => !kept.has(id));
    const index = this.search.client.index<SeekerDocument>(uid);
    if (docs.length > 0) {
      await ensureIndex(this.search.client, uid, this.settings);
      await waitOk(index.addDocuments(docs, { primaryKey: INDEX_PRIMARY_KEY }), 'upsert seekers');
    }
    if (gone.length > 0) {
      const task = await index.deleteDocuments(gone).waitTask({ timeout: TASK_TIMEOUT_MS });
      if (task.status === 'failed' && task.error?.code !== 'index_not_found') {
        throw new Error(`Meilisearch delete of seekers failed: ${task.error?.message}`);
      }
    }
    return { upserted: docs.length, deleted: gone.length };
  }

  async syncChangedSince(since: Date, uid: string): Promise<number> {
    let total = 0;
    let after: string | null = null;
    for (;;) {
      const rows: { user_id: string }[] = await this.dataSource.query(
        `SELECT user_id FROM seeker_profiles
          WHERE updated_at >= $1 AND ($2::uuid IS NULL OR user_id > $2::uuid) ORDER BY user_id LIMIT 1000`,
        [since, after],
      );
      if (rows.length === 0) return total;
      await this.syncSeekers(
        rows.map((r) => r.user_id),
        uid,
      );
      total += rows.length;
      after = rows[rows.length - 1].user_id;
    }
  }
}

/** A profile row → its `seekers` document (consenting seekers only reach this). */
export function seekerRowToDocument(row: SeekerIndexRow, today = todayInChina()): SeekerDocument {
  const seeker: SeekerForIndex = {
    id: row.user_id,
    townshipCode: row.township_code,
    desiredOccupations: row.desired_occupations,
    skills: row.skills,
    certificates: row.certificates.map((c) => ({
      name: c.name,
      level: c.level ? CERTIFICATE_LEVEL_NAMES[c.level] : null,
    })),
    education: row.education,
    wageExpectationFen: row.wage_expectation_fen === null ? null : Number(row.wage_expectation_fen),
    availability: row.availability,
    birthYear: row.birth_year,
    groups: row.groups,
    consentToMatching: true,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
  return toSeekerDocument(seeker, today);
}
