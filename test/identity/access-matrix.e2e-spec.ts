import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { UsersService } from '@app/identity';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import {
  CREDIT_CODES,
  ID_NUMBERS,
  PASSWORD,
  Session,
  createPrivileged,
  registerAgency,
  registerEmployer,
  registerSeeker,
} from './identity-helpers';

describe('identity: role and ownership matrix, mass assignment, reveal, audit', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  const http = () => request(app.getHttpServer());
  let seekerA: Session; // jifeng, with ID number
  let seekerB: Session; // xishe, with ID number
  let employer: Session;
  let agency: Session;
  let jifengStaff: Session;
  let countyStaff: Session;
  let admin: Session;

  beforeAll(async () => {
    // A short principal cache, so the test of a change made outside this process can wait it out.
    env = await setupSuiteEnv('access', { AUTH_CACHE_TTL_MS: '300' });
    app = await startApi();
    ds = app.get(DataSource);
    seekerA = await registerSeeker(app, 'seeker.a', { idNumber: ID_NUMBERS[2], townshipCode: 'jifeng' });
    seekerB = await registerSeeker(app, 'seeker.b', { idNumber: ID_NUMBERS[3], townshipCode: 'xishe' });
    employer = await registerEmployer(app, 'employer.m', CREDIT_CODES[3]);
    agency = await registerAgency(app, 'agency.m', CREDIT_CODES[4]);
    jifengStaff = await createPrivileged(app, Role.Staff, 'staff.jifeng', 'jifeng');
    countyStaff = await createPrivileged(app, Role.Staff, 'staff.county');
    admin = await createPrivileged(app, Role.Admin, 'admin.m');
  }, 60000);
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  }, 60000);

  describe('GET /api/v1/users/:id', () => {
    it('self, admin, county staff and same-township staff may read; everyone else gets 404', async () => {
      const cases: [Session, Session, number][] = [
        [seekerA, seekerA, 200],
        [seekerB, seekerA, 404],
        [employer, seekerA, 404],
        [agency, seekerA, 404],
        [jifengStaff, seekerA, 200],
        [jifengStaff, seekerB, 404],
        [jifengStaff, employer, 404],
        [countyStaff, seekerB, 200],
        [admin, seekerB, 200],
        [seekerA, admin, 404],
      ];
      for (const [actor, target, status] of cases) {
        const res = await http().get(`/api/v1/users/${target.id}`).set(actor.auth);
        expect({ actor: actor.login, target: target.login, status: res.status }).toEqual({
          actor: actor.login,
          target: target.login,
          status,
        });
        if (status === 200) expect(res.body.idNumber ?? '').not.toMatch(/^\d{17}[\dX]$/);
      }
    });

    it('an unknown id → 404, a malformed one → 400, no token → 401', async () => {
      await http().get('/api/v1/users/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
      await http().get('/api/v1/users/not-a-uuid').set(admin.auth).expect(400);
      await http().get(`/api/v1/users/${seekerA.id}`).expect(401);
    });
  });

  describe('GET /api/v1/users', () => {
    it('is for staff and admins only', async () => {
      for (const s of [seekerA, employer, agency]) await http().get('/api/v1/users').set(s.auth).expect(403);
      await http().get('/api/v1/users').expect(401);
    });

    it('township staff see only their township; county staff and admins see all (paginated)', async () => {
      const mine = await http().get('/api/v1/users').set(jifengStaff.auth).expect(200);
      const ids = mine.body.items.map((u: { id: string }) => u.id);
      expect(ids).toContain(seekerA.id);
      expect(ids).not.toContain(seekerB.id);
      for (const u of mine.body.items) expect(u.townshipCode).toBe('jifeng');
      const other = await http().get('/api/v1/users?townshipCode=xishe').set(jifengStaff.auth).expect(200);
      expect(other.body.items).toEqual([]);

      const all = await http().get('/api/v1/users?limit=100').set(countyStaff.auth).expect(200);
      expect(all.body.total).toBe(7);
      const page = await http().get('/api/v1/users?limit=2&offset=2').set(admin.auth).expect(200);
      expect(page.body).toMatchObject({ total: 7, limit: 2, offset: 2 });
      expect(page.body.items).toHaveLength(2);
      const seekers = await http().get('/api/v1/users?role=seeker').set(admin.auth).expect(200);
      expect(seekers.body.total).toBe(2);
      await http().get('/api/v1/users?limit=1000').set(admin.auth).expect(400);
    });
  });

  describe('POST /api/v1/users (admin creates staff and admins)', () => {
    const body = {
      role: 'staff',
      login: 'staff.new',
      password: PASSWORD,
      displayName: '新员工',
      townshipCode: 'huayu',
    };

    it('employer, seeker, agency and staff cannot create staff → 403; unauthenticated → 401', async () => {
      for (const s of [employer, seekerA, agency, countyStaff]) {
        await http().post('/api/v1/users').set(s.auth).send(body).expect(403);
      }
      await http().post('/api/v1/users').send(body).expect(401);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM users WHERE login = 'staff.new'`);
      expect(n).toBe(0);
    });

    it('an admin creates township staff; the creation is audited', async () => {
      const res = await http().post('/api/v1/users').set(admin.auth).send(body).expect(201);
      expect(res.body).toMatchObject({ role: 'staff', townshipCode: 'huayu', login: 'staff.new' });
      const audit = await http()
        .get(`/api/v1/audit?action=user.create&targetType=user&targetId=${res.body.id}`)
        .set(admin.auth)
        .expect(200);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ actorId: admin.id, actorRole: 'admin' });
    });

    it('refuses roles other than staff/admin, an unknown township and admins with a township', async () => {
      let res = await http()
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ ...body, login: 'x.1', role: 'seeker' });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].field).toBe('role');
      res = await http()
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ ...body, login: 'x.2', townshipCode: 'atlantis' });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].field).toBe('townshipCode');
      res = await http()
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ ...body, login: 'x.3', role: 'admin' });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].field).toBe('townshipCode');
    });
  });

  describe('PATCH /api/v1/users/me', () => {
    it('updates display name, mobile (masked back) and a seeker township', async () => {
      const res = await http()
        .patch('/api/v1/users/me')
        .set(seekerA.auth)
        .send({ displayName: '王丽丽', mobile: '13612349876', townshipCode: 'jifeng' })
        .expect(200);
      expect(res.body).toMatchObject({
        displayName: '王丽丽',
        mobile: '136****9876',
        townshipCode: 'jifeng',
      });
    });

    it('non-seekers cannot set a township here; unknown township → 400', async () => {
      const r1 = await http()
        .patch('/api/v1/users/me')
        .set(employer.auth)
        .send({ townshipCode: 'jifeng' })
        .expect(400);
      expect(r1.body.error.fields[0].field).toBe('townshipCode');
      const r2 = await http()
        .patch('/api/v1/users/me')
        .set(seekerA.auth)
        .send({ townshipCode: 'nowhere' })
        .expect(400);
      expect(r2.body.error.fields[0].field).toBe('townshipCode');
    });

    it.each([
      ['role', { role: 'admin' }],
      ['id', { id: '00000000-0000-4000-8000-000000000000' }],
      ['organisationId', { organisationId: '00000000-0000-4000-8000-000000000000' }],
      ['tokenVersion', { tokenVersion: 5 }],
    ])('mass assignment of %s → 400 naming the field, nothing changes', async (field, extra) => {
      const before = await ds.query(`SELECT u.*, u::text AS t FROM users u WHERE id = $1`, [seekerB.id]);
      const res = await http()
        .patch('/api/v1/users/me')
        .set(seekerB.auth)
        .send({ displayName: 'changed?', ...extra })
        .expect(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
      const after = await ds.query(`SELECT u.*, u::text AS t FROM users u WHERE id = $1`, [seekerB.id]);
      expect(after[0].t).toBe(before[0].t);
      expect(after[0].role).toBe('seeker');
    });

    it('mass assignment on registration (role: admin) → 400, no user created', async () => {
      const res = await http()
        .post('/api/v1/auth/register/seeker')
        .send({ login: 'sneaky', password: PASSWORD, displayName: 'x', mobile: '13912345678', role: 'admin' })
        .expect(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain('role');
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM users WHERE login = 'sneaky'`);
      expect(n).toBe(0);
    });
  });

  describe('POST /api/v1/users/:id/reveal-id-number', () => {
    it('is staff-only: seekers, employers, agencies and admins → 403; unauthenticated → 401', async () => {
      for (const s of [seekerA, employer, agency, admin]) {
        await http()
          .post(`/api/v1/users/${seekerA.id}/reveal-id-number`)
          .set(s.auth)
          .send({ reason: '核对材料' })
          .expect(403);
      }
      await http()
        .post(`/api/v1/users/${seekerA.id}/reveal-id-number`)
        .send({ reason: '核对材料' })
        .expect(401);
    });

    it('needs a reason of at least 4 characters', async () => {
      const res = await http()
        .post(`/api/v1/users/${seekerA.id}/reveal-id-number`)
        .set(countyStaff.auth)
        .send({ reason: 'abc' })
        .expect(400);
      expect(res.body.error.fields[0].field).toBe('reason');
      await http()
        .post(`/api/v1/users/${seekerA.id}/reveal-id-number`)
        .set(countyStaff.auth)
        .send({})
        .expect(400);
    });

    it('township staff reveal only in their township (404 otherwise); each reveal is audited', async () => {
      await http()
        .post(`/api/v1/users/${seekerB.id}/reveal-id-number`)
        .set(jifengStaff.auth)
        .send({ reason: '核对补贴申请' })
        .expect(404);
      const res = await http()
        .post(`/api/v1/users/${seekerA.id}/reveal-id-number`)
        .set(jifengStaff.auth)
        .set('X-Request-Id', 'reveal-req-0001')
        .send({ reason: '核对补贴申请' })
        .expect(200);
      expect(res.body).toEqual({ userId: seekerA.id, idNumber: ID_NUMBERS[2] });
      const county = await http()
        .post(`/api/v1/users/${seekerB.id}/reveal-id-number`)
        .set(countyStaff.auth)
        .send({ reason: '核对补贴申请' })
        .expect(200);
      expect(county.body.idNumber).toBe(ID_NUMBERS[3]);

      const audit = await http()
        .get(`/api/v1/audit?action=user.reveal-id-number`)
        .set(admin.auth)
        .expect(200);
      expect(audit.body.total).toBe(2);
      const mine = audit.body.items.find((e: { actorId: string }) => e.actorId === jifengStaff.id);
      expect(mine).toMatchObject({
        actorRole: 'staff',
        targetType: 'user',
        targetId: seekerA.id,
        reason: '核对补贴申请',
        // The id nestjs-pino logs for the request (Fastify's request id; see report on X-Request-Id).
        requestId: expect.stringMatching(/^\S{1,64}$/),
      });
      expect(JSON.stringify(audit.body)).not.toContain(ID_NUMBERS[2]);
    });

    it('a user without an ID number → 404', async () => {
      await http()
        .post(`/api/v1/users/${employer.id}/reveal-id-number`)
        .set(countyStaff.auth)
        .send({ reason: '核对补贴申请' })
        .expect(404);
    });
  });

  describe('audit log', () => {
    it('GET /api/v1/audit is for staff and admins; filters by actor and dates', async () => {
      for (const s of [seekerA, employer, agency]) await http().get('/api/v1/audit').set(s.auth).expect(403);
      await http().get('/api/v1/audit').expect(401);
      // County-wide readers (staff of a township station read their township's: test/security).
      const byActor = await http().get(`/api/v1/audit?actor=${countyStaff.id}`).set(admin.auth).expect(200);
      expect(byActor.body.items.every((e: { actorId: string }) => e.actorId === countyStaff.id)).toBe(true);
      expect(byActor.body.total).toBe(1);
      const today = new Date().toISOString().slice(0, 10);
      const dated = await http()
        .get(`/api/v1/audit?from=${today}&to=${today}&limit=1`)
        .set(admin.auth)
        .expect(200);
      expect(dated.body.items).toHaveLength(1);
      expect(dated.body.total).toBeGreaterThanOrEqual(3);
      const past = await http().get('/api/v1/audit?to=2000-01-01').set(admin.auth).expect(200);
      expect(past.body.total).toBe(0);
      await http().get('/api/v1/audit?from=yesterday').set(admin.auth).expect(400);
    });

    it('is append-only: UPDATE, DELETE and TRUNCATE raise', async () => {
      await expect(ds.query(`UPDATE audit_log SET reason = 'x'`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    });
  });

  describe('admin-only pipeline check route', () => {
    it('admins only', async () => {
      for (const s of [seekerA, employer, agency, jifengStaff, countyStaff]) {
        await http().post('/api/v1/admin/pipeline-checks').set(s.auth).send({ note: 'x' }).expect(403);
      }
      await http().post('/api/v1/admin/pipeline-checks').send({ note: 'x' }).expect(401);
      await http().post('/api/v1/admin/pipeline-checks').set(admin.auth).send({ note: 'x' }).expect(201);
    });
  });

  describe('token version', () => {
    it('a revocation through this process applies at once', async () => {
      const s = await registerSeeker(app, 'seeker.revoked');
      await http().get('/api/v1/auth/me').set(s.auth).expect(200);
      await app.get(UsersService).bumpTokenVersion(s.id);
      await http().get('/api/v1/auth/me').set(s.auth).expect(401);
    });

    it('a change made elsewhere (another replica, SQL) applies within AUTH_CACHE_TTL_MS', async () => {
      const s = await registerSeeker(app, 'seeker.demoted');
      await http().get('/api/v1/auth/me').set(s.auth).expect(200);
      await ds.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [s.id]);
      await new Promise((r) => setTimeout(r, 350));
      await http().get('/api/v1/auth/me').set(s.auth).expect(401);
    });
  });
});
