import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { TOWNSHIPS } from '@app/platform/geo';
import { todayInChina } from '@app/platform/validation';
import { addDays } from '@app/gigs';
import { IdentityScriptModule, seedDemo } from '../../scripts/seed-demo';
import { seedDemoGigs } from '../../scripts/seed-demo-gigs';
import { seedDemoSeekers } from '../../scripts/seed-demo-seekers';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';

jest.setTimeout(180_000);

/**
 * The demo's gig market, written through the services only: gigs on two days in every township,
 * some taken, and yesterday's gig done — paid and rated on one side, disputed on the other. Once.
 */
describe('gig market: demo data', () => {
  let env: SuiteEnv;
  let ctx: INestApplicationContext;

  beforeAll(async () => {
    env = await setupSuiteEnv('gigs_demo');
    ctx = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: false });
    await seedDemo(ctx);
    await seedDemoSeekers(ctx, 40);
  });
  afterAll(async () => {
    await ctx?.close();
    await env?.cleanup();
  });

  it('gigs on two days in every township, some taken; yesterday’s gig checked in, out, paid, rated, one disputed; a second run adds none', async () => {
    const today = todayInChina();
    const { created } = await seedDemoGigs(ctx);
    expect(created).toBe(TOWNSHIPS.length * 4);
    const ds = ctx.get(DataSource);

    const live: { township_code: string; day: string; status: string; accepted_count: number }[] =
      await ds.query(
        `SELECT township_code, gig_date::text AS day, status, accepted_count FROM gigs WHERE gig_date >= $1`,
        [today],
      );
    for (const t of TOWNSHIPS) {
      const days = new Set(live.filter((g) => g.township_code === t.code).map((g) => g.day));
      expect({ township: t.code, days: days.size }).toEqual({ township: t.code, days: 2 });
    }
    expect(live.every((g) => g.status === 'open' || g.status === 'filled')).toBe(true);
    expect(live.filter((g) => g.accepted_count > 0).length).toBeGreaterThan(0);

    const [done] = await ds.query(`SELECT id, status, gig_date::text AS day FROM gigs WHERE gig_date < $1`, [
      today,
    ]);
    // Both places taken; the worker's expiry (not running here) closes it within the minute.
    expect(done).toMatchObject({ status: 'filled', day: addDays(today, -1) });
    const takes: {
      id: string;
      checked_in_at: Date | null;
      checked_out_at: Date | null;
      wage_paid_fen: number | null;
      wage_received_at: Date | null;
    }[] = await ds.query(
      `SELECT id, checked_in_at, checked_out_at, wage_paid_fen, wage_received_at
         FROM gig_acceptances WHERE gig_id = $1 AND status = 'accepted'`,
      [done.id],
    );
    expect(takes).toHaveLength(2);
    for (const a of takes) {
      expect(a.checked_in_at && a.checked_out_at).toBeTruthy();
      // Checked in at 08:02 and out at 16:05 yesterday, China time.
      expect((a.checked_out_at as Date).getTime() - (a.checked_in_at as Date).getTime()).toBe(
        (8 * 60 + 3) * 60_000,
      );
    }
    const paid = takes.find((a) => a.wage_received_at);
    expect(paid).toMatchObject({ wage_paid_fen: 20000 });
    const [{ n: ratings }] = await ds.query(
      `SELECT count(*)::int AS n FROM gig_ratings WHERE acceptance_id = $1`,
      [paid?.id],
    );
    expect(ratings).toBe(2);
    const disputes = await ds.query(
      `SELECT acceptance_id, kind, status FROM gig_disputes WHERE gig_id = $1`,
      [done.id],
    );
    expect(disputes).toEqual([
      { acceptance_id: takes.find((a) => a !== paid)?.id, kind: 'wage-unpaid', status: 'open' },
    ]);

    expect(await seedDemoGigs(ctx)).toEqual({ created: 0 });
    const [{ n: gigs }] = await ds.query(`SELECT count(*)::int AS n FROM gigs`);
    expect(gigs).toBe(created + 1);
  });
});
