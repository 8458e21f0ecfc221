import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_LOGINS } from '../../scripts/demo-logins';
import { IdentityScriptModule, seedDemo } from '../../scripts/seed-demo';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { nextIp } from './identity-helpers';

describe('identity: demo data', () => {
  let env: SuiteEnv;
  let ctx: INestApplicationContext;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    env = await setupSuiteEnv('seed');
    ctx = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: false });
  }, 60000);
  afterAll(async () => {
    await ctx?.close();
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
    expect(new Set(DEMO_LOGINS.map((d) => d.role))).toEqual(
      new Set(['seeker', 'employer', 'agency', 'staff', 'admin']),
    );
  });
});
