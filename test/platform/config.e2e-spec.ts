import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { ConfigError, parseConfig } from '@app/platform';

const goodEnv = () => ({
  PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  PII_HMAC_KEY: randomBytes(32).toString('base64'),
  JWT_SECRET: randomBytes(48).toString('base64url'),
});

describe('configuration is validated at boot', () => {
  it('accepts the defaults plus the three secrets', () => {
    const config = parseConfig(goodEnv());
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/jishan');
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it.each([
    ['DATABASE_URL', 'mysql://localhost/jishan'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['PORT', '70000'],
    ['PII_ENCRYPTION_KEY', 'too-short'],
    ['MEILI_URL', 'localhost:7700'],
    ['DATABASE_SCHEMA', 'Robert"); DROP TABLE users;--'],
  ])('refuses %s=%s naming the variable', (variable, value) => {
    expect(() => parseConfig({ ...goodEnv(), [variable]: value })).toThrow(ConfigError);
    try {
      parseConfig({ ...goodEnv(), [variable]: value });
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.variable)).toContain(variable);
      expect((err as Error).message).toContain(variable);
    }
  });

  it('refuses a missing encryption key', () => {
    const env: Record<string, string> = goodEnv();
    delete env.PII_ENCRYPTION_KEY;
    expect(() => parseConfig(env)).toThrow(/PII_ENCRYPTION_KEY is required/);
  });

  // The real entry point, as an operator runs it: exit code 1 and one clear line, no stack trace.
  const apiMain = path.resolve(__dirname, '../../dist/apps/api/src/main.js');
  it.each([
    [
      { DATABASE_URL: 'mysql://nope' },
      /DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//,
    ],
    [{ PII_ENCRYPTION_KEY: '' }, /PII_ENCRYPTION_KEY is required/],
  ])('the compiled API refuses to start with %p', (override, message) => {
    const env: Record<string, string | undefined> = { PATH: process.env.PATH, ...goodEnv(), ...override };
    const result = spawnSync(process.execPath, [apiMain], { env, encoding: 'utf8', timeout: 30000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
