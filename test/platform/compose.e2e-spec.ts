import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const file = path.resolve(__dirname, '../../docker/compose.yaml');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
}

/**
 * There is no Docker engine here, so the compose file is checked by reading it; where a Docker
 * client with the compose plugin exists, `docker compose config` validates it as Docker would.
 */
describe('docker/compose.yaml', () => {
  const doc = parse(readFileSync(file, 'utf8'), { merge: true }) as { services: Record<string, Service> };

  it('runs the official images and the platform built from docker/Dockerfile', () => {
    expect(doc.services.postgres.image).toMatch(/^postgres:\d+/);
    expect(doc.services.redis.image).toMatch(/^redis:\d+/);
    expect(doc.services.meilisearch.image).toBe('getmeili/meilisearch:v1.21');
    for (const name of ['api', 'worker']) {
      expect(doc.services[name].build?.dockerfile).toBe('docker/Dockerfile');
    }
    expect(doc.services.api.command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(doc.services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
  });

  it('keeps Redis durable and never evicting (BullMQ jobs must not vanish)', () => {
    const cmd = (doc.services.redis.command ?? []).join(' ');
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--maxmemory-policy noeviction');
  });

  it('gives API and worker the same services, and the personal-data keys to the API only', () => {
    const api = doc.services.api.environment ?? {};
    const worker = doc.services.worker.environment ?? {};
    for (const v of ['DATABASE_URL', 'REDIS_URL', 'MEILI_URL', 'JWT_SECRET']) {
      expect(api[v]).toBeDefined();
      expect(worker[v]).toBe(api[v]);
    }
    for (const v of ['PII_ENCRYPTION_KEY', 'PII_HMAC_KEY']) {
      expect(api[v]).toBeDefined();
      expect(worker[v]).toBeUndefined();
    }
  });

  it('the Dockerfile builds on Node 24 and ships the policy packs', () => {
    const dockerfile = readFileSync(path.resolve(__dirname, '../../docker/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/FROM node:24/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/policies/);
  });

  const compose = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  const hasCompose = compose.status === 0;
  (hasCompose ? it : (it.failing ?? it))(
    `docker compose config accepts it${hasCompose ? '' : ' (no compose plugin here)'}`,
    () => {
      if (!hasCompose) throw new Error('docker compose is not installed on this machine');
      const env = {
        ...process.env,
        MEILI_MASTER_KEY: 'k',
        PII_ENCRYPTION_KEY: 'k',
        PII_HMAC_KEY: 'k',
        JWT_SECRET: 'k',
      };
      const result = spawnSync('docker', ['compose', '-f', file, 'config', '--quiet'], {
        env,
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
  );
});
