import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { Role } from '@app/platform';
import { UsersService } from '@app/identity';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { PASSWORD } from '../identity/identity-helpers';

/**
 * The review's findings about credentials and sessions, each against the real platform with its
 * defaults: TRUST_PROXY off, the real login and registration throttles.
 */
describe('security: tokens, sessions and throttling', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  const http = () => request(app.getHttpServer());
  const signIn = async (login: string, password = PASSWORD) =>
    (await http().post('/api/v1/auth/login').send({ login, password }).expect(200)).body;

  beforeAll(async () => {
    env = await setupSuiteEnv('sec_sessions', {
      TRUST_PROXY: 'false',
      LOGIN_THROTTLE_LIMIT: '4',
      LOGIN_THROTTLE_TTL_SECONDS: '600',
      LOGIN_BACKOFF_MAX_SECONDS: '2',
      REGISTRATION_THROTTLE_PER_HOUR: '3',
    });
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    ds = app.get(DataSource);
    const users = app.get(UsersService);
    for (const login of ['sec.admin', 'sec.admin2']) {
      await users.createPrivileged(null, { role: Role.Admin, login, password: PASSWORD, displayName: login });
    }
    for (const login of ['owner', 'tokens', 'idem']) {
      await users.createPrivileged(null, { role: Role.Staff, login, password: PASSWORD, displayName: login });
    }
  }, 60000);
  // Each test counts attempts from a clean slate; the counters live in this suite's Redis prefix.
  beforeEach(() => clearThrottle(env));
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  }, 60000);

  it('Idempotency-Key on the auth routes stores nothing, and a used refresh token stays used', async () => {
    const pair = await signIn('idem');
    const key = 'refresh-key-0001';
    const first = await http()
      .post('/api/v1/auth/refresh')
      .set('Idempotency-Key', key)
      .send({ refreshToken: pair.refreshToken })
      .expect(200);
    // The same key and body again: before, the stored answer came back with a fresh pair.
    const replay = await http()
      .post('/api/v1/auth/refresh')
      .set('Idempotency-Key', key)
      .send({ refreshToken: pair.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('auth.refresh-token-reused');
    expect(replay.text).not.toContain(first.body.accessToken);
    await http()
      .post('/api/v1/auth/login')
      .set('Idempotency-Key', 'login-key-0001')
      .send({ login: 'idem', password: PASSWORD })
      .expect(200);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM idempotency_records`);
    expect(n).toBe(0);
    const stored: { response_body: unknown }[] = await ds.query(
      `SELECT response_body FROM idempotency_records`,
    );
    expect(JSON.stringify(stored)).not.toMatch(/accessToken|refreshToken/);
  });

  it('anonymous Idempotency-Keys belong to one client address: another caller is not served its answer', async () => {
    const situation = (province: string) => ({
      asOf: '2023-09-01',
      hire: { startDate: '2023-09-01', jobLocation: { province } },
    });
    const a = await http()
      .post('/api/v1/subsidies/evaluate')
      .set('Idempotency-Key', 'shared-key-01')
      .send(situation('山西省'));
    expect(a.status).toBeLessThan(300);
    const [{ scope }] = await ds.query(`SELECT scope FROM idempotency_records WHERE key = 'shared-key-01'`);
    expect(scope).toMatch(/^anonymous@(::ffff:)?127\.0\.0\.1 POST /);
  });

  it('the queue board refuses an admin token once its sessions are revoked (and clears its cookie)', async () => {
    const admin = await signIn('sec.admin');
    const first = await http().get(`/admin/queues?token=${admin.accessToken}`);
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']).split(';')[0];
    await http().get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
    // Revoke every session: a refresh token reused bumps the token version.
    await http().post('/api/v1/auth/refresh').send({ refreshToken: admin.refreshToken }).expect(200);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: admin.refreshToken }).expect(401);
    for (const req of [
      http().get('/admin/queues').set('Authorization', `Bearer ${admin.accessToken}`),
      http().get('/admin/queues/api/queues').set('Cookie', cookie),
      http().get(`/admin/queues?token=${admin.accessToken}`),
    ]) {
      const res = await req;
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain(admin.accessToken);
    }
  });

  it('logout ends the access tokens already handed out, not only the refresh family', async () => {
    const pair = await signIn('tokens');
    const other = await signIn('tokens');
    const auth = { Authorization: `Bearer ${pair.accessToken}` };
    await http().get('/api/v1/auth/me').set(auth).expect(200);
    await http().post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204);
    await http().get('/api/v1/auth/me').set(auth).expect(401);
    await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${other.accessToken}`).expect(401);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
    // The other device keeps its session: its refresh token gets it a new access token.
    const renewed = await http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: other.refreshToken })
      .expect(200);
    await http()
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${renewed.body.accessToken}`)
      .expect(200);
  });

  it('X-Forwarded-For is ignored unless TRUST_PROXY says so: changing it does not reset the per-IP throttle', async () => {
    for (let i = 0; i < 4; i++) {
      await http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `10.7.0.${i}`)
        .send({ login: `nobody${i}`, password: 'wrong-pass' })
        .expect(401);
    }
    const res = await http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '10.7.9.9')
      .send({ login: 'nobody9', password: 'wrong-pass' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.error.code).toBe('too-many-requests');
  });

  it('failed passwords slow an attacker without locking the owner out (backoff with Retry-After)', async () => {
    const attacker = from(app, '127.0.0.7');
    for (let i = 0; i < 4; i++) {
      expect(
        (await attacker.post('/api/v1/auth/login', { login: 'owner', password: `guess-${i}` })).status,
      ).toBe(401);
    }
    const blocked = await attacker.post('/api/v1/auth/login', { login: 'owner', password: 'guess-x' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Before, the account was refused from every address for the whole window. The owner, from a
    // new address with the right password, now waits at most the backoff (2 s here), told by Retry-After.
    const owner = from(app, '127.0.0.20');
    let res = await owner.post('/api/v1/auth/login', { login: 'owner', password: PASSWORD });
    if (res.status === 429) {
      const wait = Number(res.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(2);
      await new Promise((r) => setTimeout(r, wait * 1000 + 100));
      res = await owner.post('/api/v1/auth/login', { login: 'owner', password: PASSWORD });
    }
    expect(res.status).toBe(200);
    // The attacker's own address stays refused for its window, even with the right password.
    expect((await attacker.post('/api/v1/auth/login', { login: 'owner', password: PASSWORD })).status).toBe(
      429,
    );
  });

  it('unauthenticated registration is throttled per address (no free oracle for registered ID numbers)', async () => {
    const register = (i: number) =>
      http()
        .post('/api/v1/auth/register/seeker')
        .send({
          login: `reg${i}`,
          password: PASSWORD,
          displayName: `注册${i}`,
          mobile: '13912345678',
          idNumber: '140824199001010013',
        });
    await register(1).expect(201);
    expect((await register(2)).status).toBe(409);
    expect((await register(3)).status).toBe(409);
    const limited = await register(4);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error.code).toBe('too-many-requests');
  });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code: string } };
}

/**
 * A client whose connection comes from `ip`: on Linux the whole of 127.0.0.0/8 is the loopback,
 * so a test can be "another address" for real, with TRUST_PROXY off and no header to trust.
 */
function from(app: NestFastifyApplication, ip: string) {
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    post(path: string, body: unknown): Promise<Answer> {
      const data = JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path,
            method: 'POST',
            localAddress: ip,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
          },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString('utf8')));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: text ? JSON.parse(text) : {},
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(data);
      });
    },
  };
}

async function clearThrottle(env: SuiteEnv): Promise<void> {
  const redis = new Redis(env.redisUrl);
  try {
    const keys = await redis.keys(`${env.redisPrefix}:throttle:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
