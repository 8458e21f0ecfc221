/** What the benchmarks share: starting and stopping children, waiting for services, the demo data's dates. */
import { ChildProcess, spawn } from 'node:child_process';
import { SearchClient } from '@app/platform';
import { DemoJobPost } from '@app/demo-data';

/** Waits until `url` answers 2xx (a server starting), up to a minute. */
export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** The demo data are dated around 2025-03; deadlines move 4 years on (a leap-year multiple) so posts are open. */
export function* futureDeadlines(posts: Iterable<DemoJobPost>): Generator<DemoJobPost> {
  for (const p of posts) {
    yield p.deadline ? { ...p, deadline: `${Number(p.deadline.slice(0, 4)) + 4}${p.deadline.slice(4)}` } : p;
  }
}

/** Runs a compiled script to its end; its standard output is returned, its errors pass through. */
export function runNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/**
 * The API and the worker (re)apply index settings when they start; measure only once Meilisearch
 * has no indexing left to do, or the runs measure indexing, not search.
 */
export async function waitForIdleMeilisearch(search: SearchClient): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const { results } = await search.client.tasks.getTasks({
      statuses: ['enqueued', 'processing'],
      limit: 1,
    });
    if (results.length === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('Meilisearch still had tasks after 5 minutes');
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the child has exited. */
export function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}
