import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { LabourExportService } from '@app/labour-export';
import { JobName } from '@app/platform';
import { IdentityScriptModule, seedDemo } from '../../scripts/seed-demo';
import { seedDemoSeekers } from '../../scripts/seed-demo-seekers';
import { seedDemoExport } from '../../scripts/seed-demo-export';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';

jest.setTimeout(180_000);

/** The demo's labour export: two trips with departures, placements (their outbox rows) and follow-ups; idempotent. */
describe('labour export: demo data', () => {
  let env: SuiteEnv;
  let ctx: INestApplicationContext;

  beforeAll(async () => {
    env = await setupSuiteEnv('export_demo');
    ctx = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: false });
    await seedDemo(ctx);
    await seedDemoSeekers(ctx);
  });
  afterAll(async () => {
    await ctx?.close();
    await env?.cleanup();
  });

  it('two trips, their placements with the outbox rows the claims hang from, a follow-up; once', async () => {
    const r = await seedDemoExport(ctx);
    expect(r.trips).toBe(2);
    expect(r.placed).toBeGreaterThanOrEqual(6);
    const p = await ctx.get(LabourExportService).progress();
    expect(p).toMatchObject({ trips: 2, placed: r.placed });
    expect(p.stillEmployedAfter3Months).toBeGreaterThan(0);
    const ds = ctx.get(DataSource);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM outbox o JOIN placements pl ON pl.id::text = o.payload->>'placementId'
        WHERE o.job_name = $1 AND pl.organised_export_trip_id IS NOT NULL`,
      [JobName.PlacementRecorded],
    );
    expect(n).toBe(r.placed);
    expect(p.byTrip.map((t) => t.crossProvince).sort()).toEqual([false, true]);
    // Both trips place poverty-alleviated people: both transport subsidies (cross-province, organised) follow.
    for (const t of p.byTrip) {
      const d = await ctx.get(LabourExportService).detail(t.id);
      expect(d.participants.some((x) => x.status === 'placed' && x.povertyAlleviated)).toBe(true);
    }
    expect(await seedDemoExport(ctx)).toEqual({ trips: 0, placed: 0 });
  });
});
