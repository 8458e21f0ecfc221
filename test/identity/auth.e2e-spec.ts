import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { PrincipalResolver, UsersService } from '@app/identity';
import { AuthUser, Role } from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import {
  CREDIT_CODES,
  ID_NUMBERS,
  PASSWORD,
  login,
  nextIp,
  registerAgency,
  registerEmployer,
  registerSeeker,
} from './identity-helpers';

describe('identity: registration, login, refresh, logout', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    env = await setupSuiteEnv('auth');
    app = await startApi();
    ds = app.get(DataSource);
  }, 60000);
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  }, 60000);

  describe('registration', () => {
    it('a seeker registers, is signed in, and sees masked personal data', async () => {
      const res = await http()
        .post('/api/v1/auth/register/seeker')
        .send({
          login: 'Seeker.One',
          password: PASSWORD,
          displayName: '王丽',
          mobile: '13912345678',
          idNumber: ID_NUMBERS[0],
        })
        .expect(201);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number) });
      expect(res.body.user).toMatchObject({
        role: 'seeker',
        login: 'seeker.one',
        displayName: '王丽',
        mobile: '139****5678',
        idNumber: '140824**********13',
        organisationId: null,
      });
      const me = await http()
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      expect(me.body.id).toBe(res.body.user.id);
    });

    it('an employer registers with a new enterprise', async () => {
      const s = await registerEmployer(app, 'employer.one', CREDIT_CODES[0]);
      const me = await http().get('/api/v1/auth/me').set(s.auth).expect(200);
      expect(me.body).toMatchObject({
        role: 'employer',
        organisation: { kind: 'enterprise', creditCode: CREDIT_CODES[0], agencyKind: null },
      });
      expect(me.body.organisationId).toBe(me.body.organisation.id);
    });

    it('joining an existing enterprise by self-registration is refused: 409 naming creditCode', async () => {
      const res = await http()
        .post('/api/v1/auth/register/employer')
        .send({
          login: 'employer.intruder',
          password: PASSWORD,
          displayName: '冒充者',
          mobile: '13835967891',
          enterpriseName: '另一个名字',
          creditCode: CREDIT_CODES[0],
        })
        .expect(409);
      expect(res.body.error.fields).toEqual([{ field: 'creditCode', message: expect.any(String) }]);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM users WHERE login = 'employer.intruder'`,
      );
      expect(n).toBe(0);
    });

    it('an agency registers with its kind', async () => {
      const s = await registerAgency(app, 'agency.one', CREDIT_CODES[1]);
      const me = await http().get('/api/v1/auth/me').set(s.auth).expect(200);
      expect(me.body).toMatchObject({
        role: 'agency',
        organisation: { kind: 'agency', agencyKind: 'hr-firm' },
      });
    });

    it('refuses an invalid credit code, ID number, mobile and short password, naming the field', async () => {
      const base = { login: 'bad.one', password: PASSWORD, displayName: 'x', mobile: '13912345678' };
      const cases: [string, object, string][] = [
        [
          '/register/employer',
          { ...base, enterpriseName: '某公司', creditCode: '91140824MA0KT0003A' },
          'creditCode',
        ],
        ['/register/seeker', { ...base, idNumber: '140824199001010014' }, 'idNumber'],
        ['/register/seeker', { ...base, mobile: '1391234567' }, 'mobile'],
        ['/register/seeker', { ...base, password: 'short7!' }, 'password'],
        [
          '/register/agency',
          { ...base, agencyName: '机构', creditCode: CREDIT_CODES[2], agencyKind: 'x' },
          'agencyKind',
        ],
      ];
      for (const [path, body, field] of cases) {
        const res = await http().post(`/api/v1/auth${path}`).send(body).expect(400);
        expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
        expect(JSON.stringify(res.body)).not.toContain('140824199001010014');
      }
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM users WHERE login = 'bad.one'`);
      expect(n).toBe(0);
    });

    it('the same ID number twice → 409 naming idNumber (also with a lowercase x)', async () => {
      await registerSeeker(app, 'seeker.x1', { idNumber: ID_NUMBERS[1] });
      for (const idNumber of [ID_NUMBERS[1], ID_NUMBERS[1].toLowerCase()]) {
        const res = await http()
          .post('/api/v1/auth/register/seeker')
          .send({ login: 'seeker.x2', password: PASSWORD, displayName: 'x', mobile: '13912345678', idNumber })
          .expect(409);
        expect(res.body.error).toMatchObject({
          code: 'user.id-number-registered',
          fields: [{ field: 'idNumber' }],
        });
      }
    });

    it('a taken login → 409 naming login (case-insensitive)', async () => {
      const res = await http()
        .post('/api/v1/auth/register/seeker')
        .send({ login: 'SEEKER.ONE', password: PASSWORD, displayName: 'x', mobile: '13912345678' })
        .expect(409);
      expect(res.body.error.fields).toEqual([{ field: 'login', message: expect.any(String) }]);
    });

    it('stores passwords as argon2id hashes', async () => {
      const [row] = await ds.query(`SELECT password_hash FROM users WHERE login = 'seeker.one'`);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });
  });

  describe('login', () => {
    it('signs in with the right password', async () => {
      const s = await login(app, 'seeker.one');
      expect(s.role).toBe('seeker');
    });

    it('wrong password and unknown login → the same 401', async () => {
      const wrong = await http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', nextIp())
        .send({ login: 'seeker.one', password: 'not-the-password' })
        .expect(401);
      const unknown = await http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', nextIp())
        .send({ login: 'nobody.here', password: 'not-the-password' })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.error.code).toBe('auth.invalid-credentials');
    });

    it('protected routes without a token, or with a bad one → 401', async () => {
      await http().get('/api/v1/auth/me').expect(401);
      await http().get('/api/v1/auth/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
      await http().get('/api/v1/auth/me').set('Authorization', 'Basic abc').expect(401);
    });
  });

  describe('refresh tokens', () => {
    it('rotate on use; the old one then fails; reuse revokes the whole family and the access tokens', async () => {
      const s = await login(app, 'seeker.one');
      const r1 = await http().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
      expect(r1.body.refreshToken).not.toBe(s.refreshToken);
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${r1.body.accessToken}`).expect(200);

      // Reuse of the first (revoked) token: 401, and the family's live token dies too.
      const reuse = await http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: s.refreshToken })
        .expect(401);
      expect(reuse.body.error.code).toBe('auth.refresh-token-reused');
      await http().post('/api/v1/auth/refresh').send({ refreshToken: r1.body.refreshToken }).expect(401);
      // The token version was bumped: access tokens issued before stop working.
      await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${r1.body.accessToken}`).expect(401);

      // Stored hashed only.
      const rows: { token_hash: string }[] = await ds.query(`SELECT token_hash FROM refresh_tokens`);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(r.token_hash).not.toBe(s.refreshToken);
      }
    });

    it('an unknown refresh token → 401', async () => {
      await http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'x'.repeat(43) })
        .expect(401);
    });

    it('logout revokes the refresh token: refreshing afterwards fails', async () => {
      const s = await login(app, 'agency.one');
      await http().post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    });

    it('an expired refresh token → 401', async () => {
      const s = await login(app, 'employer.one');
      await ds.query(
        `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL`,
      );
      await http().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    });
  });

  describe('a crowd of different users at once', () => {
    // The guard's user lookups made in the same turn share one query (Coalescer): whatever it
    // answers must reach the request that asked, and one bad token must not fail the others.
    it('tokens resolved together are each answered with their own user’s row', async () => {
      for (const [i, township] of ['jifeng', 'xishe', 'zhaidian', null, 'qinghe', 'huayu'].entries())
        await registerSeeker(app, `crowd.seeker.${i}`, township ? { townshipCode: township } : {});
      for (const [i, township] of ['jifeng', 'xishe', undefined].entries())
        await app.get(UsersService).createPrivileged(null, {
          role: i === 2 ? Role.Admin : Role.Staff,
          login: `crowd.staff.${i}`,
          password: PASSWORD,
          displayName: `工作人员 ${i}`,
          townshipCode: township,
        });
      const users: {
        id: string;
        login: string;
        role: Role;
        organisation_id: string | null;
        township_code: string | null;
      }[] = await ds.query(
        `SELECT id, login, role, organisation_id, township_code FROM users ORDER BY login`,
      );
      expect(users.length).toBeGreaterThanOrEqual(10);
      // One never signed in before (so not in the process's short cache of users).
      const revoked = users.find((u) => u.login === 'crowd.seeker.3') as (typeof users)[number];
      await ds.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [revoked.id]);
      const versions = new Map<string, number>(
        (await ds.query(`SELECT id, token_version FROM users`)).map(
          (r: { id: string; token_version: number }) => [r.id, r.token_version],
        ),
      );
      const jwt = app.get(JwtService);
      const token = (sub: string, ver: number) =>
        jwt.signAsync({ sub, role: 'seeker', org: null, twp: null, ver, typ: 'access' });
      const asked: { sub: string; ver: number; expect: 'own' | 'refused' }[] = [
        ...users.map((u) => ({
          sub: u.id,
          ver: u === revoked ? 0 : (versions.get(u.id) as number),
          expect: (u === revoked ? 'refused' : 'own') as 'own' | 'refused',
        })),
        { sub: users[0].id, ver: versions.get(users[0].id) as number, expect: 'own' }, // twice in one batch
        { sub: users[1].id.toUpperCase(), ver: versions.get(users[1].id) as number, expect: 'own' },
        { sub: '00000000-0000-4000-8000-000000000000', ver: 0, expect: 'refused' }, // nobody
        { sub: 'not-a-uuid', ver: 0, expect: 'refused' },
      ];
      const headers = await Promise.all(asked.map(async (a) => `Bearer ${await token(a.sub, a.ver)}`));
      const resolver = app.get(PrincipalResolver);
      // All in one turn of the event loop: one batch.
      const answers = await Promise.allSettled(headers.map((h) => resolver.resolve(h)));
      answers.forEach((answer, i) => {
        const a = asked[i];
        if (a.expect === 'refused') {
          expect(answer.status).toBe('rejected');
          expect((answer as PromiseRejectedResult).reason.status).toBe(401);
          return;
        }
        const row = users.find((u) => u.id === a.sub.toLowerCase());
        expect(answer.status).toBe('fulfilled');
        expect((answer as PromiseFulfilledResult<AuthUser>).value).toEqual({
          id: a.sub,
          role: row?.role,
          organisationId: row?.organisation_id,
          townshipCode: row?.township_code,
        });
      });
    });

    it('requests of different users at once over HTTP each see themselves; a revoked token is refused', async () => {
      const crowd: Awaited<ReturnType<typeof registerSeeker>>[] = [];
      for (let i = 0; i < 12; i++) crowd.push(await registerSeeker(app, `crowd.http.${i}`));
      const revoked = crowd[7];
      await ds.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [revoked.id]);
      const answers = await Promise.all(crowd.map((s) => http().get('/api/v1/auth/me').set(s.auth)));
      answers.forEach((res, i) => {
        if (crowd[i] === revoked) expect(res.status).toBe(401);
        else expect([res.status, res.body.id, res.body.login]).toEqual([200, crowd[i].id, crowd[i].login]);
      });
    });
  });
});
