import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { wordMatchSql } from '@app/platform';
import type { GraduationLevel, PersonGroup } from '@app/subsidy-engine';
import type { SeekerCertificate } from './seeker-profile.constants';
import type { EducationLevel, SeekerAvailability } from './vocabulary';

/**
 * A seeker's profile (求职登记) as the seekers domain hands it out: camel case, dates as
 * YYYY-MM-DD, money in fen. Holds no name, ID number or phone (those are identity's).
 */
export interface SeekerProfileRecord {
  userId: string;
  desiredOccupations: string[];
  skills: string[];
  certificates: SeekerCertificate[];
  education: EducationLevel | null;
  townshipCode: string;
  wageExpectationFen: number | null;
  availability: SeekerAvailability;
  availableFrom: string | null;
  graduation: { date: string; level: GraduationLevel; province: string; fullTime: boolean } | null;
  registeredUnemployedSince: string | null;
  unemploymentInsuranceMonths: number | null;
  groups: PersonGroup[];
  /** 户号: members of one household carry the same code; null = a household of one. */
  householdCode: string | null;
  searchableByEmployers: boolean;
  consentChangedAt: Date | null;
  assistedBy: string | null;
  /** From the ID number, written by the API; what the worker may know of age. */
  birthYear: number | null;
  createdAt: Date;
  updatedAt: Date;
}

interface ProfileRow {
  user_id: string;
  desired_occupations: string[];
  skills: string[];
  certificates: SeekerCertificate[];
  education: EducationLevel | null;
  township_code: string;
  wage_expectation_fen: string | null;
  availability: SeekerAvailability;
  available_from: string | null;
  graduation_date: string | null;
  graduation_level: GraduationLevel | null;
  graduation_province: string | null;
  graduation_full_time: boolean | null;
  registered_unemployed_since: string | null;
  unemployment_insurance_months: number | null;
  groups: PersonGroup[];
  household_code: string | null;
  searchable_by_employers: boolean;
  consent_changed_at: Date | null;
  assisted_by: string | null;
  birth_year: number | null;
  created_at: Date;
  updated_at: Date;
}

/** Dates come back as `YYYY-MM-DD` text, never as JS Dates shifted by the host's time zone. */
const SELECT = `
  SELECT p.user_id, p.desired_occupations, p.skills, p.certificates, p.education, p.township_code,
         p.wage_expectation_fen, p.availability, to_char(p.available_from, 'YYYY-MM-DD') AS available_from,
         to_char(p.graduation_date, 'YYYY-MM-DD') AS graduation_date, p.graduation_level,
         p.graduation_province, p.graduation_full_time,
         to_char(p.registered_unemployed_since, 'YYYY-MM-DD') AS registered_unemployed_since,
         p.unemployment_insurance_months, p.groups, p.household_code, p.searchable_by_employers,
         p.consent_changed_at, p.assisted_by, p.birth_year, p.created_at, p.updated_at
    FROM seeker_profiles p`;

function toRecord(r: ProfileRow): SeekerProfileRecord {
  return {
    userId: r.user_id,
    desiredOccupations: r.desired_occupations,
    skills: r.skills,
    certificates: r.certificates.map((c) => ({ name: c.name, level: c.level ?? null, date: c.date ?? null })),
    education: r.education,
    townshipCode: r.township_code,
    wageExpectationFen: r.wage_expectation_fen === null ? null : Number(r.wage_expectation_fen),
    availability: r.availability,
    availableFrom: r.available_from,
    graduation:
      r.graduation_date && r.graduation_level && r.graduation_province !== null
        ? {
            date: r.graduation_date,
            level: r.graduation_level,
            province: r.graduation_province,
            fullTime: r.graduation_full_time === true,
          }
        : null,
    registeredUnemployedSince: r.registered_unemployed_since,
    unemploymentInsuranceMonths: r.unemployment_insurance_months,
    groups: r.groups,
    householdCode: r.household_code,
    searchableByEmployers: r.searchable_by_employers,
    consentChangedAt: r.consent_changed_at,
    assistedBy: r.assisted_by,
    birthYear: r.birth_year,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** What a profile write holds (a PUT by the seeker, or a staff registration). */
export interface ProfileWrite {
  desiredOccupations: string[];
  skills: string[];
  certificates: SeekerCertificate[];
  education: EducationLevel | null;
  townshipCode: string;
  wageExpectationFen: number | null;
  availability: SeekerAvailability;
  availableFrom: string | null;
  graduation: { date: string; level: GraduationLevel; province: string; fullTime: boolean } | null;
  registeredUnemployedSince: string | null;
  unemploymentInsuranceMonths: number | null;
  groups: PersonGroup[];
  householdCode: string | null;
}

/** A member of a household flagged 零就业家庭 (any member's profile has the group). */
export interface ZeroEmploymentMember {
  userId: string;
  /** household_code when set, else `person:<userId>` (a flagged person without a code is their own household). */
  householdKey: string;
  householdCode: string | null;
  townshipCode: string;
  assistedBy: string | null;
}

/** A 就业困难人员 (group 'difficult') with their helper and the time of the latest assistance note. */
export interface DifficultPerson {
  userId: string;
  townshipCode: string;
  assistedBy: string | null;
  lastNoteAt: Date | null;
  registeredAt: Date;
}

export interface AssistanceNoteRecord {
  id: string;
  seekerId: string;
  authorId: string;
  note: string;
  createdAt: Date;
}

/** The seekers' tables: seeker_profiles and seeker_assistance_notes. The only place their SQL is written. */
@Injectable()
export class SeekerProfileRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async get(id: string, m?: EntityManager, lock = false): Promise<SeekerProfileRecord | null> {
    const rows: ProfileRow[] = await this.m(m).query(
      `${SELECT} WHERE p.user_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async getMany(ids: readonly string[], m?: EntityManager): Promise<SeekerProfileRecord[]> {
    if (ids.length === 0) return [];
    const rows: ProfileRow[] = await this.m(m).query(`${SELECT} WHERE p.user_id = ANY($1::uuid[])`, [
      [...new Set(ids)],
    ]);
    return rows.map(toRecord);
  }

  async page(f: {
    townshipCodes: string[];
    group?: PersonGroup;
    /** Only these seekers (a name search's people). */
    userIds?: readonly string[];
    limit: number;
    offset: number;
  }): Promise<{ rows: SeekerProfileRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.userIds) {
      params.push([...f.userIds]);
      where.push(`p.user_id = ANY($${params.length}::uuid[])`);
    }
    for (const t of f.townshipCodes) {
      params.push(t);
      where.push(`p.township_code = $${params.length}`);
    }
    if (f.group) {
      params.push(f.group);
      where.push(`$${params.length} = ANY (p.groups)`);
    }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM seeker_profiles p${clause}`,
      params,
    );
    const rows: ProfileRow[] = await this.dataSource.query(
      `${SELECT}${clause} ORDER BY p.updated_at DESC, p.user_id ASC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { rows: rows.map(toRecord), total: n };
  }

  /** Creates or replaces the profile; consent and the assisting staff member are kept. */
  async upsert(
    m: EntityManager,
    userId: string,
    w: ProfileWrite,
    staffId: string | null,
    birthYear: number | null,
  ): Promise<void> {
    await m.query(
      `INSERT INTO seeker_profiles (user_id, desired_occupations, skills, certificates, education, township_code,
         wage_expectation_fen, availability, available_from, graduation_date, graduation_level, graduation_province,
         graduation_full_time, registered_unemployed_since, unemployment_insurance_months, groups, created_by,
         assisted_by, birth_year, household_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18, $19)
       ON CONFLICT (user_id) DO UPDATE SET
         desired_occupations = EXCLUDED.desired_occupations, skills = EXCLUDED.skills,
         certificates = EXCLUDED.certificates, education = EXCLUDED.education, township_code = EXCLUDED.township_code,
         wage_expectation_fen = EXCLUDED.wage_expectation_fen, availability = EXCLUDED.availability,
         available_from = EXCLUDED.available_from, graduation_date = EXCLUDED.graduation_date,
         graduation_level = EXCLUDED.graduation_level, graduation_province = EXCLUDED.graduation_province,
         graduation_full_time = EXCLUDED.graduation_full_time,
         registered_unemployed_since = EXCLUDED.registered_unemployed_since,
         unemployment_insurance_months = EXCLUDED.unemployment_insurance_months, groups = EXCLUDED.groups,
         household_code = EXCLUDED.household_code, birth_year = EXCLUDED.birth_year, updated_at = now()`,
      [
        userId,
        w.desiredOccupations,
        w.skills,
        JSON.stringify(w.certificates),
        w.education,
        w.townshipCode,
        w.wageExpectationFen,
        w.availability,
        w.availableFrom,
        w.graduation?.date ?? null,
        w.graduation?.level ?? null,
        w.graduation?.province ?? null,
        w.graduation?.fullTime ?? null,
        w.registeredUnemployedSince,
        w.unemploymentInsuranceMonths,
        w.groups,
        staffId,
        birthYear,
        w.householdCode,
      ],
    );
  }

  async setConsent(m: EntityManager, userId: string, searchable: boolean): Promise<void> {
    await m.query(
      `UPDATE seeker_profiles
          SET searchable_by_employers = $2, consent_changed_at = now(), updated_at = now()
        WHERE user_id = $1`,
      [userId, searchable],
    );
  }

  async addNote(m: EntityManager, seekerId: string, authorId: string, note: string): Promise<string> {
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO seeker_assistance_notes (seeker_id, author_id, note) VALUES ($1, $2, $3) RETURNING id`,
      [seekerId, authorId, note],
    );
    // The first staff member who helps becomes the seeker's contact (帮扶责任人) unless one is set.
    await m.query(`UPDATE seeker_profiles SET assisted_by = $2 WHERE user_id = $1 AND assisted_by IS NULL`, [
      seekerId,
      authorId,
    ]);
    return inserted[0].id;
  }

  async notes(f: { seekerId?: string; noteId?: string }): Promise<AssistanceNoteRecord[]> {
    const rows: { id: string; seeker_id: string; author_id: string; note: string; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT id, seeker_id, author_id, note, created_at FROM seeker_assistance_notes
          WHERE ${f.noteId ? 'id = $1' : 'seeker_id = $1'} ORDER BY created_at ASC, id ASC`,
        [f.noteId ?? f.seekerId],
      );
    return rows.map((r) => ({
      id: r.id,
      seekerId: r.seeker_id,
      authorId: r.author_id,
      note: r.note,
      createdAt: r.created_at,
    }));
  }

  /** Consenting profiles in id order after `after` (reindex). */
  async consentingAfter(after: string | null, limit: number): Promise<SeekerProfileRecord[]> {
    const rows: ProfileRow[] = await this.dataSource.query(
      `${SELECT} WHERE p.searchable_by_employers AND ($1::uuid IS NULL OR p.user_id > $1::uuid)
        ORDER BY p.user_id LIMIT $2`,
      [after, limit],
    );
    return rows.map(toRecord);
  }

  /** Ids of profiles with graduation facts, in id order after `after` (the job-search subsidy's reconciliation). */
  async graduateIdsAfter(after: string | null, limit: number): Promise<string[]> {
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT user_id FROM seeker_profiles
        WHERE graduation_date IS NOT NULL AND ($1::uuid IS NULL OR user_id > $1::uuid) ORDER BY user_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.user_id);
  }

  async idsChangedSince(since: Date, after: string | null, limit: number): Promise<string[]> {
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT user_id FROM seeker_profiles
        WHERE updated_at >= $1 AND ($2::uuid IS NULL OR user_id > $2::uuid) ORDER BY user_id LIMIT $3`,
      [since, after, limit],
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * Consenting seekers for a post by Postgres (matching while Meilisearch is down): of the
   * township, or whose wished-for occupations or skills contain one of the words (through the
   * bigram index, confirmed by ILIKE); newest first.
   */
  async matchCandidates(townshipCode: string | null, words: string[], limit: number) {
    const values: unknown[] = [townshipCode, limit];
    const p = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    const literal = (pattern: string) =>
      `EXISTS (SELECT 1 FROM unnest(p.desired_occupations || p.skills) AS w WHERE w ILIKE ${pattern} ESCAPE '\\')`;
    const byWord = words.map((w) => wordMatchSql(w, 'p.search_grams', literal, p));
    const rows: ProfileRow[] = await this.dataSource.query(
      `${SELECT}
        WHERE p.searchable_by_employers
          AND (p.township_code = $1${byWord.map((w) => ` OR ${w}`).join('')})
        ORDER BY p.updated_at DESC, p.user_id LIMIT $2`,
      values,
    );
    return rows.map(toRecord);
  }

  /**
   * Every profile of a household where at least one profile has the group 'zero-employment-family':
   * a household is the profiles sharing a household_code, or a profile without one alone.
   */
  async zeroEmploymentHouseholdMembers(): Promise<ZeroEmploymentMember[]> {
    const rows: {
      user_id: string;
      household_key: string;
      household_code: string | null;
      township_code: string;
      assisted_by: string | null;
    }[] = await this.dataSource.query(
      `SELECT p.user_id, COALESCE(p.household_code, 'person:' || p.user_id::text) AS household_key,
              p.household_code, p.township_code, p.assisted_by
         FROM seeker_profiles p
        WHERE p.groups @> ARRAY['zero-employment-family']::text[]
           OR p.household_code IN (SELECT f.household_code FROM seeker_profiles f
                                    WHERE f.groups @> ARRAY['zero-employment-family']::text[]
                                      AND f.household_code IS NOT NULL)
        ORDER BY household_key, p.user_id`,
    );
    return rows.map((r) => ({
      userId: r.user_id,
      householdKey: r.household_key,
      householdCode: r.household_code,
      townshipCode: r.township_code,
      assistedBy: r.assisted_by,
    }));
  }

  /** Every profile with the group 'difficult', its helper and its latest assistance note's time. */
  async difficultPersons(): Promise<DifficultPerson[]> {
    const rows: {
      user_id: string;
      township_code: string;
      assisted_by: string | null;
      last_note_at: Date | null;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT p.user_id, p.township_code, p.assisted_by, p.created_at,
              (SELECT max(n.created_at) FROM seeker_assistance_notes n WHERE n.seeker_id = p.user_id) AS last_note_at
         FROM seeker_profiles p
        WHERE p.groups @> ARRAY['difficult']::text[]
        ORDER BY p.township_code, p.user_id`,
    );
    return rows.map((r) => ({
      userId: r.user_id,
      townshipCode: r.township_code,
      assistedBy: r.assisted_by,
      lastNoteAt: r.last_note_at,
      registeredAt: r.created_at,
    }));
  }

  /** Profiles still without a birth year after `after` (keyset order), locked for the backfill. */
  async lockWithoutBirthYear(
    m: EntityManager,
    after: string | null,
    limit: number,
  ): Promise<{ userId: string; searchable: boolean }[]> {
    const rows: { user_id: string; searchable_by_employers: boolean }[] = await m.query(
      `SELECT user_id, searchable_by_employers FROM seeker_profiles
        WHERE birth_year IS NULL AND ($1::uuid IS NULL OR user_id > $1::uuid)
        ORDER BY user_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [after, limit],
    );
    return rows.map((r) => ({ userId: r.user_id, searchable: r.searchable_by_employers }));
  }

  /** updated_at stays: the seeker changed nothing. */
  async setBirthYears(m: EntityManager, years: { userId: string; year: number }[]): Promise<void> {
    if (years.length === 0) return;
    await m.query(
      `UPDATE seeker_profiles p SET birth_year = v.year
         FROM unnest($1::uuid[], $2::smallint[]) AS v (user_id, year)
        WHERE p.user_id = v.user_id AND p.birth_year IS NULL`,
      [years.map((y) => y.userId), years.map((y) => y.year)],
    );
  }
}
