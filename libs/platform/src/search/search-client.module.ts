import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * The Meilisearch client and the index-name prefix. By the time the app starts, MEILI_URL is
 * set: either by the operator, or by the platform launcher / test setup that spawned the server.
 */
@Injectable()
export class SearchClient {
  readonly client: Meilisearch;
  readonly prefix: string;

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
  }

  /** The full uid of one of our indexes, e.g. `job-posts` → `t42_job-posts` under a test prefix. */
  indexUid(name: string): string {
    return `${this.prefix}${name}`;
  }
}

@Global()
@Module({ providers: [SearchClient], exports: [SearchClient] })
export class SearchClientModule {}
