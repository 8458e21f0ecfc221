import { Injectable, Logger } from '@nestjs/common';
import { JobContext, JobHandler, JobName, JobPayloads, SearchClient } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import {
  Availability,
  Education,
  INDEX_NAMES,
  INDEX_PRIMARY_KEY,
  SEEKER_INDEX_SETTINGS,
  SeekerForIndex,
  SeekerGroup,
  toSeekerDocument,
} from '@app/search';
import { CERTIFICATE_LEVEL_ZH, SeekerAvailability, SeekerCertificate } from './seeker-profile.constants';

const TASK_TIMEOUT_MS = 60_000;

const AVAILABILITY: Readonly<Record<SeekerAvailability, Availability>> = {
  immediately: 'immediate',
  'within-month': 'within-month',
  later: 'later',
};

interface IndexRow {
  user_id: string;
  birth_year: number | null;
  desired_occupations: string[];
  skills: string[];
  certificates: SeekerCertificate[];
  education: Education | null;
  township_code: string;
  wage_expectation_fen: string | null;
  availability: SeekerAvailability;
  groups: SeekerGroup[];
  searchable_by_employers: boolean;
  updated_at: Date;
}

/**
 * The feed of the staff/employer-facing `seekers` index: reloads the profile and upserts its
 * document while the seeker consents, deletes it otherwise (or when the profile is gone). Upserts
 * and deletes by id are safe to repeat. The document is built field by field by
 * `toSeekerDocument`; no name, ID number or phone reaches it. The age band comes from the birth
 * year the API stored (seeker_profiles.birth_year): the worker holds no key and decrypts nothing.
 */
@Injectable()
export class SeekerIndexHandler {
  private readonly logger = new Logger(SeekerIndexHandler.name);
  private settingsApplied: Promise<void> | null = null;

  constructor(private readonly search: SearchClient) {}

  @JobHandler(JobName.SeekerChanged)
  async handle(payload: JobPayloads[JobName.SeekerChanged], { manager }: JobContext): Promise<void> {
    const rows: IndexRow[] = await manager.query(
      `SELECT p.user_id, p.birth_year, p.desired_occupations, p.skills, p.certificates, p.education,
              p.township_code, p.wage_expectation_fen, p.availability, p.groups, p.searchable_by_employers,
              p.updated_at
         FROM seeker_profiles p
        WHERE p.user_id = $1`,
      [payload.seekerId],
    );
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
    const seeker: SeekerForIndex = {
      id: row.user_id,
      townshipCode: row.township_code,
      desiredOccupations: row.desired_occupations,
      skills: row.skills,
      certificates: row.certificates.map((c) => ({
        name: c.name,
        level: c.level ? CERTIFICATE_LEVEL_ZH[c.level] : null,
      })),
      education: row.education,
      wageExpectationFen: row.wage_expectation_fen === null ? null : Number(row.wage_expectation_fen),
      availability: AVAILABILITY[row.availability],
      birthYear: row.birth_year,
      groups: row.groups,
      consentToMatching: true,
      updatedAt: new Date(row.updated_at).toISOString(),
    };
    const doc = toSeekerDocument(seeker, todayInChina());
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
