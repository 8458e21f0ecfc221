/**
 * Two API replicas over one Postgres and one Redis (two Nest apps in this process, each with its
 * own memory): a session signed in on one works on the other, refresh and logout on either hold
 * on both — a logout on A is refused on B at once, though B had cached the user for a minute —
 * and the login throttle counts the attempts made on both. bench:replicas runs the same over
 * processes, with one of them killed under load.
 */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';

jest.setTimeout(120_000);

describe('sessions and throttling across two API replicas', () => {
  let env: SuiteEnv;
  let a: NestFastifyApplication;
  let b: NestFastifyApplication;

  beforeAll(async () => {
    env = await setupSuiteEnv('replica_sessions', {
      // Far longer than the test: only the cross-replica forget can explain a refusal on B.
      AUTH_CACHE_TTL_MS: '60000',
      LOGIN_THROTTLE_LIMIT: '4',
    });
    a = await startApi();
    b = await startApi();
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await env?.cleanup().catch(() => undefined);
  });

  const login = `replica.${process.pid}`;
  const register = () =>
    request(a.getHttpServer())
      .post('/api/v1/auth/register/seeker')
      .send({ login, password: 'correct horse 1', displayName: '李四', mobile: '13812345678' })
      .expect(201);
  const me = (app: NestFastifyApplication, token: string) =>
    request(app.getHttpServer()).get('/api/v1/auth/me').set('authorization', `Bearer ${token}`);

  it('signed in on A, used and refreshed on B; logged out on B, refused on A at once', async () => {
    const first = (await register()).body as { accessToken: string; refreshToken: string };
    await me(b, first.accessToken).expect(200);
    await me(a, first.accessToken).expect(200); // both replicas now hold the user in memory

    const refreshed = await request(b.getHttpServer())
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(200);
    await me(a, refreshed.body.accessToken).expect(200);
    // The old refresh token was used once: a second use is refused on the other replica too.
    await request(a.getHttpServer())
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(401);

    const signedIn = await request(a.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ login, password: 'correct horse 1' })
      .expect(200);
    await me(a, signedIn.body.accessToken).expect(200);
    await me(b, signedIn.body.accessToken).expect(200);
    await request(b.getHttpServer())
      .post('/api/v1/auth/logout')
      .send({ refreshToken: signedIn.body.refreshToken })
      .expect(204);
    await waitUntil(
      'A to refuse the revoked token',
      async () => (await me(a, signedIn.body.accessToken)).status === 401,
      3000,
    );
    await me(b, signedIn.body.accessToken).expect(401);
  });

  it('the login throttle counts attempts on both replicas', async () => {
    const attempt = (app: NestFastifyApplication) =>
      request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', '203.0.113.77')
        .send({ login: 'nobody.here', password: 'wrong password 1' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(i % 2 === 0 ? a : b)).status);
    // Four attempts allowed per address across the county's replicas, then 429 on either.
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });
});
