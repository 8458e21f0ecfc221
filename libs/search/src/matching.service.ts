import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, SearchClient } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { AuthUser } from '@app/identity';
import { POLICY_REGISTRY } from '@app/subsidies';
import {
  CERTIFICATE_LEVEL_NAMES,
  type CertificateLevel,
  type GraduationLevel,
  type PolicyRegistry,
} from '@app/subsidy-engine';
import { mayManage } from '../../jobs/src/job-post.service';
import { JobPostRow, SELECT_JOB_POST } from '../../jobs/src/job-post.sql';
import { INDEX_NAMES } from './index-settings';
import type { EmployerSize } from '@app/subsidy-engine';
import type { EducationLevel, SeekerAvailability } from '@app/seekers/vocabulary';
import { JobPostDocument } from './job-post-document';
import { JobPostIndexRow, SELECT_JOB_POST_FOR_INDEX, jobPostRowToDocument } from './job-post-indexer.service';
import {
  JOB_POST_HIT_ATTRIBUTES,
  MEILI_RETRY_AFTER_MS,
  MEILI_SEARCH_TIMEOUT_MS,
} from './job-post-search.service';
import {
  CandidateMatchView,
  CandidateSeekerView,
  MATCH_LIMIT_DEFAULT,
  PostCandidatesView,
  PostMatchView,
  SeekerMatchesView,
} from './matching.dto';
import { COUNTY_REGION, EntitlementPostFacts, entitlementHint } from './matching/entitlement-hint';
import { PostForMatch, SeekerForMatch, scoreMatch } from './matching/scoring';
import type { PersonGroup } from '@app/subsidy-engine';
import { Certificate, SeekerDocument, toSeekerDocument } from './seeker-document';
import { synonymsOf } from './synonyms/synonyms';

/** Candidates taken from the index before re-ranking. */
export const MATCH_CANDIDATES = 100;
/** Candidates of the degraded (Postgres) path. */
export const MATCH_FALLBACK_CANDIDATES = 200;

/** The profile facts matching reads (seeker_profiles; no name, ID number or phone). */
interface ProfileRow {
  user_id: string;
  desired_occupations: string[];
  skills: string[];
  certificates: { name: string; level: CertificateLevel | null }[];
  education: EducationLevel | null;
  township_code: string;
  wage_expectation_fen: string | null;
  availability: SeekerAvailability;
  graduation_date: string | null;
  graduation_level: GraduationLevel | null;
  graduation_province: string | null;
  graduation_full_time: boolean | null;
  registered_unemployed_since: string | null;
  unemployment_insurance_months: number | null;
  groups: PersonGroup[];
  searchable_by_employers: boolean;
  birth_year: number | null;
  updated_at: Date;
}

const SELECT_PROFILE = `
  SELECT p.user_id, p.desired_occupations, p.skills, p.certificates, p.education, p.township_code,
         p.wage_expectation_fen, p.availability, to_char(p.graduation_date, 'YYYY-MM-DD') AS graduation_date,
         p.graduation_level, p.graduation_province, p.graduation_full_time,
         to_char(p.registered_unemployed_since, 'YYYY-MM-DD') AS registered_unemployed_since,
         p.unemployment_insurance_months, p.groups, p.searchable_by_employers, p.birth_year, p.updated_at
    FROM seeker_profiles p`;

const SEEKER_HIT_ATTRIBUTES: (keyof SeekerDocument)[] = [
  'id',
  'township',
  'townshipCode',
  'desiredOccupations',
  'skills',
  'certificates',
  'certificateNames',
  'education',
  'wageExpectationFen',
  'availability',
  'ageBand',
  'groups',
];

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const unique = (words: string[]) => [...new Set(words.map((w) => w.trim()).filter(Boolean))];

function profileToSeeker(p: ProfileRow): SeekerForMatch {
  return {
    desiredOccupations: p.desired_occupations,
    skills: p.skills,
    certificates: p.certificates.map((c) => ({
      name: c.name,
      level: c.level ? CERTIFICATE_LEVEL_NAMES[c.level] : null,
    })),
    education: p.education,
    townshipCode: p.township_code,
    wageExpectationFen: p.wage_expectation_fen === null ? null : Number(p.wage_expectation_fen),
    availability: p.availability,
    groups: p.groups,
    // Only the birth year is stored, and an age outside a post's range halves the score: a year's
    // imprecision would halve some scores wrongly, so age stays out of scoring (the band is shown).
    age: null,
  };
}

/** `焊工证 中级` (the index's certificate string) back into name and level. */
function documentCertificates(d: Pick<SeekerDocument, 'certificates' | 'certificateNames'>): Certificate[] {
  return (d.certificateNames ?? []).map((name, i) => {
    const full = d.certificates?.[i] ?? name;
    const level = full.startsWith(`${name} `) ? full.slice(name.length + 1) : null;
    return { name, level };
  });
}

function documentToSeeker(d: SeekerDocument): SeekerForMatch {
  return {
    desiredOccupations: d.desiredOccupations ?? [],
    skills: d.skills ?? [],
    certificates: documentCertificates(d),
    education: d.education ?? null,
    townshipCode: d.townshipCode ?? null,
    wageExpectationFen: d.wageExpectationFen ?? null,
    availability: d.availability,
    groups: d.groups ?? [],
    age: null,
  };
}

type PostHit = Pick<JobPostDocument, (typeof JOB_POST_HIT_ATTRIBUTES)[number]>;

function documentToPost(d: PostHit): PostForMatch {
  return {
    title: d.title,
    occupation: d.occupation ?? null,
    skills: d.skills ?? [],
    education: d.education ?? null,
    townshipCode: d.townshipCode ?? null,
    placeText: d.placeText,
    wageMinFen: d.wageMinFen ?? null,
    wageMaxFen: d.wageMaxFen ?? null,
    ageMin: d.ageMin ?? null,
    ageMax: d.ageMax ?? null,
    isInternship: d.isInternship,
  };
}

function candidateView(d: SeekerDocument): CandidateSeekerView {
  // Field by field: nothing else of the document (groups) or the profile leaves the service.
  return {
    id: d.id,
    township: d.township ?? null,
    townshipCode: d.townshipCode ?? null,
    desiredOccupations: d.desiredOccupations ?? [],
    skills: d.skills ?? [],
    certificates: d.certificates ?? [],
    education: d.education ?? null,
    ageBand: d.ageBand ?? null,
    wageExpectationFen: d.wageExpectationFen ?? null,
    availability: d.availability,
  };
}

/**
 * Matching (人岗匹配): seeker → posts and post → seekers. Candidates come from Meilisearch (one
 * query per wish, `matchingStrategy: 'last'`, county synonyms apply), then the pure `scoreMatch`
 * re-ranks them and explains each result in Chinese. When Meilisearch is down or slow, a simple
 * Postgres query (same township or a matching word by ILIKE) supplies the candidates and the
 * answer says `degraded: true`. For post → seekers, the employer's likely subsidy for the hire
 * (subsidy engine) is one of the reasons.
 */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);
  /** After a Meilisearch failure, matching goes straight to Postgres this long (as the public search). */
  private meiliDownUntil = 0;

  constructor(
    private readonly search: SearchClient,
    private readonly dataSource: DataSource,
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
  ) {}

  /**
   * Candidates from Meilisearch, or from Postgres when it fails or is slow — and for
   * MEILI_RETRY_AFTER_MS after a failure, so a hung Meilisearch costs one timeout, not one per request.
   */
  private async fromIndexOrPostgres<T>(
    fromIndex: () => Promise<T>,
    fromPostgres: () => Promise<T>,
  ): Promise<{ value: T; degraded: boolean }> {
    if (Date.now() >= this.meiliDownUntil) {
      try {
        return { value: await fromIndex(), degraded: false };
      } catch (err) {
        this.meiliDownUntil = Date.now() + MEILI_RETRY_AFTER_MS;
        this.logger.warn(
          { err: (err as Error).message },
          'Meilisearch unavailable for matching; using Postgres',
        );
      }
    }
    return { value: await fromPostgres(), degraded: true };
  }

  // ---- seeker → posts ----

  async matchesForSeeker(actor: AuthUser, limit = MATCH_LIMIT_DEFAULT): Promise<SeekerMatchesView> {
    const rows: ProfileRow[] = await this.dataSource.query(`${SELECT_PROFILE} WHERE p.user_id = $1`, [
      actor.id,
    ]);
    const profile = rows[0];
    if (!profile) {
      throw new DomainError(
        'seeker-profile-missing',
        'No seeker profile yet: fill in your profile (PUT /api/v1/seekers/me) with the work you want, then ask for matches',
        404,
      );
    }
    const seeker = profileToSeeker(profile);
    const { value: posts, degraded } = await this.fromIndexOrPostgres(
      () => this.postCandidatesFromIndex(seeker),
      () => this.postCandidatesFromPostgres(seeker),
    );
    const matches: (PostMatchView & { publishedAtTs: number })[] = posts.map((d) => ({
      post: {
        id: d.id,
        title: d.title,
        employerName: d.employerName,
        township: d.township ?? null,
        placeText: d.placeText,
        wageMinFen: d.wageMinFen ?? null,
        wageMaxFen: d.wageMaxFen ?? null,
        employmentType: d.employmentType,
      },
      ...scoreMatch(seeker, documentToPost(d)),
      publishedAtTs: d.publishedAtTs,
    }));
    matches.sort(
      (a, b) => b.score - a.score || b.publishedAtTs - a.publishedAtTs || (a.post.id < b.post.id ? -1 : 1),
    );
    return {
      matches: matches
        .slice(0, limit)
        .map(({ post, score, reasons, parts }) => ({ post, score, reasons, parts })),
      degraded,
    };
  }

  /** The words a seeker is looked for by: each wish alone, then skills and certificates together. */
  private seekerQueries(seeker: SeekerForMatch): string[] {
    const qs = unique(seeker.desiredOccupations);
    const extra = unique([...seeker.skills, ...seeker.certificates.map((c) => c.name)]).join(' ');
    if (extra) qs.push(extra);
    return qs;
  }

  private async postCandidatesFromIndex(seeker: SeekerForMatch): Promise<PostHit[]> {
    const indexUid = this.search.indexUid(INDEX_NAMES.jobPosts);
    const nowTs = Math.floor(Date.now() / 1000);
    const filter = ['status = "published"', `(deadlineTs IS NULL OR deadlineTs >= ${nowTs})`];
    const base = { indexUid, filter, limit: MATCH_CANDIDATES, attributesToRetrieve: JOB_POST_HIT_ATTRIBUTES };
    const queries = this.seekerQueries(seeker).map((q) => ({
      ...base,
      q,
      matchingStrategy: 'last' as const,
    }));
    // Posts near home are candidates too, whatever their words.
    if (seeker.townshipCode) {
      queries.push({
        ...base,
        q: '',
        matchingStrategy: 'last',
        filter: [...filter, `townshipCode = "${seeker.townshipCode.replace(/["\\]/g, '')}"`],
      });
    }
    const res = await this.search.client.multiSearch<{ queries: typeof queries }, PostHit>(
      { queries },
      { signal: AbortSignal.timeout(MEILI_SEARCH_TIMEOUT_MS) },
    );
    return this.interleave(res.results.map((r) => r.hits as PostHit[]));
  }

  private async postCandidatesFromPostgres(seeker: SeekerForMatch): Promise<PostHit[]> {
    const words = unique(
      this.seekerQueries(seeker)
        .flatMap((q) => q.split(/\s+/))
        .flatMap((w) => [w, ...synonymsOf(w)]),
    );
    const rows: JobPostIndexRow[] = await this.dataSource.query(
      `${SELECT_JOB_POST_FOR_INDEX}
        WHERE j.status = 'published' AND (j.deadline IS NULL OR j.deadline >= $1::date)
          AND (j.township_code = $2 OR j.title ILIKE ANY ($3::text[]) OR j.occupation ILIKE ANY ($3::text[])
               OR array_to_string(j.skills, ' ') ILIKE ANY ($3::text[]))
        ORDER BY j.published_at DESC, j.id LIMIT $4`,
      [todayInChina(), seeker.townshipCode, words.map(escapeLike), MATCH_FALLBACK_CANDIDATES],
    );
    const out: PostHit[] = [];
    for (const row of rows) {
      try {
        out.push(jobPostRowToDocument(row));
      } catch (err) {
        this.logger.error({ err, jobPostId: row.id }, 'job post cannot be matched');
      }
    }
    return out;
  }

  // ---- post → seekers ----

  async candidatesForPost(
    actor: AuthUser,
    postId: string,
    limit = MATCH_LIMIT_DEFAULT,
  ): Promise<PostCandidatesView> {
    const rows: JobPostRow[] = await this.dataSource.query(`${SELECT_JOB_POST} WHERE j.id = $1`, [postId]);
    const row = rows[0];
    // The jobs service's rule: whoever manages the post's enterprise; everyone else learns nothing.
    if (!row || !mayManage(actor, row)) throw DomainError.notFound('Job post');
    const post: PostForMatch = {
      title: row.title,
      occupation: row.occupation,
      skills: row.skills ?? [],
      education: row.education as EducationLevel | null,
      townshipCode: row.township_code,
      placeText: row.place_text,
      wageMinFen: row.wage_min_fen === null ? null : Number(row.wage_min_fen),
      wageMaxFen: row.wage_max_fen === null ? null : Number(row.wage_max_fen),
      ageMin: row.age_min,
      ageMax: row.age_max,
      isInternship: row.is_internship,
    };
    const { value: docs, degraded } = await this.fromIndexOrPostgres(
      () => this.seekerCandidatesFromIndex(post),
      () => this.seekerCandidatesFromPostgres(post),
    );
    // Postgres decides consent now (the index may lag a withdrawal by a moment), and holds the facts
    // the subsidy engine needs (graduation, registration as unemployed).
    const profiles = await this.profilesOf(docs.map((d) => d.id));
    const postFacts: EntitlementPostFacts = {
      employerSize: (row.employer_size as EmployerSize | null) ?? null,
      jobLocation: row.township_code
        ? COUNTY_REGION
        : row.outside_province
          ? {
              province: row.outside_province,
              ...(row.outside_city ? { city: row.outside_city } : {}),
              ...(row.outside_county ? { county: row.outside_county } : {}),
            }
          : null,
    };
    const today = todayInChina();
    const candidates: CandidateMatchView[] = [];
    for (const d of docs) {
      const p = profiles.get(d.id);
      if (!p || !p.searchable_by_employers) continue;
      const hint = entitlementHint(
        postFacts,
        {
          groups: p.groups,
          graduation:
            p.graduation_date && p.graduation_level
              ? {
                  date: p.graduation_date,
                  level: p.graduation_level,
                  ...(p.graduation_province ? { province: p.graduation_province } : {}),
                  ...(p.graduation_full_time !== null ? { fullTime: p.graduation_full_time } : {}),
                }
              : null,
          registeredUnemployedSince: p.registered_unemployed_since,
          unemploymentInsuranceMonths: p.unemployment_insurance_months,
        },
        this.registry,
        today,
      );
      const result = scoreMatch(documentToSeeker(d), post, { subsidyReason: hint.reason });
      candidates.push({ seeker: candidateView(d), ...result });
    }
    candidates.sort((a, b) => b.score - a.score || (a.seeker.id < b.seeker.id ? -1 : 1));
    return { candidates: candidates.slice(0, limit), degraded };
  }

  private postQueries(post: PostForMatch): string[] {
    const qs = unique([post.occupation ?? '', post.title]);
    const skills = unique(post.skills).join(' ');
    if (skills) qs.push(skills);
    return qs;
  }

  private async seekerCandidatesFromIndex(post: PostForMatch): Promise<SeekerDocument[]> {
    const indexUid = this.search.indexUid(INDEX_NAMES.seekers);
    const filter = ['consentToMatching = true'];
    const base = { indexUid, filter, limit: MATCH_CANDIDATES, attributesToRetrieve: SEEKER_HIT_ATTRIBUTES };
    const queries = this.postQueries(post).map((q) => ({ ...base, q, matchingStrategy: 'last' as const }));
    if (post.townshipCode) {
      queries.push({
        ...base,
        q: '',
        matchingStrategy: 'last',
        filter: [...filter, `townshipCode = "${post.townshipCode.replace(/["\\]/g, '')}"`],
      });
    }
    try {
      const res = await this.search.client.multiSearch<{ queries: typeof queries }, SeekerDocument>(
        { queries },
        { signal: AbortSignal.timeout(MEILI_SEARCH_TIMEOUT_MS) },
      );
      return this.interleave(res.results.map((r) => r.hits as SeekerDocument[]));
    } catch (err) {
      // No consenting seeker yet, so no index yet: an empty list, not a degraded answer.
      if (JSON.stringify((err as { cause?: unknown }).cause ?? '').includes('index_not_found')) return [];
      throw err;
    }
  }

  private async seekerCandidatesFromPostgres(post: PostForMatch): Promise<SeekerDocument[]> {
    const words = unique(
      this.postQueries(post)
        .flatMap((q) => q.split(/\s+/))
        .flatMap((w) => [w, ...synonymsOf(w)]),
    );
    const rows: ProfileRow[] = await this.dataSource.query(
      `${SELECT_PROFILE}
        WHERE p.searchable_by_employers
          AND (p.township_code = $1 OR array_to_string(p.desired_occupations, ' ') ILIKE ANY ($2::text[])
               OR array_to_string(p.skills, ' ') ILIKE ANY ($2::text[]))
        ORDER BY p.updated_at DESC, p.user_id LIMIT $3`,
      [post.townshipCode, words.map(escapeLike), MATCH_FALLBACK_CANDIDATES],
    );
    const today = todayInChina();
    return rows.map((p) => {
      const s = profileToSeeker(p);
      // The same document the index holds, age band from the stored birth year included.
      return toSeekerDocument(
        {
          id: p.user_id,
          townshipCode: s.townshipCode,
          desiredOccupations: s.desiredOccupations,
          skills: s.skills,
          certificates: s.certificates,
          education: s.education,
          wageExpectationFen: s.wageExpectationFen,
          availability: s.availability,
          birthYear: p.birth_year,
          groups: s.groups,
          consentToMatching: true,
          updatedAt: new Date(p.updated_at).toISOString(),
        },
        today,
      );
    });
  }

  private async profilesOf(ids: string[]): Promise<Map<string, ProfileRow>> {
    if (ids.length === 0) return new Map();
    const rows: ProfileRow[] = await this.dataSource.query(
      `${SELECT_PROFILE} WHERE p.user_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.user_id, r]));
  }

  /** Round-robin over the queries' hit lists, de-duplicated by id, up to MATCH_CANDIDATES. */
  private interleave<T extends { id: string }>(lists: T[][]): T[] {
    const seen = new Set<string>();
    const out: T[] = [];
    for (let i = 0; out.length < MATCH_CANDIDATES; i++) {
      let any = false;
      for (const list of lists) {
        const hit = list[i];
        if (!hit) continue;
        any = true;
        if (seen.has(hit.id)) continue;
        seen.add(hit.id);
        out.push(hit);
        if (out.length >= MATCH_CANDIDATES) break;
      }
      if (!any) break;
    }
    return out;
  }
}
