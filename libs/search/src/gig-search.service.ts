import { Injectable, Logger } from '@nestjs/common';
import { DomainError, SearchClient } from '@app/platform';
import { distanceMetres, townshipByCode } from '@app/platform/geo';
import {
  GigRecord,
  GigRecords,
  GigSearchHit,
  GigSearchResult,
  OpenGigCriteria,
  addDays,
  dayNumber,
  resolveGigDate,
} from '@app/gigs';
import { todayInChina } from '@app/platform/validation';
import { INDEX_NAMES } from './index-settings';
import { GigDocument } from './gig-document';
import { MEILI_MAX_RETRY_AFTER_MS } from './job-post-search.service';
import { MeiliBreaker, SearchFallbackGate } from './search-fallback';
import { tradeFamily, tradeKeys } from './synonyms/synonyms';

export { tradeFamily };

/** How long the gig search waits for Meilisearch before answering from Postgres. */
export const GIG_MEILI_TIMEOUT_MS = 1000;
/** After GIG_MEILI_TRIP_AFTER failures in a row, Postgres answers straight away for this long, doubling while it stays down (one probe at a time, not one per request). */
export const GIG_MEILI_RETRY_AFTER_MS = 2000;
/**
 * Failures in a row that open the breaker: one slow answer under load falls back for that request
 * only, instead of sending every request of the next two seconds to the slower Postgres path.
 */
export const GIG_MEILI_TRIP_AFTER = 3;

export interface GigSearchParams {
  q?: string;
  townshipCode?: string;
  date?: string;
  trade?: string;
  /** Several trades (a worker's availability): any of them, each with its synonyms. */
  trades?: string[];
  /** Only gigs in these townships (those a worker can reach). */
  townshipCodes?: string[];
  limit?: number;
  offset?: number;
}

const HIT_ATTRIBUTES = [
  'id',
  'title',
  'trade',
  'date',
  'startTime',
  'endTime',
  'township',
  'townshipCode',
  'address',
  'payFen',
  'payUnit',
  'headcount',
  'accepted',
  'olderWorkersWelcome',
  'ageMax',
  'posterKind',
] as const satisfies readonly (keyof GigDocument)[];

const km = (from: string | undefined, to: string): number | undefined => {
  const a = from ? townshipByCode(from) : undefined;
  const b = townshipByCode(to);
  return a && b ? Math.round(distanceMetres(a, b) / 100) / 10 : undefined;
};

/** The Meilisearch request of a gig search (POST /indexes/<uid>/search body, `q` included). */
export interface MeiliGigSearch {
  q: string;
  filter: string;
  sort: string[];
  limit: number;
  offset: number;
  attributesToRetrieve: string[];
}

/**
 * A gig search as the index and as Postgres are asked it (pure; the benchmark sends the same):
 * open gigs of the day (or from today on), of the asked trades' keys, in the reachable townships,
 * nearest to the township first, then best paid. Throws the 400 naming a bad parameter.
 */
export function buildGigSearch(
  p: GigSearchParams,
  nowMs = Date.now(),
): { meili: MeiliGigSearch; postgres: OpenGigCriteria } {
  const today = todayInChina(nowMs);
  const date = p.date ? resolveGigDate(p.date, nowMs) : null;
  if (p.date && !date) throw DomainError.invalid('date', 'date must be today, tomorrow or YYYY-MM-DD');
  if (p.townshipCode && !townshipByCode(p.townshipCode))
    throw DomainError.invalid('townshipCode', 'unknown township code');
  const asked = [...(p.trade ? [p.trade] : []), ...(p.trades ?? [])];
  const limit = p.limit ?? 20;
  const offset = p.offset ?? 0;
  const list = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  const filter = [`status = open`, date ? `dateDay = ${dayNumber(date)}` : `dateDay >= ${dayNumber(today)}`];
  const keys = [...new Set(asked.flatMap((t) => tradeKeys(t)))];
  if (keys.length) filter.push(`tradeKeys IN ${list(keys)}`);
  if (p.townshipCodes?.length) filter.push(`townshipCode IN ${list(p.townshipCodes)}`);
  const sort = p.townshipCode
    ? [`distanceM.${p.townshipCode}:asc`, 'payFen:desc']
    : ['dateDay:asc', 'payFen:desc'];
  const words = [...new Set(asked.flatMap((t) => tradeFamily(t)))];
  return {
    meili: {
      q: p.q?.trim() ?? '',
      filter: filter.join(' AND '),
      sort,
      limit,
      offset,
      attributesToRetrieve: [...HIT_ATTRIBUTES],
    },
    postgres: {
      q: p.q?.trim() || undefined,
      tradeWords: words.length ? words : undefined,
      townshipCodes: p.townshipCodes,
      date: date ?? undefined,
      fromDate: date && date < today ? date : today,
      townshipCode: p.townshipCode,
      limit,
      offset,
    },
  };
}

/**
 * The gig search (附近零工): Meilisearch normally; Postgres with `degraded: true` when it is down,
 * slow or errs, with the same filters and order (distance from the township, then pay).
 */
@Injectable()
export class GigSearchService {
  private readonly logger = new Logger(GigSearchService.name);
  private readonly breaker = new MeiliBreaker({
    tripAfter: GIG_MEILI_TRIP_AFTER,
    retryAfterMs: GIG_MEILI_RETRY_AFTER_MS,
    maxRetryAfterMs: MEILI_MAX_RETRY_AFTER_MS,
  });

  constructor(
    private readonly search: SearchClient,
    private readonly gigs: GigRecords,
    private readonly fallbackGate: SearchFallbackGate,
  ) {}

  async searchGigs(p: GigSearchParams, nowMs = Date.now()): Promise<GigSearchResult> {
    const built = buildGigSearch(p, nowMs);
    if (this.breaker.mayTry()) {
      try {
        const r = await this.fromMeilisearch(built.meili, p.townshipCode);
        this.breaker.succeeded();
        return r;
      } catch (err) {
        this.breaker.failed();
        this.logger.warn(
          { err: (err as Error).message },
          'Meilisearch gig search failed; answering from Postgres',
        );
      }
    }
    const { items, total } = await this.fallbackGate.run(() => this.gigs.searchOpen(built.postgres));
    return { hits: items.map((g) => hitOfRecord(g, p.townshipCode)), total, degraded: true };
  }

  /** Straight to Meilisearch (the tests' and the benchmark's view of the index). */
  async fromMeilisearch(request: MeiliGigSearch, fromTownship?: string): Promise<GigSearchResult> {
    const res = await this.search.searchIndex<GigDocument>(
      this.search.indexUid(INDEX_NAMES.gigs),
      request,
      GIG_MEILI_TIMEOUT_MS,
    );
    return {
      hits: res.hits.map((d) => hitOfDocument(d, fromTownship)),
      total: res.estimatedTotalHits ?? res.hits.length,
      degraded: false,
    };
  }

  /** Today or tomorrow in China, as an ISO date. */
  static dayOf(which: 'today' | 'tomorrow', nowMs = Date.now()): string {
    const today = todayInChina(nowMs);
    return which === 'today' ? today : addDays(today, 1);
  }
}

function hitOfDocument(d: Pick<GigDocument, (typeof HIT_ATTRIBUTES)[number]>, from?: string): GigSearchHit {
  const hit: GigSearchHit = {
    id: d.id,
    title: d.title,
    trade: d.trade,
    date: d.date,
    startTime: d.startTime,
    endTime: d.endTime,
    townshipCode: d.townshipCode,
    township: d.township,
    address: d.address ?? null,
    payFen: d.payFen,
    payUnit: d.payUnit as GigSearchHit['payUnit'],
    headcount: d.headcount,
    accepted: d.accepted,
    olderWorkersWelcome: d.olderWorkersWelcome,
    ageMax: d.ageMax ?? null,
    posterKind: d.posterKind as GigSearchHit['posterKind'],
  };
  const distanceKm = km(from, d.townshipCode);
  if (distanceKm !== undefined) hit.distanceKm = distanceKm;
  return hit;
}

function hitOfRecord(g: GigRecord, from?: string): GigSearchHit {
  return hitOfDocument(
    {
      ...g,
      township: townshipByCode(g.townshipCode)?.name ?? g.townshipCode,
    },
    from,
  );
}
