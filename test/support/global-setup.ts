import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
// Jest's global setup runs outside the test environment's module map: a relative path, not @app/platform.
// eslint-disable-next-line no-restricted-imports
import { startMeilisearch } from '../../libs/platform/src/search/meili-launcher';

/**
 * Starts one real Meilisearch for the e2e run (unless MEILI_URL points at one already). Suites
 * keep apart by index prefix; Postgres schemas and Redis prefixes/databases are per suite too.
 * Values set on process.env here reach the test workers, which start after this.
 */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/jishan_test';
  process.env.LOG_LEVEL ??= 'silent';
  if (!process.env.MEILI_URL) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'jishan-meili-test-'));
    const meili = await startMeilisearch({ dataDir });
    process.env.MEILI_URL = meili.url;
    process.env.MEILI_MASTER_KEY = meili.masterKey;
    (globalThis as { __MEILI__?: typeof meili }).__MEILI__ = meili;
  }
}
