import { randomBytes } from 'node:crypto';
import { ConfigError, parseConfig, parseWorkerConfig } from './app-config';

const secrets = () => ({
  PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  PII_HMAC_KEY: randomBytes(32).toString('base64'),
  JWT_SECRET: randomBytes(48).toString('base64url'),
});

describe('the worker configuration', () => {
  it('needs no PII key, and drops any it is given', () => {
    const { JWT_SECRET } = secrets();
    expect(parseWorkerConfig({ JWT_SECRET })).not.toHaveProperty('PII_ENCRYPTION_KEY');
    const config = parseWorkerConfig(secrets());
    expect(config).not.toHaveProperty('PII_ENCRYPTION_KEY');
    expect(config).not.toHaveProperty('PII_HMAC_KEY');
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/jishan');
  });

  it('still validates everything else, naming the variable', () => {
    expect(() => parseWorkerConfig({ JWT_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => parseWorkerConfig({ ...secrets(), REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });

  it('leaves the API configuration as it was: both PII keys required', () => {
    const { JWT_SECRET, PII_HMAC_KEY } = secrets();
    expect(() => parseConfig({ JWT_SECRET, PII_HMAC_KEY })).toThrow(/PII_ENCRYPTION_KEY is required/);
    expect(parseConfig(secrets()).PII_HMAC_KEY).toEqual(expect.any(String));
  });
});
