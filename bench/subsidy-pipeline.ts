/**
 * npm run bench:subsidy-pipeline [-- --placements 10000 --batch 100 --concurrency 16 --paced 2000 --rate 200]
 *
 * 10,000 placements through the whole money path — RecordHire (the service call: placements,
 * snapshots, outbox rows, audit, one transaction; `directMany` with `--batch` hires per call, as
 * staff record a fair's 录用名单, with 4 callers) → the NOTIFY-driven relay → BullMQ → a worker
 * process (the engine, the history, the claims, the notifications, one transaction) → claims
 * committed — against the floor: the same claim rows inserted straight into Postgres in batches
 * of 1,000 (the claims table's own indexes and constraints, nothing else). Prints both rates and
 * the ratio, and how soon a placement's claims are visible after it is recorded: under the burst,
 * and at a paced rate below saturation (the latency a user sees in normal use).
 *
 * Goal (issue: the money pipeline): ≥ 1,000 placements/s end to end, ≥ 25% of the floor, p95
 * visibility < 2 s.
 */
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { RecordHire } from '@app/applications';
import { JobName, OutboxService, migrateDatabase } from '@app/platform';
import { startBenchEnvironment, stopChild } from './support';
import {
  hireOf,
  recordPlacements,
  recordingContext,
  seedPopulation,
  spawnWorker,
  waitForProcessed,
} from './pipeline-load';
import { todayInChina } from '@app/platform/validation';

const { values } = parseArgs({
  options: {
    placements: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '16' },
    batch: { type: 'string', default: '100' },
    paced: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '200' },
    workers: { type: 'string', default: '1' },
  },
});
const N = Number(values.placements);
const CONCURRENCY = Number(values.concurrency);
const BATCH = Number(values.batch);
const BATCH_CALLERS = 4;
const PACED = Number(values.paced);
const RATE = Number(values.rate);
const WORKERS = Number(values.workers);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

/** Seconds from a placement's commit-time stamp to the last of its claims (or its processed event). */
async function visibility(ds: DataSource, ids: string[]): Promise<number[]> {
  const rows: { ms: number }[] = await ds.query(
    `SELECT EXTRACT(EPOCH FROM (GREATEST(o.processed_at, c.last) - p.created_at)) * 1000 AS ms
       FROM placements p
       JOIN outbox o ON o.job_name = 'placement.recorded' AND o.payload->>'placementId' = p.id::text
       LEFT JOIN LATERAL (SELECT max(created_at) AS last FROM subsidy_claims
                           WHERE source_kind = 'placement' AND source_id = p.id) c ON true
      WHERE p.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map((r) => Number(r.ms));
}

/** The floor: the same claim rows into a copy of the claims table, 1,000 per INSERT. */
async function floorSeconds(ds: DataSource): Promise<{ seconds: number; rows: number }> {
  await ds.query(`DROP TABLE IF EXISTS bench_claims_floor`);
  await ds.query(`CREATE TABLE bench_claims_floor (LIKE subsidy_claims INCLUDING ALL)`);
  const claims: Record<string, unknown>[] = await ds.query(
    `SELECT measure, clause, beneficiary_kind AS "beneficiaryKind", beneficiary_id AS "beneficiaryId",
            subject_person_id AS "subjectPersonId", source_kind AS "sourceKind", source_id AS "sourceId", period,
            amount_fen AS "amountFen", policy_id AS "policyId", policy_version AS "policyVersion", reasons,
            township_code AS "townshipCode"
       FROM subsidy_claims`,
  );
  const started = process.hrtime.bigint();
  for (let i = 0; i < claims.length; i += 1000) {
    await ds.query(
      `INSERT INTO bench_claims_floor (measure, clause, beneficiary_kind, beneficiary_id, subject_person_id, source_kind,
         source_id, period, amount_fen, policy_id, policy_version, reasons, township_code)
       SELECT c->>'measure', c->>'clause', c->>'beneficiaryKind', (c->>'beneficiaryId')::uuid,
              (c->>'subjectPersonId')::uuid, c->>'sourceKind', (c->>'sourceId')::uuid, c->>'period',
              (c->>'amountFen')::bigint, c->>'policyId', c->>'policyVersion', c->'reasons', c->>'townshipCode'
         FROM jsonb_array_elements($1::jsonb) AS c
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(claims.slice(i, i + 1000))],
    );
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await ds.query(`DROP TABLE bench_claims_floor`);
  return { seconds, rows: claims.length };
}

async function main(): Promise<void> {
  const bench = await startBenchEnvironment('pipeline', { OUTBOX_SWEEP_AFTER_MS: '60000' });
  const workers: ReturnType<typeof spawnWorker>[] = [];
  const today = todayInChina();
  try {
    await migrateDatabase(bench.config);
    const app = await recordingContext();
    const ds = app.get(DataSource);
    const pop = await seedPopulation(ds, 2 * N + PACED);
    for (let w = 0; w < WORKERS; w++) workers.push(spawnWorker(bench.env));
    // The workers are up once a ping went through; then their start-up work (index settings) settles.
    await ds.transaction((m) => app.get(OutboxService).add(m, JobName.PipelinePing, { note: 'bench' }));
    await waitForProcessed(ds, 120_000);
    await new Promise((r) => setTimeout(r, 2000));

    // 1. The burst: N placements as fast as RecordHire takes them, BATCH per call.
    const t0 = process.hrtime.bigint();
    const ids = await recordPlacements(
      app.get(RecordHire),
      pop,
      { from: 0, to: N },
      today,
      BATCH_CALLERS,
      BATCH,
    );
    const recordedS = Number(process.hrtime.bigint() - t0) / 1e9;
    await waitForProcessed(ds, 30 * 60_000);
    const endToEndS = Number(process.hrtime.bigint() - t0) / 1e9;
    const burst = await visibility(ds, ids);
    const [{ claims }] = await ds.query(`SELECT count(*)::int AS claims FROM subsidy_claims`);
    const burstClaims = claims as number;

    // 2. The worker alone: N placements recorded (one hire per call, CONCURRENCY callers) while no
    // worker runs, then drained.
    await Promise.all(workers.splice(0).map((w) => stopChild(w)));
    const s0 = process.hrtime.bigint();
    await recordPlacements(app.get(RecordHire), pop, { from: N, to: 2 * N }, today, CONCURRENCY);
    const singleS = Number(process.hrtime.bigint() - s0) / 1e9;
    const d0 = process.hrtime.bigint();
    for (let w = 0; w < WORKERS; w++) workers.push(spawnWorker(bench.env));
    await waitForProcessed(ds, 30 * 60_000);
    const drainS = Number(process.hrtime.bigint() - d0) / 1e9;

    // 3. Paced: PACED placements at RATE per second, below saturation.
    const recordHire = app.get(RecordHire);
    const pacedIds: string[] = [];
    const p0 = Date.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < PACED; i++) {
      const due = p0 + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inflight.push(
        recordHire
          .direct(pop.staff, hireOf(pop, 2 * N + i, today), null)
          .then((id) => void pacedIds.push(id)),
      );
    }
    await Promise.all(inflight);
    await waitForProcessed(ds, 10 * 60_000);
    const paced = await visibility(ds, pacedIds);

    const floor = await floorSeconds(ds);
    await app.close();

    const e2e = N / endToEndS;
    const floorRate = N / (floor.seconds * (burstClaims / floor.rows));
    const row = (a: string, b: string, c: string) =>
      `| ${a.padEnd(46)} | ${b.padStart(14)} | ${c.padStart(12)} |`;
    const lines = [
      `bench:subsidy-pipeline — ${N} placements (${burstClaims} claims), ${WORKERS} worker process(es), ${BATCH} hires per call × ${BATCH_CALLERS} callers, ${today}`,
      '',
      row('', 'placements/s', 'seconds'),
      row('---', '---:', '---:'),
      row(
        `recording alone (directMany, ${BATCH} per call)`,
        (N / recordedS).toFixed(0),
        recordedS.toFixed(2),
      ),
      row(
        `recording one hire per call (${CONCURRENCY} callers)`,
        (N / singleS).toFixed(0),
        singleS.toFixed(2),
      ),
      row('end to end (recorded → claims committed)', e2e.toFixed(0), endToEndS.toFixed(2)),
      row(
        'worker alone (drain of N recorded, start-up included)',
        (N / drainS).toFixed(0),
        drainS.toFixed(2),
      ),
      row(
        `floor: same ${floor.rows} claim rows, 1,000 per INSERT`,
        floorRate.toFixed(0),
        floor.seconds.toFixed(2),
      ),
      '',
      `ratio end to end / floor: ${((100 * e2e) / floorRate).toFixed(1)}%   (goal ≥ 25%; end to end goal ≥ 1,000/s)`,
      `visibility under the burst:  p50 ${quantile(burst, 0.5).toFixed(0)} ms, p95 ${quantile(burst, 0.95).toFixed(0)} ms, max ${Math.max(...burst).toFixed(0)} ms`,
      `visibility at ${RATE}/s (${PACED} placements): p50 ${quantile(paced, 0.5).toFixed(0)} ms, p95 ${quantile(paced, 0.95).toFixed(0)} ms, max ${Math.max(...paced).toFixed(0)} ms   (goal p95 < 2,000 ms)`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await Promise.all(workers.map((w) => stopChild(w)));
    await bench.dispose();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:subsidy-pipeline failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
