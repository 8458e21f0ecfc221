import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const SECRET_VARS = ['PII_ENCRYPTION_KEY', 'PII_HMAC_KEY', 'JWT_SECRET'] as const;

/**
 * On a developer's machine the secrets are generated once and kept in `.data/secrets.env`
 * (mode 600, git-ignored), so encrypted ID numbers stay readable across restarts. In production
 * (NODE_ENV=production) nothing is generated: missing secrets stop the platform with a message.
 */
export function ensureDevSecrets(env: NodeJS.ProcessEnv, dataDir = '.data'): string[] {
  const missing = SECRET_VARS.filter((v) => !env[v]);
  if (missing.length === 0 || env.NODE_ENV === 'production') return [];
  const file = path.resolve(dataDir, 'secrets.env');
  const stored: Record<string, string> = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (m) stored[m[1]] = m[2];
    }
  }
  let changed = false;
  for (const v of SECRET_VARS) {
    if (!stored[v]) {
      stored[v] =
        v === 'JWT_SECRET' ? randomBytes(48).toString('base64url') : randomBytes(32).toString('base64');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, SECRET_VARS.map((v) => `${v}=${stored[v]}`).join('\n') + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  for (const v of missing) env[v] = stored[v];
  return [...missing];
}
