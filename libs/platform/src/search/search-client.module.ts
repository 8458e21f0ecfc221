import { Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import type { MultiSearchResponse, SearchParams, SearchResponse } from 'meilisearch';
import { Pool } from 'undici';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Meilisearch answered a search with an error status; `cause` is its JSON (`code`, `message`…). */
export class SearchRequestError extends Error {
  constructor(
    readonly status: number,
    override readonly cause: unknown,
  ) {
    super(`Meilisearch answered ${status}: ${JSON.stringify(cause)}`);
    this.name = 'SearchRequestError';
  }
}

/** One query of a multi-search: an index uid and its search parameters, `q` included. */
export type SearchQuery = SearchParams & { indexUid: string; q?: string };

/**
 * The Meilisearch client and the index-name prefix. By the time the app starts, MEILI_URL is
 * set: either by the operator, or by the platform launcher / test setup that spawned the server.
 */
@Injectable()
export class SearchClient implements OnModuleDestroy {
  readonly client: Meilisearch;
  readonly prefix: string;
  /**
   * The searches themselves go over undici's own keep-alive pool rather than the client's `fetch`:
   * fetch's WHATWG layer (streams, Headers, AbortSignal per request) and the client's request
   * building were ≈ 28% of the API's CPU in bench:gigs' profile. Settings, documents and tasks
   * still use `client`.
   */
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly headers: Record<string, string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.MEILI_URL) {
      throw new Error(
        'MEILI_URL is not set: start the platform with `npm start` / `npm run demo` (which run Meilisearch), or point MEILI_URL at a server',
      );
    }
    this.client = new Meilisearch({
      host: config.MEILI_URL,
      apiKey: config.MEILI_MASTER_KEY,
      timeout: 5000,
      // Uncompressed answers: fetch asks for gzip, and Meilisearch's compressed answers arrive in
      // pieces that wait on TCP delayed ACKs — about 40 ms per search on Linux, measured — besides
      // costing Meilisearch CPU. Meilisearch runs next to the API; bytes are cheap there.
      requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    });
    this.prefix = config.MEILI_INDEX_PREFIX;
    const url = new URL(config.MEILI_URL);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, { connections: 128, keepAliveTimeout: 30_000 });
    this.headers = {
      'content-type': 'application/json',
      'accept-encoding': 'identity',
      ...(config.MEILI_MASTER_KEY ? { authorization: `Bearer ${config.MEILI_MASTER_KEY}` } : {}),
    };
  }

  /** One search of index `uid` (POST /indexes/:uid/search); fails after `timeoutMs` without an answer. */
  searchIndex<T>(
    uid: string,
    body: SearchParams & { q?: string },
    timeoutMs: number,
  ): Promise<SearchResponse<T>> {
    return this.post(`/indexes/${encodeURIComponent(uid)}/search`, body, timeoutMs);
  }

  /** Several searches in one request (POST /multi-search), their results in the queries' order. */
  multiSearch<T>(queries: SearchQuery[], timeoutMs: number): Promise<MultiSearchResponse<T>> {
    return this.post('/multi-search', { queries }, timeoutMs);
  }

  private async post<R>(path: string, body: unknown, timeoutMs: number): Promise<R> {
    // A signal, not undici's headersTimeout: that one runs on undici's coarse timers (≈ 0.5 s
    // steps), and the fallbacks' deadlines are meant to the millisecond.
    const signal = AbortSignal.timeout(timeoutMs);
    const res = await this.pool.request({
      path: this.basePath + path,
      method: 'POST',
      headers: this.headers,
      body: JSON.stringify(body),
      signal,
    });
    const text = await res.body.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (res.statusCode >= 300) throw new SearchRequestError(res.statusCode, parsed);
    return parsed as R;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }

  /** The full uid of one of our indexes, e.g. `job-posts` → `t42_job-posts` under a test prefix. */
  indexUid(name: string): string {
    return `${this.prefix}${name}`;
  }
}

@Global()
@Module({ providers: [SearchClient], exports: [SearchClient] })
export class SearchClientModule {}
