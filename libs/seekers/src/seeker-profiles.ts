import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  DifficultPerson,
  SeekerProfileRecord,
  SeekerProfileRepository,
  ZeroEmploymentMember,
} from './seeker-profile.repository';

/**
 * The seekers' profiles as other domains read them (matching, the seekers index, subsidies): no
 * personal data, no key needed, so the worker uses it too. Access checks are the caller's.
 */
@Injectable()
export class SeekerProfiles {
  constructor(private readonly profiles: SeekerProfileRepository) {}

  /** Profiles by id, for other domains (matching, subsidies); no access check, no personal data. */
  async records(ids: readonly string[], m?: EntityManager): Promise<Map<string, SeekerProfileRecord>> {
    return new Map((await this.profiles.getMany(ids, m)).map((p) => [p.userId, p]));
  }

  /** Every consenting seeker's profile in id order, `batchSize` at a time (the seekers index's rebuild). */
  async *consentingBatches(batchSize: number): AsyncGenerator<SeekerProfileRecord[]> {
    let after: string | null = null;
    for (;;) {
      const rows = await this.profiles.consentingAfter(after, batchSize);
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1].userId;
      if (rows.length < batchSize) return;
    }
  }

  /** Ids of profiles changed at or after `since`, in batches (a reindex's catch-up). */
  async *idsChangedSince(since: Date, batchSize = 1000): AsyncGenerator<string[]> {
    let after: string | null = null;
    for (;;) {
      const ids = await this.profiles.idsChangedSince(since, after, batchSize);
      if (ids.length === 0) return;
      yield ids;
      after = ids[ids.length - 1];
      if (ids.length < batchSize) return;
    }
  }

  /** Ids of the profiles with graduation facts, in batches. */
  async *graduateIdBatches(batchSize: number): AsyncGenerator<string[]> {
    for (let after: string | null = null; ;) {
      const ids = await this.profiles.graduateIdsAfter(after, batchSize);
      if (ids.length === 0) return;
      yield ids;
      after = ids[ids.length - 1];
    }
  }

  /**
   * Every member of a household flagged 零就业家庭: the profiles sharing a household code with a
   * profile that has the group 'zero-employment-family' (family members without the flag too), and
   * a flagged profile without a code as its own household (`person:<userId>`). By householdKey, userId.
   */
  zeroEmploymentHouseholdMembers(): Promise<ZeroEmploymentMember[]> {
    return this.profiles.zeroEmploymentHouseholdMembers();
  }

  /**
   * Every 就业困难人员 (group 'difficult'): the helper, the time of the latest assistance note and
   * when the profile was registered. By townshipCode, userId.
   */
  difficultPersons(): Promise<DifficultPerson[]> {
    return this.profiles.difficultPersons();
  }

  /** Consenting seekers for a post by Postgres (matching while Meilisearch is down). */
  matchCandidates(townshipCode: string | null, words: string[], limit: number) {
    return this.profiles.matchCandidates(townshipCode, words, limit);
  }
}
