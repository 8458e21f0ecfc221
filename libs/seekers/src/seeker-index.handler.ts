import { Injectable, Logger } from '@nestjs/common';
import { JobContext, JobHandler, JobName, JobPayloads, SearchClient } from '@app/platform';
import {
  INDEX_NAMES,
  INDEX_PRIMARY_KEY,
  SEEKER_INDEX_SETTINGS,
  SELECT_SEEKER_FOR_INDEX,
  SeekerIndexRow,
  seekerRowToDocument,
} from '@app/search';

const TASK_TIMEOUT_MS = 60_000;

/**
 * The feed of the staff/employer-facing `seekers` index: reloads the profile and upserts its
 * document while the seeker consents, deletes it otherwise (or when the profile is gone). Upserts
 * and deletes by id are safe to repeat. The document is built field by field by
 * `seekerRowToDocument`; no name, ID number or phone reaches it. The age band comes from the birth
 * year the API stored (seeker_profiles.birth_year): the worker holds no key and decrypts nothing.
 */
@Injectable()
export class SeekerIndexHandler {
  private readonly logger = new Logger(SeekerIndexHandler.name);
  private settingsApplied: Promise<void> | null = null;

  constructor(private readonly search: SearchClient) {}

  @JobHandler(JobName.SeekerChanged)
  async handle(payload: JobPayloads[JobName.SeekerChanged], { manager }: JobContext): Promise<void> {
    const rows: SeekerIndexRow[] = await manager.query(`${SELECT_SEEKER_FOR_INDEX} WHERE p.user_id = $1`, [
      payload.seekerId,
    ]);
    const row = rows[0];
    const index = this.search.client.index(this.search.indexUid(INDEX_NAMES.seekers));
    if (!row || !row.searchable_by_employers) {
      const task = await index.deleteDocument(payload.seekerId).waitTask({ timeout: TASK_TIMEOUT_MS });
      // Deleting from an index that does not exist yet is "already absent".
      if (task.status === 'failed' && task.error?.code !== 'index_not_found') {
        throw new Error(`Meilisearch delete of seeker ${payload.seekerId} failed: ${task.error?.message}`);
      }
      return;
    }
    await this.ensureIndex();
    // The same SQL and mapping as a rebuild (SeekerIndexerService), so both write the same document.
    const doc = seekerRowToDocument(row);
    const task = await index
      .addDocuments([doc], { primaryKey: INDEX_PRIMARY_KEY })
      .waitTask({ timeout: TASK_TIMEOUT_MS });
    if (task.status === 'failed') {
      throw new Error(`Meilisearch upsert of seeker ${row.user_id} failed: ${task.error?.message}`);
    }
  }

  /** Creates the index with its settings once per process (both are idempotent in Meilisearch). */
  private ensureIndex(): Promise<void> {
    this.settingsApplied ??= (async () => {
      const uid = this.search.indexUid(INDEX_NAMES.seekers);
      // An existing index makes this task fail with index_already_exists, which is what we want.
      await this.search.client
        .createIndex(uid, { primaryKey: INDEX_PRIMARY_KEY })
        .waitTask({ timeout: TASK_TIMEOUT_MS });
      const task = await this.search.client
        .index(uid)
        .updateSettings(SEEKER_INDEX_SETTINGS)
        .waitTask({ timeout: TASK_TIMEOUT_MS });
      if (task.status === 'failed') {
        throw new Error(`Meilisearch settings of ${uid} failed: ${task.error?.message}`);
      }
      this.logger.log({ index: uid }, 'seekers index ready');
    })().catch((err: unknown) => {
      this.settingsApplied = null;
      throw err;
    });
    return this.settingsApplied;
  }
}
