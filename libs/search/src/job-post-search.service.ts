import { Inject, Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, AppConfig, DomainError, SearchClient, townshipByCode } from '@app/platform';
import { INDEX_NAMES, JOB_POST_FACETS } from './index-settings';
import { JobPostDocument } from './job-post-document';
import { JobPostService } from '@app/jobs';
import { jobPostRecordToFacts } from './job-post-indexer.service';
import { JobPostSearchHit, JobPostSearchResult } from './job-post-search.dto';
import { MeiliBreaker, SearchFallbackGate } from './search-fallback';
import {
  InvalidSearchParamError,
  JobPostSearchParams,
  JobPostSearchPlan,
  MeiliJobPostSearch,
  planJobPostSearch,
} from './query/job-post-search-query';
import type { UnderstoodWord } from './query/query-words';

/** What the answer cache fetches with: the Meilisearch request and the words taken as filters. */
interface CachedRequest {
  request: MeiliJobPostSearch;
  understood: UnderstoodWord[];
}

/** How long the public search waits for Meilisearch before answering from Postgres. */
export const MEILI_SEARCH_TIMEOUT_MS = 1500;
/** After a Meilisearch failure, requests go straight to Postgres for this long (a small circuit breaker). */
export const MEILI_RETRY_AFTER_MS = 2000;
/** …doubling while it stays down, up to this. */
export const MEILI_MAX_RETRY_AFTER_MS = 16_000;

/** The document attributes a hit needs (smaller answers from Meilisearch, faster JSON). */
const HIT_ATTRIBUTES = [
  'id',
  'title',
  'occupation',
  'industry',
  'skills',
  'employerId',
  'employerName',
  'employerSize',
  'township',
  'townshipCode',
  'placeText',
  'employmentType',
  'wageMinFen',
  'wageMaxFen',
  'education',
  'ageMin',
  'ageMax',
  'acceptsOlderWorkers',
  'isInternship',
  'headcount',
  'publishedAtTs',
  'deadlineTs',
] as const satisfies readonly (keyof JobPostDocument)[];
export type JobPostHitAttribute = (typeof HIT_ATTRIBUTES)[number];
export const JOB_POST_HIT_ATTRIBUTES: JobPostHitAttribute[] = [...HIT_ATTRIBUTES];

const CHINA_OFFSET_S = 8 * 3600;

export function toSearchHit(
  d: Pick<JobPostDocument, (typeof JOB_POST_HIT_ATTRIBUTES)[number]>,
): JobPostSearchHit {
  return {
    id: d.id,
    title: d.title,
    occupation: d.occupation ?? null,
    industry: d.industry ?? null,
    skills: d.skills ?? [],
    employerId: d.employerId,
    employerName: d.employerName,
    employerSize: d.employerSize ?? null,
    township: d.township ?? null,
    townshipCode: d.townshipCode ?? null,
    placeText: d.placeText,
    employmentType: d.employmentType,
    wageMinFen: d.wageMinFen ?? null,
    wageMaxFen: d.wageMaxFen ?? null,
    education: d.education ?? null,
    ageMin: d.ageMin ?? null,
    ageMax: d.ageMax ?? null,
    acceptsOlderWorkers: d.acceptsOlderWorkers,
    isInternship: d.isInternship,
    headcount: d.headcount,
    publishedAt: new Date(d.publishedAtTs * 1000).toISOString(),
    // deadlineTs is the last second of the 截止日期 in Beijing time; shift back to that calendar day.
    deadline:
      d.deadlineTs === null || d.deadlineTs === undefined
        ? null
        : new Date((d.deadlineTs + CHINA_OFFSET_S) * 1000).toISOString().slice(0, 10),
  };
}

type FacetCounts = Record<string, Record<string, number>>;

/** Distinct requests kept per process by each search cache (a few MB at 20 hits per answer). */
const CACHE_ENTRIES = 2000;

const json = (result: JobPostSearchResult): Buffer => Buffer.from(JSON.stringify(result), 'utf8');

function emptyFacets(): FacetCounts {
  return Object.fromEntries(JOB_POST_FACETS.map((f) => [f, {}]));
}

/** Turns the pure layer's parameter error into the platform's 400 naming the field. */
export function toHttpSearchError(err: unknown): unknown {
  if (err instanceof InvalidSearchParamError) {
    const prefix = `${err.field}: `;
    const message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
    return DomainError.invalid(err.field, message, 'invalid-search-parameter');
  }
  return err;
}

/**
 * The public job post search (岗位搜索). Meilisearch answers normally; when it is down, slow
 * (> 1.5 s) or errs, Postgres answers the same filters by ILIKE with `degraded: true`, so the
 * route never fails because the derived index is unavailable.
 */
@Injectable()
export class JobPostSearchService {
  private readonly logger = new Logger(JobPostSearchService.name);
  /** One failure opens it: a timed-out search has already cost its user 1.5 s. */
  private readonly breaker = new MeiliBreaker({
    tripAfter: 1,
    retryAfterMs: MEILI_RETRY_AFTER_MS,
    maxRetryAfterMs: MEILI_MAX_RETRY_AFTER_MS,
  });
  /**
   * Whole answers for identical requests, for SEARCH_RESULT_CACHE_TTL_MS (1 s): when a fair's QR
   * code sends a crowd to the same search, Meilisearch answers once per second and concurrent
   * identical requests share one call. New posts show up at most that much later. Kept as the
   * JSON bytes the route sends: serialising ~20 hits on every request was ~5% of the API's CPU.
   */
  private readonly results: LRUCache<string, Buffer, CachedRequest> | null;
  /**
   * Facet counts per (words, filters), for SEARCH_FACET_CACHE_TTL_MS (15 s). Counting eight facets
   * over every match is most of Meilisearch's work for a query; the hits stay fresh, the counts
   * beside them may be a few seconds old, and paging through a result costs no recount.
   */
  private readonly facetCounts: LRUCache<string, FacetCounts> | null;

  constructor(
    private readonly search: SearchClient,
    private readonly posts: JobPostService,
    private readonly fallbackGate: SearchFallbackGate,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.results =
      config.SEARCH_RESULT_CACHE_TTL_MS > 0
        ? new LRUCache<string, Buffer, CachedRequest>({
            max: CACHE_ENTRIES,
            ttl: config.SEARCH_RESULT_CACHE_TTL_MS,
            fetchMethod: async (_key, _stale, { context }) =>
              json({ ...(await this.fromMeilisearch(context.request)), understood: context.understood }),
          })
        : null;
    this.facetCounts =
      config.SEARCH_FACET_CACHE_TTL_MS > 0
        ? new LRUCache<string, FacetCounts>({ max: CACHE_ENTRIES, ttl: config.SEARCH_FACET_CACHE_TTL_MS })
        : null;
  }

  async searchJobPosts(params: JobPostSearchParams, now = new Date()): Promise<JobPostSearchResult> {
    return JSON.parse((await this.searchJobPostsJson(params, now)).toString('utf8')) as JobPostSearchResult;
  }

  /** The route's answer as JSON bytes (see `results`). */
  async searchJobPostsJson(params: JobPostSearchParams, now = new Date()): Promise<Buffer> {
    let plan: JobPostSearchPlan;
    try {
      plan = planJobPostSearch(params, now);
    } catch (err) {
      throw toHttpSearchError(err);
    }
    const { meili: request, understood } = plan;
    if (this.breaker.mayTry()) {
      try {
        // Two requests can make one Meilisearch request (翟店 typed or chosen): the words taken
        // as filters are part of the answer, so of the key too.
        const cached = await this.results?.fetch(JSON.stringify([request, understood]), {
          context: { request, understood },
        });
        const answer = cached ?? json({ ...(await this.fromMeilisearch(request)), understood });
        this.breaker.succeeded();
        return answer;
      } catch (err) {
        this.breaker.failed();
        this.logger.warn(
          { err: (err as Error).message },
          'Meilisearch search failed; answering from Postgres',
        );
      }
    }
    return json(await this.fallbackGate.run(() => this.fromPlanByPostgres(plan)));
  }

  /** Straight to Meilisearch, no fallback (the benchmark's and the tests' view of the index). */
  async fromMeilisearch(request: MeiliJobPostSearch): Promise<JobPostSearchResult> {
    const { q, ...rest } = request;
    // Facets depend on the words and filters only, not on sort or page.
    const facetKey = JSON.stringify([q, rest.filter]);
    const knownFacets = this.facetCounts?.get(facetKey);
    const res = await this.search.searchIndex<JobPostDocument>(
      this.search.indexUid(INDEX_NAMES.jobPosts),
      {
        q,
        ...rest,
        facets: knownFacets ? [] : rest.facets,
        attributesToRetrieve: [...JOB_POST_HIT_ATTRIBUTES],
      },
      MEILI_SEARCH_TIMEOUT_MS,
    );
    let facets = knownFacets;
    if (!facets) {
      facets = emptyFacets();
      for (const [key, counts] of Object.entries(res.facetDistribution ?? {})) facets[key] = counts;
      this.facetCounts?.set(facetKey, facets);
    }
    return {
      hits: res.hits.map((h) => toSearchHit(h)),
      total: res.estimatedTotalHits ?? res.hits.length,
      facets,
      degraded: false,
      understood: [],
    };
  }

  /**
   * The degraded path: Postgres with the same words (and their synonyms) and filters, through the
   * bigram index (no pinyin, no typo tolerance; date or wage order; counts over the first 1,000).
   */
  async fromPostgres(params: JobPostSearchParams, now = new Date()): Promise<JobPostSearchResult> {
    let plan: JobPostSearchPlan;
    try {
      plan = planJobPostSearch(params, now);
    } catch (err) {
      throw toHttpSearchError(err);
    }
    return this.fromPlanByPostgres(plan);
  }

  private async fromPlanByPostgres({
    postgres: criteria,
    understood,
  }: JobPostSearchPlan): Promise<JobPostSearchResult> {
    const { rows, total, facets: counts } = await this.posts.searchPublished(criteria);
    const facets = emptyFacets();
    for (const [key, values] of Object.entries(counts)) {
      for (const [raw, n] of Object.entries(values)) {
        let value = raw;
        if (key === 'township') value = townshipByCode(raw)?.name ?? raw;
        if (key === 'isInternship' || key === 'acceptsOlderWorkers')
          value = raw === 'true' ? 'true' : 'false';
        facets[key][value] = n;
      }
    }
    const hits: JobPostSearchHit[] = [];
    for (const row of rows) {
      try {
        hits.push(toSearchHit(jobPostRecordToFacts(row)));
      } catch (err) {
        this.logger.error({ err, jobPostId: row.id }, 'job post cannot be shown');
      }
    }
    return { hits, total, facets, degraded: true, understood };
  }
}
