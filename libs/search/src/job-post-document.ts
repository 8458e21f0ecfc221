import type { EmployerSize } from '@app/subsidy-engine';
import { EDUCATION_RANK, type EducationLevel } from '@app/seekers/vocabulary';
import type { EmploymentType } from '@app/jobs/vocabulary';
import { TOWNSHIPS, Township, distanceMetres, townshipByCode } from './geo';
import { pinyinFields } from './text/pinyin';

/** Age from which a post counts as open to older workers (4050 人员 and up). */
export const OLDER_WORKER_AGE = 50;

/** A job post as the indexer reads it from the database: plain data, no entity class. */
export interface JobPostForIndex {
  id: string;
  title: string;
  occupation?: string | null;
  industry?: string | null;
  skills: string[];
  description?: string | null;
  employerId: string;
  employerName: string;
  employerSize: EmployerSize | null;
  /** A county township code (see townships.ts), or null for a place outside the county. */
  townshipCode: string | null;
  /** The place as written, e.g. 江苏省苏州市昆山市 for labour-export posts; may be empty in the county. */
  placeText: string;
  employmentType: EmploymentType;
  wageMinFen: number | null;
  wageMaxFen: number | null;
  education: EducationLevel | null;
  ageMin: number | null;
  ageMax: number | null;
  isInternship: boolean;
  headcount: number;
  /** ISO timestamp. */
  publishedAt: string;
  /** YYYY-MM-DD or null. */
  deadline: string | null;
  /** Only `published` posts are shown publicly; the index holds others for staff views. */
  status: string;
}

/** The document stored in the `job-posts` index. Field names are the filter/sort vocabulary. */
export interface JobPostDocument {
  id: string;
  title: string;
  occupation: string | null;
  industry: string | null;
  skills: string[];
  description: string | null;
  employerId: string;
  employerName: string;
  employerSize: EmployerSize | null;
  /** Township name (稷峰镇) for display and facets; null outside the county. */
  township: string | null;
  townshipCode: string | null;
  /** True for labour-export posts (劳务输出) outside the county. */
  outsideCounty: boolean;
  placeText: string;
  /**
   * Metres from each township's centre to this post's (by township code), for "nearest first".
   * Absent outside the county, so those posts sort last. Not Meilisearch's `_geo`: every post sits
   * on one of eight township centres, and Meilisearch rewrites its whole geo tree on each update
   * (1.47 s of a 1.55 s one-document update at 100,000 posts, its batch progress trace says),
   * which alone would break the write-to-searchable budget.
   */
  distanceM?: Record<string, number>;
  employmentType: EmploymentType;
  wageMinFen: number | null;
  wageMaxFen: number | null;
  education: EducationLevel | null;
  /** EDUCATION_RANK of the requirement (0 when none), for "posts I qualify for" filters. */
  educationRank: number;
  ageMin: number | null;
  ageMax: number | null;
  acceptsOlderWorkers: boolean;
  isInternship: boolean;
  headcount: number;
  /** Unix seconds: Meilisearch filters and sorts numbers, not ISO strings. */
  publishedAtTs: number;
  /** Unix seconds of the end of the deadline day in China (UTC+8), or null. */
  deadlineTs: number | null;
  status: string;
  /** Pinyin tokens of title, occupation and employer name (see pinyinFields). */
  pinyin: string;
  initials: string;
}

/** `ageMax` null or ≥ 50: no upper age limit that shuts out older workers. */
export function acceptsOlderWorkers(ageMax: number | null): boolean {
  return ageMax === null || ageMax >= OLDER_WORKER_AGE;
}

export function toUnixSeconds(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${iso}`);
  return Math.floor(ms / 1000);
}

/**
 * What a post shows and is scored by: its document without the fields only the index needs
 * (pinyin, distances). The Postgres fallbacks answer with these — building the pinyin of 200 rows
 * a request was CPU spent on nothing there.
 */
export type JobPostFacts = Omit<JobPostDocument, 'pinyin' | 'initials' | 'distanceM'>;

function townshipOf(post: JobPostForIndex): Township | undefined {
  const township = post.townshipCode ? townshipByCode(post.townshipCode) : undefined;
  if (post.townshipCode && !township) throw new Error(`unknown township code: ${post.townshipCode}`);
  return township;
}

export function toJobPostFacts(post: JobPostForIndex): JobPostFacts {
  return factsOf(post, townshipOf(post));
}

function factsOf(post: JobPostForIndex, township: Township | undefined): JobPostFacts {
  return {
    id: post.id,
    title: post.title,
    occupation: post.occupation ?? null,
    industry: post.industry ?? null,
    skills: [...post.skills],
    description: post.description ?? null,
    employerId: post.employerId,
    employerName: post.employerName,
    employerSize: post.employerSize,
    township: township?.name ?? null,
    townshipCode: township?.code ?? null,
    outsideCounty: !township,
    placeText: post.placeText || township?.name || '',
    employmentType: post.employmentType,
    wageMinFen: post.wageMinFen,
    wageMaxFen: post.wageMaxFen,
    education: post.education,
    educationRank: post.education ? EDUCATION_RANK[post.education] : 0,
    ageMin: post.ageMin,
    ageMax: post.ageMax,
    acceptsOlderWorkers: acceptsOlderWorkers(post.ageMax),
    isInternship: post.isInternship,
    headcount: post.headcount,
    publishedAtTs: toUnixSeconds(post.publishedAt),
    // 截止日期 is a Chinese calendar day: it ends at 24:00 Beijing time.
    deadlineTs: post.deadline ? toUnixSeconds(`${post.deadline}T23:59:59+08:00`) : null,
    status: post.status,
  };
}

export function toJobPostDocument(post: JobPostForIndex): JobPostDocument {
  const township = townshipOf(post);
  const py = pinyinFields([post.title, post.occupation ?? '', post.employerName].join(' '));
  const doc: JobPostDocument = { ...factsOf(post, township), pinyin: py.pinyin, initials: py.initials };
  if (township) doc.distanceM = distancesFrom(township);
  return doc;
}

/** Metres from every township centre to this one, keyed by township code. */
export function distancesFrom(township: Township): Record<string, number> {
  return Object.fromEntries(TOWNSHIPS.map((t) => [t.code, Math.round(distanceMetres(t, township))]));
}
