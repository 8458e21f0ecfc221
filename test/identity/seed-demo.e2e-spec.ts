import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobName, SearchClient } from '@app/platform';
import { INDEX_NAMES } from '@app/search';
import { generateSeekers } from '@app/demo-data';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../scripts/demo-logins';
import { IdentityScriptModule, seedDemo } from '../../scripts/seed-demo';
import {
  DEMO_SEEKER_COUNT,
  DEMO_SEEKER_REGISTRAR,
  demoSeekerLogin,
  seedDemoSeekers,
} from '../../scripts/seed-demo-seekers';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { nextIp } from './identity-helpers';

describe('identity: demo data', () => {
  let env: SuiteEnv;
  let ctx: INestApplicationContext;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    env = await setupSuiteEnv('seed');
    ctx = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: false });
  }, 60000);
  afterAll(async () => {
    await ctx?.close();
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  }, 60000);

  it('creates one login per role, and a second run changes nothing', async () => {
    const first = await seedDemo(ctx);
    expect(first.sort()).toEqual(DEMO_LOGINS.map((d) => d.login).sort());
    const ds = ctx.get(DataSource);
    const snapshot = async () =>
      ds.query(
        `SELECT (SELECT json_agg(u ORDER BY id)::text FROM users u) AS u, (SELECT json_agg(o ORDER BY id)::text FROM organisations o) AS o`,
      );
    const before = await snapshot();
    expect(await seedDemo(ctx)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('registers the generated seekers by the county staff, indexes the consenting ones; a second run adds none', async () => {
    const ds = ctx.get(DataSource);
    const logins = Array.from({ length: DEMO_SEEKER_COUNT }, (_, i) => demoSeekerLogin(i + 1));
    // The demo's generator and seed (seed-demo-seekers.ts): which of them consent to matching.
    const consenting = new Set(
      [...generateSeekers(DEMO_SEEKER_COUNT, 2023)]
        .map((s, i) => (s.consentToMatching ? logins[i] : null))
        .filter((l): l is string => l !== null),
    );
    expect(consenting.size).toBeGreaterThan(0);
    expect(consenting.size).toBeLessThan(DEMO_SEEKER_COUNT);

    expect(await seedDemoSeekers(ctx)).toEqual({ created: DEMO_SEEKER_COUNT, existing: 0 });

    const [{ id: staffId }]: { id: string }[] = await ds.query(`SELECT id FROM users WHERE login = $1`, [
      DEMO_SEEKER_REGISTRAR,
    ]);
    const rows: {
      id: string;
      login: string;
      role: string;
      id_number: boolean;
      mobile: boolean;
      birth_year: number | null;
      created_by: string;
      assisted_by: string;
      searchable: boolean;
      desired: string[];
      audits: number;
      outbox: number;
    }[] = await ds.query(
      `SELECT u.id, u.login, u.role, u.id_number_enc IS NOT NULL AS id_number, u.mobile_enc IS NOT NULL AS mobile,
              p.birth_year, p.created_by, p.assisted_by, p.searchable_by_employers AS searchable,
              p.desired_occupations AS desired,
              (SELECT count(*)::int FROM audit_log a
                WHERE a.action = 'seeker.register' AND a.target_id = u.id::text AND a.actor_id = $2) AS audits,
              (SELECT count(*)::int FROM outbox o
                WHERE o.job_name = $3 AND o.payload->>'seekerId' = u.id::text) AS outbox
         FROM users u JOIN seeker_profiles p ON p.user_id = u.id
        WHERE u.login = ANY($1) ORDER BY u.login`,
      [logins, staffId, JobName.SeekerChanged],
    );
    expect(rows.map((r) => r.login)).toEqual(logins);
    for (const r of rows) {
      expect(r).toMatchObject({ role: 'seeker', id_number: true, mobile: true, audits: 1 });
      expect(r.birth_year).toBeGreaterThan(1950);
      expect(r.created_by).toBe(staffId);
      expect(r.assisted_by).toBe(staffId);
      expect(r.desired.length).toBeGreaterThan(0);
      // Registration writes one outbox row; the seeker's consent a second.
      expect(r.searchable).toBe(consenting.has(r.login));
      expect(r.outbox).toBe(consenting.has(r.login) ? 2 : 1);
    }

    // The worker indexes exactly the consenting ones.
    worker = await startWorker();
    await drainOutbox(worker, 60000);
    const search = worker.get(SearchClient);
    const docs = await search.client
      .index(search.indexUid(INDEX_NAMES.seekers))
      .getDocuments<{ id: string }>({ limit: 1000, fields: ['id'] });
    const idOf = new Map(rows.map((r) => [r.login, r.id]));
    // …and the headline demo seeker, whose filled profile consents too (her matches answer at once).
    const [headline] = (await ds.query(`SELECT id FROM users WHERE login = 'demo.seeker'`)) as {
      id: string;
    }[];
    expect(new Set(docs.results.map((d) => d.id))).toEqual(
      new Set([...[...consenting].map((l) => idOf.get(l)), headline!.id]),
    );

    const snapshot = async () =>
      ds.query(
        `SELECT (SELECT json_agg(u ORDER BY id)::text FROM users u) AS u,
                (SELECT json_agg(p ORDER BY user_id)::text FROM seeker_profiles p) AS p,
                (SELECT count(*)::int FROM outbox) AS o, (SELECT count(*)::int FROM audit_log) AS a`,
      );
    const before = await snapshot();
    expect(await seedDemoSeekers(ctx)).toEqual({ created: 0, existing: DEMO_SEEKER_COUNT });
    expect(await snapshot()).toEqual(before);
  }, 180000);

  it('every demo login signs in with its role; the township staff belong to 稷峰镇', async () => {
    app = await startApi();
    for (const d of DEMO_LOGINS) {
      const res = await request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', nextIp())
        .send({ login: d.login, password: d.password })
        .expect(200);
      expect(res.body.user.role).toBe(d.role);
      if (d.role === 'employer') expect(res.body.user.organisation.kind).toBe('enterprise');
      if (d.login === 'demo.staff.jifeng') expect(res.body.user.townshipCode).toBe('jifeng');
    }
    // A generated seeker signs in with the demo password; the county staff see them all.
    const seeker = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', nextIp())
      .send({ login: demoSeekerLogin(1), password: DEMO_PASSWORD })
      .expect(200);
    expect(seeker.body.user.role).toBe('seeker');
    const staff = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', nextIp())
      .send({ login: DEMO_SEEKER_REGISTRAR, password: DEMO_PASSWORD })
      .expect(200);
    const list = await request(app.getHttpServer())
      .get('/api/v1/seekers')
      .set('Authorization', `Bearer ${staff.body.accessToken}`)
      .expect(200);
    // The generated seekers and the headline seeker 王丽, whose profile the demo fills in.
    expect(list.body.total).toBe(DEMO_SEEKER_COUNT + 1);
    expect(new Set(DEMO_LOGINS.map((d) => d.role))).toEqual(
      new Set(['seeker', 'employer', 'agency', 'staff', 'admin']),
    );
  });
});
