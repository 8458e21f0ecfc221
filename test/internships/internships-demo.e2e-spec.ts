import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { InternshipsService } from '@app/internships';
import { IdentityScriptModule, seedDemo } from '../../scripts/seed-demo';
import { seedDemoInternships } from '../../scripts/seed-demo-internships';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';

jest.setTimeout(120_000);

/** The demo's 就业见习: host units, two demonstration units, internship posts with details; idempotent. */
describe('internships: demo data', () => {
  let env: SuiteEnv;
  let ctx: INestApplicationContext;

  beforeAll(async () => {
    env = await setupSuiteEnv('internships_demo');
    ctx = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: false });
    await seedDemo(ctx);
  });
  afterAll(async () => {
    await ctx?.close();
    await env?.cleanup();
  });

  it('publishes the host units’ internship posts with details and designates the demonstration units, once', async () => {
    expect(await seedDemoInternships(ctx)).toEqual({ hostUnits: 7 });
    const p = await ctx.get(InternshipsService).progress();
    const ds = ctx.get(DataSource);
    const [{ posts, places }] = await ds.query(
      `SELECT count(*)::int AS posts, sum(coalesce(d.places, j.headcount))::int AS places
         FROM job_posts j LEFT JOIN internship_post_details d ON d.job_post_id = j.id
        WHERE j.is_internship AND j.status = 'published'`,
    );
    expect(p).toMatchObject({ target: 80, posts, places, demonstrationUnits: 2 });
    expect(posts).toBe(15);
    expect(p.byAffiliation.map((a) => [a.name, a.posts])).toEqual([
      ['县医疗集团', 7],
      ['县教育局', 5],
    ]);
    expect(
      p.byHostUnit
        .filter((u) => u.demonstration)
        .map((u) => u.name)
        .sort(),
    ).toEqual(['稷山县人民医院', '稷山县稷山中学']);
    expect((await ds.query(`SELECT count(*)::int AS n FROM internship_post_details`))[0].n).toBe(15);
    expect(await seedDemoInternships(ctx)).toEqual({ hostUnits: 0 });
    expect((await ctx.get(InternshipsService).progress()).posts).toBe(posts);
  });
});
