import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, SearchClient, AuthUser } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { POLICY_REGISTRY } from '@app/subsidies';
import { CERTIFICATE_LEVEL_NAMES, type PolicyRegistry } from '@app/subsidy-engine';
import { JobPostService } from '@app/jobs';
import { SeekerProfileRecord, SeekerProfiles } from '@app/seekers';
import { INDEX_NAMES } from './index-settings';
import type { EducationLevel } from '@app/seekers/vocabulary';
import { JobPostDocument } from './job-post-document';
import { jobPostRecordToFacts } from './job-post-indexer.service';
import { MeiliBreaker, SearchFallbackGate } from './search-fallback';
import {
  JOB_POST_HIT_ATTRIBUTES,
  MEILI_MAX_RETRY_AFTER_MS,
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
import { Certificate, SeekerDocument, toSeekerDocument } from './seeker-document';
import { synonymsOf } from './synonyms/synonyms';

/** Candidates taken from the index before re-ranking. */
export const MATCH_CANDIDATES = 100;
/**
 * Candidates of the degraded (Postgres) path: as many as the index path scores. At 200, reading
 * and scoring them was most of the fallback's CPU (bench:matching) for an answer that shows 20.
 */
export const MATCH_FALLBACK_CANDIDATES = MATCH_CANDIDATES;

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

const unique = (words: string[]) => [...new Set(words.map((w) => w.trim()).filter(Boolean))];

function profileToSeeker(p: SeekerProfileRecord): SeekerForMatch {
  return {
    desiredOccupations: p.desiredOccupations,
    skills: p.skills,
    certificates: p.certificates.map((c) => ({
      name: c.name,
      level: c.level ? CERTIFICATE_LEVEL_NAMES[c.level] : null,
    })),
    education: p.education,
    townshipCode: p.townshipCode,
    wageExpectationFen: p.wageExpectationFen,
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
  /** After a Meilisearch failure, matching goes straight to Postgres for a while (as the public search). */
  private readonly breaker = new MeiliBreaker({
    tripAfter: 1,
    retryAfterMs: MEILI_RETRY_AFTER_MS,
    maxRetryAfterMs: MEILI_MAX_RETRY_AFTER_MS,
  });

  constructor(
    private readonly search: SearchClient,
    private readonly posts: JobPostService,
    private readonly seekers: SeekerProfiles,
    private readonly fallbackGate: SearchFallbackGate,
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
  ) {}

  /**
   * Candidates from Meilisearch, or from Postgres when it fails or is slow — and for
   * a while after a failure (one probe at a time then), so a hung Meilisearch costs one timeout,
   * not one per request; the Postgres paths run under the process's fallback cap.
   */
  private async fromIndexOrPostgres<T>(
    fromIndex: () => Promise<T>,
    fromPostgres: () => Promise<T>,
  ): Promise<{ value: T; degraded: boolean }> {
    if (this.breaker.mayTry()) {
      try {
        const value = await fromIndex();
        this.breaker.succeeded();
        return { value, degraded: false };
      } catch (err) {
        this.breaker.failed();
        this.logger.warn(
          { err: (err as Error).message },
          'Meilisearch unavailable for matching; using Postgres',
        );
      }
    }
    return { value: await this.fallbackGate.run(fromPostgres), degraded: true };
  }

  // ---- seeker → posts ----

  async matchesForSeeker(actor: AuthUser, limit = MATCH_LIMIT_DEFAULT): Promise<SeekerMatchesView> {
    const profile = (await this.seekers.records([actor.id])).get(actor.id);
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
    const res = await this.search.multiSearch<PostHit>(queries, MEILI_SEARCH_TIMEOUT_MS);
    return this.interleave(res.results.map((r) => r.hits as PostHit[]));
  }

  private async postCandidatesFromPostgres(seeker: SeekerForMatch): Promise<PostHit[]> {
    const words = unique(
      this.seekerQueries(seeker)
        .flatMap((q) => q.split(/\s+/))
        .flatMap((w) => [w, ...synonymsOf(w)]),
    );
    const rows = await this.posts.matchCandidates(seeker.townshipCode, words, MATCH_FALLBACK_CANDIDATES);
    const out: PostHit[] = [];
    for (const row of rows) {
      try {
        out.push(jobPostRecordToFacts(row));
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
    // The jobs domain's rule: whoever manages the post's enterprise; everyone else learns nothing.
    const { post: row } = await this.posts.getManaged(actor, postId);
    const post: PostForMatch = {
      title: row.title,
      occupation: row.occupation,
      skills: row.skills,
      education: row.education as EducationLevel | null,
      townshipCode: row.townshipCode,
      placeText: row.placeText,
      wageMinFen: row.wageMinFen,
      wageMaxFen: row.wageMaxFen,
      ageMin: row.ageMin,
      ageMax: row.ageMax,
      isInternship: row.isInternship,
    };
    const { value: found, degraded } = await this.fromIndexOrPostgres<{
      docs: SeekerDocument[];
      profiles: Map<string, SeekerProfileRecord> | null;
    }>(
      async () => ({ docs: await this.seekerCandidatesFromIndex(post), profiles: null }),
      () => this.seekerCandidatesFromPostgres(post),
    );
    const docs = found.docs;
    // Postgres decides consent now (the index may lag a withdrawal by a moment), and holds the facts
    // the subsidy engine needs (graduation, registration as unemployed). The fallback read them
    // already, consenting ones only: not read twice.
    const profiles = found.profiles ?? (await this.seekers.records(docs.map((d) => d.id)));
    const postFacts: EntitlementPostFacts = {
      employerSize: row.employerSize,
      jobLocation: row.townshipCode
        ? COUNTY_REGION
        : row.outsideProvince
          ? {
              province: row.outsideProvince,
              ...(row.outsideCity ? { city: row.outsideCity } : {}),
              ...(row.outsideCounty ? { county: row.outsideCounty } : {}),
            }
          : null,
    };
    const today = todayInChina();
    const scored: { view: CandidateMatchView; profile: SeekerProfileRecord }[] = [];
    for (const d of docs) {
      const p = profiles.get(d.id);
      if (!p || !p.searchableByEmployers) continue;
      scored.push({
        view: { seeker: candidateView(d), ...scoreMatch(documentToSeeker(d), post) },
        profile: p,
      });
    }
    scored.sort((a, b) => b.view.score - a.view.score || (a.view.seeker.id < b.view.seeker.id ? -1 : 1));
    // The subsidy hint is a reason, not a part of the score (scoreMatch adds it last): asked of the
    // engine for the shown candidates only — at ~0.1 ms an evaluation, 300 candidates cost 30 ms.
    const shown = scored.slice(0, limit);
    for (const { view, profile: p } of shown) {
      const hint = entitlementHint(
        postFacts,
        {
          groups: p.groups,
          graduation: p.graduation,
          registeredUnemployedSince: p.registeredUnemployedSince,
          unemploymentInsuranceMonths: p.unemploymentInsuranceMonths,
        },
        this.registry,
        today,
      );
      if (hint.reason) view.reasons.push(hint.reason);
    }
    return { candidates: shown.map((c) => c.view), degraded };
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
      const res = await this.search.multiSearch<SeekerDocument>(queries, MEILI_SEARCH_TIMEOUT_MS);
      return this.interleave(res.results.map((r) => r.hits as SeekerDocument[]));
    } catch (err) {
      // No consenting seeker yet, so no index yet: an empty list, not a degraded answer.
      if (JSON.stringify((err as { cause?: unknown }).cause ?? '').includes('index_not_found')) return [];
      throw err;
    }
  }

  private async seekerCandidatesFromPostgres(
    post: PostForMatch,
  ): Promise<{ docs: SeekerDocument[]; profiles: Map<string, SeekerProfileRecord> }> {
    const words = unique(
      this.postQueries(post)
        .flatMap((q) => q.split(/\s+/))
        .flatMap((w) => [w, ...synonymsOf(w)]),
    );
    const rows = await this.seekers.matchCandidates(post.townshipCode, words, MATCH_FALLBACK_CANDIDATES);
    const today = todayInChina();
    const profiles = new Map(rows.map((p) => [p.userId, p]));
    const docs = rows.map((p) => {
      const s = profileToSeeker(p);
      // The same document the index holds, age band from the stored birth year included.
      return toSeekerDocument(
        {
          id: p.userId,
          townshipCode: s.townshipCode,
          desiredOccupations: s.desiredOccupations,
          skills: s.skills,
          certificates: s.certificates,
          education: s.education,
          wageExpectationFen: s.wageExpectationFen,
          availability: s.availability,
          birthYear: p.birthYear,
          groups: s.groups,
          consentToMatching: true,
          updatedAt: new Date(p.updatedAt).toISOString(),
        },
        today,
      );
    });
    return { docs, profiles };
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
