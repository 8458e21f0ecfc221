import { rmSync } from 'node:fs';
// Jest's global teardown runs outside the test environment's module map: a relative path.
// eslint-disable-next-line no-restricted-imports
import type { RunningMeilisearch } from '../../libs/platform/src/search/meili-launcher';

export default async function globalTeardown(): Promise<void> {
  const meili = (globalThis as { __MEILI__?: RunningMeilisearch }).__MEILI__;
  if (meili) {
    await meili.stop();
    rmSync(meili.dataDir, { recursive: true, force: true });
  }
}
