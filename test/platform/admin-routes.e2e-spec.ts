import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Session, createPrivileged, registerSeeker } from '../identity/identity-helpers';

/** Idempotency-Key, strict bodies and the admin-only queue board, on the admin pipeline-check route. */
describe('admin routes: Idempotency-Key, strict bodies, queue board', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let admin: Session;
  let staff: Session;
  let seeker: Session;
  const outboxCount = async () =>
    Number((await app.get(DataSource).query(`SELECT count(*) AS n FROM outbox`))[0].n);

  beforeAll(async () => {
    env = await setupSuiteEnv('admin');
    app = await startApi();
    admin = await createPrivileged(app, Role.Admin, 'root');
    staff = await createPrivileged(app, Role.Staff, 'county-staff');
    seeker = await registerSeeker(app, 'seeker-a');
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  const post = (body: unknown, key?: string, auth = admin.auth) => {
    const r = request(app.getHttpServer()).post('/api/v1/admin/pipeline-checks').set(auth);
    if (key) r.set('Idempotency-Key', key);
    return r.send(body as object);
  };

  it('the same Idempotency-Key and body return the first answer and write once', async () => {
    const before = await outboxCount();
    const first = await post({ note: 'idem' }, 'key-0001-abc').expect(201);
    const second = await post({ note: 'idem' }, 'key-0001-abc').expect(201);
    expect(second.body).toEqual(first.body);
    expect(await outboxCount()).toBe(before + 1);
  });

  it('the same key with another body → 422, nothing written', async () => {
    const before = await outboxCount();
    const res = await post({ note: 'different' }, 'key-0001-abc').expect(422);
    expect(res.body.error.code).toBe('idempotency-key-reused');
    expect(await outboxCount()).toBe(before);
  });

  it('keys are per user: another admin may use the same key', async () => {
    const other = await createPrivileged(app, Role.Admin, 'root2');
    const res = await post({ note: 'idem' }, 'key-0001-abc', other.auth).expect(201);
    expect(res.body.outboxId).toBeDefined();
  });

  it('unknown or extra fields → 400 naming them, nothing written', async () => {
    const before = await outboxCount();
    const res = await post({ note: 'x', role: 'admin', id: 7 }).expect(400);
    expect(res.body.error.code).toBe('validation-failed');
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['id', 'role']);
    expect(await outboxCount()).toBe(before);
  });

  it('a missing field → 400 naming it', async () => {
    const res = await post({}).expect(400);
    expect(res.body.error.fields[0].field).toBe('note');
  });

  it('pipeline checks are admin-only', async () => {
    await post({ note: 'x' }, undefined, staff.auth).expect(403);
    await post({ note: 'x' }, undefined, seeker.auth).expect(403);
    await request(app.getHttpServer()).post('/api/v1/admin/pipeline-checks').send({ note: 'x' }).expect(401);
  });

  describe('Bull Board at /admin/queues', () => {
    it('refuses anonymous callers and non-admins with JSON errors', async () => {
      const anon = await request(app.getHttpServer()).get('/admin/queues').expect(401);
      expect(anon.body.error.code).toBe('unauthenticated');
      await request(app.getHttpServer()).get('/admin/queues').set(staff.auth).expect(403);
      await request(app.getHttpServer()).get('/admin/queues/api/queues').set(seeker.auth).expect(403);
    });

    it('shows the queues to an admin, and keeps the session in a cookie scoped to the board', async () => {
      await request(app.getHttpServer()).get('/admin/queues').set(admin.auth).expect(200);
      const viaQuery = await request(app.getHttpServer())
        .get(`/admin/queues?token=${admin.accessToken}`)
        .expect(200);
      const cookie = String(viaQuery.headers['set-cookie']);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/Path=\/admin\/queues/);
      const api = await request(app.getHttpServer())
        .get('/admin/queues/api/queues')
        .set('cookie', cookie.split(';')[0])
        .expect(200);
      const names = (api.body.queues as { name: string }[]).map((q) => q.name).sort();
      expect(names).toEqual(['imports', 'placements', 'platform', 'search-index']);
    });
  });
});
