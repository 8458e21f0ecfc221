import { Injectable } from '@nestjs/common';
import { SearchClient } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { INDEX_NAMES, INDEX_PRIMARY_KEY, SEEKER_INDEX_SETTINGS } from './index-settings';
import { CERTIFICATE_LEVEL_NAMES } from '@app/subsidy-engine';
import { SeekerProfileRecord, SeekerProfiles } from '@app/seekers';
import { SeekerDocument, SeekerForIndex, toSeekerDocument } from './seeker-document';
import { SearchIndexBuilder, ensureIndex, waitOk } from './search-index-setup.service';

const TASK_TIMEOUT_MS = 60_000;

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
    private readonly seekers: SeekerProfiles,
  ) {}

  get uid(): string {
    return this.search.indexUid(INDEX_NAMES.seekers);
  }

  toDocument(row: SeekerProfileRecord, today = todayInChina()): SeekerDocument {
    return seekerProfileToDocument(row, today);
  }

  /** Consenting seekers in id order, `batchSize` at a time (keyset pagination). */
  async *documents(batchSize = 2000): AsyncGenerator<SeekerDocument[]> {
    const today = todayInChina();
    for await (const rows of this.seekers.consentingBatches(batchSize)) {
      yield rows.map((r) => this.toDocument(r, today));
    }
  }

  /** Upserts the consenting ones of `ids`, deletes the rest (withdrawn consent, no profile). */
  async syncSeekers(ids: readonly string[], uid = this.uid): Promise<{ upserted: number; deleted: number }> {
    if (ids.length === 0) return { upserted: 0, deleted: 0 };
    const profiles = await this.seekers.records(ids);
    const docs = [...profiles.values()].filter((p) => p.searchableByEmployers).map((r) => this.toDocument(r));
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
    for await (const ids of this.seekers.idsChangedSince(since)) {
      await this.syncSeekers(ids, uid);
      total += ids.length;
    }
    return total;
  }
}

/** A profile → its `seekers` document (consenting seekers only reach this). */
export function seekerProfileToDocument(p: SeekerProfileRecord, today = todayInChina()): SeekerDocument {
  const seeker: SeekerForIndex = {
    id: p.userId,
    townshipCode: p.townshipCode,
    desiredOccupations: p.desiredOccupations,
    skills: p.skills,
    certificates: p.certificates.map((c) => ({
      name: c.name,
      level: c.level ? CERTIFICATE_LEVEL_NAMES[c.level] : null,
    })),
    education: p.education,
    wageExpectationFen: p.wageExpectationFen,
    availability: p.availability,
    birthYear: p.birthYear,
    groups: p.groups,
    consentToMatching: true,
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
  return toSeekerDocument(seeker, today);
}
