/**
 * `npm start` / `npm run demo`: brings the whole platform up in the foreground — migrations,
 * Meilisearch from the npm binary when MEILI_URL is unset, the API and the worker, and (with
 * --demo) the demo data — and stops everything it started on Ctrl-C or SIGTERM.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  ConfigError,
  RunningMeilisearch,
  migrateDatabase,
  parseConfig,
  startMeilisearch,
} from '@app/platform';
import { DEMO_LOGINS, DEMO_PASSWORD } from './demo-logins';
import { DEMO_SEEKER_COUNT, demoSeekerLogin } from './seed-demo-seekers';
import { ensureDevSecrets } from './dev-secrets';

const demo = process.argv.includes('--demo');
const say = (line: string) => process.stderr.write(`[platform] ${line}\n`);

let meili: RunningMeilisearch | undefined;

async function main(): Promise<void> {
  const env = { ...process.env };
  const generated = ensureDevSecrets(env);
  if (generated.length) say(`development secrets ${generated.join(', ')} from .data/secrets.env`);
  const config = parseConfig(env);

  const applied = await migrateDatabase(config);
  say(`database ready (${applied.length} migration(s) applied)`);

  if (!config.MEILI_URL) {
    meili = await startMeilisearch({
      dataDir: config.MEILI_DATA_DIR,
      logFile: path.resolve(path.dirname(path.resolve(config.MEILI_DATA_DIR)), 'meilisearch.log'),
    });
    env.MEILI_URL = meili.url;
    env.MEILI_MASTER_KEY = meili.masterKey;
    say(`Meilisearch 1.21.0 started on ${meili.url} (data in ${meili.dataDir})`);
  } else {
    say(`using Meilisearch at ${config.MEILI_URL}`);
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 10000).unref();
          }),
      ),
    );
    await meili?.stop();
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const dist = path.resolve(__dirname, '..');
  if (demo) {
    await runToEnd(path.join(dist, 'scripts', 'seed-demo.js'), env);
  }
  for (const [name, entry] of [
    ['api', path.join(dist, 'apps', 'api', 'src', 'main.js')],
    ['worker', path.join(dist, 'apps', 'worker', 'src', 'main.js')],
  ] as const) {
    const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        say(`${name} exited (code ${code}, signal ${signal}); stopping the platform`);
        void stopAll(1);
      }
    });
    children.push(child);
  }

  const base = `http://${config.HOST}:${config.PORT}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      say('the API did not become healthy within 60 s');
      return stopAll(1);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const lines = [
    '',
    `稷山就业 is up: ${base}`,
    `  web app   ${base}/   (sign in at ${base}/login)`,
    `  API docs  ${base}/docs`,
    `  health    ${base}/health`,
  ];
  if (demo) {
    lines.push(`  demo logins, every one with the password ${DEMO_PASSWORD}:`);
    for (const l of DEMO_LOGINS) lines.push(`    ${l.role.padEnd(9)} ${l.login.padEnd(22)} ${l.description}`);
    lines.push(
      `    ${'seeker'.padEnd(9)} ${demoSeekerLogin(1)} … ${demoSeekerLogin(DEMO_SEEKER_COUNT)}: ` +
        `${DEMO_SEEKER_COUNT} generated seekers with profiles, same password`,
    );
  }
  lines.push('Ctrl-C stops everything.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

function runToEnd(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(script)} exited with ${code}`)),
    );
  });
}

main().catch(async (err: unknown) => {
  if (err instanceof ConfigError) say(err.message);
  else say(`failed: ${(err as Error)?.stack ?? String(err)}`);
  await meili?.stop();
  process.exit(1);
});
