import { TOWNSHIPS, townshipByCode, townshipByName } from '../geo';
import { EMPLOYER_SIZES, type EmployerSize } from '@app/subsidy-engine';
import { EDUCATION_LEVELS, type EducationLevel } from '@app/seekers/vocabulary';
import { EMPLOYMENT_TYPES, type EmploymentType } from '@app/jobs/vocabulary';
import type { PublishedPostCriteria } from '@app/jobs';
import { JOB_POST_FACETS, MAX_TOTAL_HITS } from '../index-settings';
import { synonymsOf } from '../synonyms/synonyms';
import { UnderstoodWord, interpretQueryWords } from './query-words';

/** The public `GET /api/v1/job-posts/search` parameters, as strings from the query string. */
export interface JobPostSearchParams {
  q?: string;
  /** Township name (稷峰镇) or code (jifeng); repeated or comma-separated for several. */
  township?: string | string[];
  industry?: string | string[];
  employmentType?: string | string[];
  /** CNY per month: posts whose wage can reach this much (wageMaxFen ≥ wageMin × 100). */
  wageMin?: string | number;
  /** Required education level(s), exact: 不限 = `none`. */
  education?: string | string[];
  employerSize?: string | string[];
  internship?: string | boolean;
  /** Posts open to workers of 50 and over. */
  olderWorkers?: string | boolean;
  postedWithinDays?: string | number;
  sort?: string;
  /** Township code whose centre orders hits by distance (nearest first). */
  near?: string;
  limit?: string | number;
  offset?: string | number;
}

export type JobPostSort = 'relevance' | 'date' | 'wage';

/** A bad parameter; the HTTP layer answers 400 with `field` and `message`. */
export class InvalidSearchParamError extends Error {
  constructor(
    readonly field: keyof JobPostSearchParams,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidSearchParamError';
  }
}

/** Normalised, validated parameters: both the Meilisearch and the SQL paths start from these. */
export interface NormalisedJobPostSearch {
  q: string;
  townshipCodes: string[];
  industries: string[];
  employmentTypes: EmploymentType[];
  wageMinFen: number | null;
  educations: EducationLevel[];
  employerSizes: EmployerSize[];
  internship: boolean | null;
  olderWorkers: boolean | null;
  /** Only posts outside the county (劳务输出), when the query said so (外地). */
  outsideCounty: boolean | null;
  /** Words of the query taken as filters (see interpretQueryWords). */
  understood: UnderstoodWord[];
  /** Unix seconds; posts published at or after it. */
  publishedSinceTs: number | null;
  sort: JobPostSort;
  near: { code: string; lat: number; lng: number } | null;
  limit: number;
  offset: number;
}

/** The body of a Meilisearch search request (`index.search(q, rest)`). */
export interface MeiliJobPostSearch {
  q: string;
  filter: string[];
  facets: string[];
  sort?: string[];
  limit: number;
  offset: number;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const MAX_Q_LENGTH = 100;
const MAX_VALUE_LENGTH = 60;
/** Only published, non-expired posts are public. */
export const PUBLIC_STATUS = 'published';

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(/[,，]/));
  return [...new Set(parts.map((p) => p.trim()).filter((p) => p.length > 0))];
}

function oneOf<T extends string>(
  field: keyof JobPostSearchParams,
  values: string[],
  allowed: readonly T[],
): T[] {
  for (const v of values) {
    if (!(allowed as readonly string[]).includes(v)) {
      throw new InvalidSearchParamError(field, `must be one of ${allowed.join(', ')}`);
    }
  }
  return values as T[];
}

function int(
  field: keyof JobPostSearchParams,
  value: string | number | undefined,
  min: number,
  max: number,
): number | null {
  if (value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InvalidSearchParamError(field, `must be an integer from ${min} to ${max}`);
  }
  return n;
}

function bool(field: keyof JobPostSearchParams, value: string | boolean | undefined): boolean | null {
  if (value === undefined || value === '') return null;
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  throw new InvalidSearchParamError(field, 'must be true or false');
}

const BEIJING_OFFSET_S = 8 * 3600;

/**
 * The first second of today in Beijing time. A post's deadlineTs is the last second of its
 * 截止日期 (Beijing), so `deadlineTs >= startOfToday` is exactly "the deadline is today or later" —
 * the same as the SQL path's date comparison — and the filter string stays the same all day, which
 * keeps the facet cache key stable.
 */
export function beijingDayStartTs(now: Date): number {
  const s = Math.floor(now.getTime() / 1000);
  return Math.floor((s + BEIJING_OFFSET_S) / 86_400) * 86_400 - BEIJING_OFFSET_S;
}

/** Today's date in Beijing time (ISO), e.g. 2025-03-10 even at 01:00 Beijing (17:00 UTC the day before). */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + BEIJING_OFFSET_S * 1000).toISOString().slice(0, 10);
}

/** Validates and normalises the public parameters. `now` fixes postedWithinDays. */
export function normaliseJobPostSearch(params: JobPostSearchParams, now: Date): NormalisedJobPostSearch {
  const q = (params.q ?? '').trim().replace(/\s+/g, ' ');
  if (q.length > MAX_Q_LENGTH) throw new InvalidSearchParamError('q', `at most ${MAX_Q_LENGTH} characters`);

  const townshipCodes = list(params.township).map((t) => {
    const township = townshipByCode(t) ?? townshipByName(t);
    if (!township) {
      throw new InvalidSearchParamError(
        'township',
        `unknown township; one of ${TOWNSHIPS.map((x) => x.name).join(' ')}`,
      );
    }
    return township.code;
  });
  const industries = list(params.industry);
  if (industries.some((i) => i.length > MAX_VALUE_LENGTH)) {
    throw new InvalidSearchParamError('industry', `at most ${MAX_VALUE_LENGTH} characters`);
  }
  const wageMin = int('wageMin', params.wageMin, 0, 1_000_000);
  const days = int('postedWithinDays', params.postedWithinDays, 1, 3650);
  const sort = (params.sort ?? 'relevance').trim() || 'relevance';
  if (!['relevance', 'date', 'wage'].includes(sort)) {
    throw new InvalidSearchParamError('sort', 'must be relevance, date or wage');
  }
  let near: NormalisedJobPostSearch['near'] = null;
  if (params.near !== undefined && params.near !== '') {
    const t = townshipByCode(params.near.trim()) ?? townshipByName(params.near);
    if (!t) throw new InvalidSearchParamError('near', 'unknown township code');
    near = { code: t.code, lat: t.lat, lng: t.lng };
  }
  const limit = int('limit', params.limit, 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
  const offset = int('offset', params.offset, 0, MAX_TOTAL_HITS) ?? 0;

  const employmentTypes = oneOf('employmentType', list(params.employmentType), EMPLOYMENT_TYPES);
  const internship = bool('internship', params.internship);
  // 「翟店 日结 搬运」: words that name a township, an employment type, an internship or a place
  // outside the county become those filters, unless the page's own selectors already set them.
  const words = interpretQueryWords(q, {
    township: townshipCodes.length > 0,
    employmentType: employmentTypes.length > 0,
    internship: internship !== null,
  });

  return {
    q: words.q,
    townshipCodes: [...new Set([...townshipCodes, ...words.townshipCodes])],
    industries,
    employmentTypes: [...employmentTypes, ...words.employmentTypes],
    wageMinFen: wageMin === null ? null : wageMin * 100,
    educations: oneOf('education', list(params.education), EDUCATION_LEVELS),
    employerSizes: oneOf('employerSize', list(params.employerSize), EMPLOYER_SIZES),
    internship: internship ?? words.internship,
    olderWorkers: bool('olderWorkers', params.olderWorkers),
    outsideCounty: words.outsideCounty,
    understood: words.understood,
    // Whole minutes: the same request within a minute builds the same filter (and facet cache key).
    publishedSinceTs: days === null ? null : Math.floor(now.getTime() / 60_000) * 60 - days * 86_400,
    sort: sort as JobPostSort,
    near,
    limit,
    offset,
  };
}

/**
 * A Meilisearch filter string literal. Meilisearch's filter grammar takes double-quoted strings
 * with backslash escapes; escaping `\` first and then `"` leaves no way to close the quote early.
 */
export function meiliString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function anyOf(attribute: string, values: readonly string[]): string | null {
  if (values.length === 0) return null;
  return `${attribute} IN [${values.map(meiliString).join(', ')}]`;
}

/** Meilisearch filter expressions (ANDed: Meilisearch treats an array of strings as AND). */
export function jobPostMeiliFilter(s: NormalisedJobPostSearch, todayStartTs: number): string[] {
  const filter: string[] = [`status = ${meiliString(PUBLIC_STATUS)}`];
  // Expired posts drop out even before the nightly job closes them.
  filter.push(`(deadlineTs IS NULL OR deadlineTs >= ${todayStartTs})`);
  const push = (f: string | null) => {
    if (f) filter.push(f);
  };
  push(anyOf('townshipCode', s.townshipCodes));
  push(anyOf('industry', s.industries));
  push(anyOf('employmentType', s.employmentTypes));
  push(anyOf('education', s.educations));
  push(anyOf('employerSize', s.employerSizes));
  if (s.wageMinFen !== null) {
    // A post with only a lower bound still qualifies when that bound is enough; 面议 posts do not.
    filter.push(`(wageMaxFen >= ${s.wageMinFen} OR (wageMaxFen IS NULL AND wageMinFen >= ${s.wageMinFen}))`);
  }
  if (s.internship !== null) filter.push(`isInternship = ${s.internship}`);
  if (s.olderWorkers !== null) filter.push(`acceptsOlderWorkers = ${s.olderWorkers}`);
  if (s.outsideCounty !== null) filter.push(`outsideCounty = ${s.outsideCounty}`);
  if (s.publishedSinceTs !== null) filter.push(`publishedAtTs >= ${s.publishedSinceTs}`);
  return filter;
}

export function jobPostMeiliSort(s: NormalisedJobPostSearch): string[] | undefined {
  const sort: string[] = [];
  // Distance first when asked: the nearest township's posts, then the chosen order within it.
  if (s.near) sort.push(`distanceM.${s.near.code}:asc`);
  if (s.sort === 'date') sort.push('publishedAtTs:desc');
  if (s.sort === 'wage') sort.push('wageMaxFen:desc', 'wageMinFen:desc');
  return sort.length > 0 ? sort : undefined;
}

/** The whole translation: public params → Meilisearch request. Throws InvalidSearchParamError. */
export function buildJobPostSearch(params: JobPostSearchParams, now: Date): MeiliJobPostSearch {
  return meiliRequestOf(normaliseJobPostSearch(params, now), now);
}

function meiliRequestOf(s: NormalisedJobPostSearch, now: Date): MeiliJobPostSearch {
  const sort = jobPostMeiliSort(s);
  return {
    q: s.q,
    filter: jobPostMeiliFilter(s, beijingDayStartTs(now)),
    facets: [...JOB_POST_FACETS],
    ...(sort ? { sort } : {}),
    limit: s.limit,
    offset: s.offset,
  };
}

/** One reading of the parameters for both paths, and the words it took as filters. */
export interface JobPostSearchPlan {
  meili: MeiliJobPostSearch;
  postgres: PublishedPostCriteria;
  understood: UnderstoodWord[];
}

export function planJobPostSearch(params: JobPostSearchParams, now: Date): JobPostSearchPlan {
  const s = normaliseJobPostSearch(params, now);
  return { meili: meiliRequestOf(s, now), postgres: postgresCriteriaOf(s, now), understood: s.understood };
}

/**
 * The degraded path when Meilisearch is down: the same parameters as criteria for the jobs
 * domain's Postgres search. Each word of `q` must match, through itself or one of its trade
 * synonyms (so 焊工 still finds 电焊工 posts). No geo sort and no pinyin: that is what "degraded"
 * means. The SQL is the jobs domain's (it owns job_posts); user text only ever travels as values.
 */
export function jobPostPostgresCriteria(params: JobPostSearchParams, now: Date): PublishedPostCriteria {
  return postgresCriteriaOf(normaliseJobPostSearch(params, now), now);
}

function postgresCriteriaOf(s: NormalisedJobPostSearch, now: Date): PublishedPostCriteria {
  return {
    words: (s.q ? s.q.split(' ') : []).map((word) => [word, ...synonymsOf(word).filter((w) => w !== word)]),
    townshipCodes: s.townshipCodes,
    industries: s.industries,
    employmentTypes: s.employmentTypes,
    educations: s.educations,
    employerSizes: s.employerSizes,
    wageMinFen: s.wageMinFen,
    internship: s.internship,
    olderWorkers: s.olderWorkers,
    outsideCounty: s.outsideCounty,
    publishedSince: s.publishedSinceTs === null ? null : new Date(s.publishedSinceTs * 1000),
    today: beijingToday(now),
    sort: s.sort === 'wage' ? 'wage' : 'date',
    limit: s.limit,
    offset: s.offset,
    facets: JOB_POST_FACETS,
  };
}
