import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import request from 'supertest';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { PASSWORD, registerSeeker } from './identity-helpers';

const LIMIT = 3;

describe('identity: login throttling (Redis store)', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const attempt = (login: string, ip: string, password = 'wrong-password') =>
    http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ login, password });

  beforeAll(async () => {
    env = await setupSuiteEnv('throttle', {
      LOGIN_THROTTLE_LIMIT: String(LIMIT),
      LOGIN_THROTTLE_TTL_SECONDS: '60',
    });
    app = await startApi();
    await registerSeeker(app, 'victim');
    await registerSeeker(app, 'bystander');
  }, 60000);
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  }, 60000);

  it('per account: from the Nth failure on, the next attempt waits (429 JSON with Retry-After), even from fresh IPs', async () => {
    for (let i = 0; i < LIMIT; i++) await attempt('victim', `10.1.0.${i + 1}`).expect(401);
    const res = await attempt('VICTIM', '10.1.0.99', PASSWORD).expect(429);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ error: { code: 'auth.too-many-attempts', message: expect.any(String) } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another account from another IP is unaffected.
    await attempt('bystander', '10.1.1.1', PASSWORD).expect(200);
    // A wait, not a lock-out: after Retry-After the owner signs in (test/security has the whole story).
    await new Promise((r) => setTimeout(r, Number(res.headers['retry-after']) * 1000 + 100));
    await attempt('victim', '10.1.0.100', PASSWORD).expect(200);
  });

  it('per IP: the N+1th attempt from one address → 429, whatever the login name', async () => {
    for (let i = 0; i < LIMIT; i++) await attempt(`someone${i}`, '10.2.0.1').expect(401);
    await attempt('bystander', '10.2.0.1', PASSWORD).expect(429);
    await attempt('bystander', '10.2.0.2', PASSWORD).expect(200);
  });

  it('keeps its counters in Redis under ${REDIS_PREFIX}:throttle, without login names in keys', async () => {
    const redis = new Redis(env.redisUrl);
    try {
      const keys = await redis.keys(`${env.redisPrefix}:throttle:*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.join(' ')).not.toMatch(/victim|bystander/);
    } finally {
      await redis.quit();
    }
  });

  it('other routes are not throttled by the login throttlers', async () => {
    for (let i = 0; i < LIMIT + 2; i++)
      await http().get('/health').set('X-Forwarded-For', '10.2.0.1').expect(200);
  });
});
