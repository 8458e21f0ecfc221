/**
 * A county's worth of hires through the money pipeline, for the fault tests (test/chaos) and the
 * benchmark (bench/subsidy-pipeline.ts): a population of seekers, enterprises and an agency
 * inserted in bulk, placements recorded through the real use case (RecordHire) at a chosen
 * concurrency, workers as child processes that may be killed, and the oracle — the claims the
 * engine, run directly on each placement's snapshot, says must exist.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApplicationsModule, HireSnapshot, RecordHire } from '@app/applications';
import { AuthUser, PlatformDatabaseModule, Role } from '@app/platform';
import { creditCodeCheckChar } from '@app/platform/validation';
import { MEASURES_OF_SOURCE, MONTHLY_MEASURES, monthsInForce } from '@app/subsidies';
import { Decision, PolicyRegistry, Situation, evaluateSituation, isErrorResult } from '@app/subsidy-engine';

/** The hire without HTTP: Postgres, the applications domain and what it needs. */
@Module({ imports: [PlatformDatabaseModule, ApplicationsModule] })
class RecordingModule {}

export function recordingContext(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(RecordingModule, { logger: ['error'] });
}

export interface Population {
  staff: AuthUser;
  employers: string[];
  agency: string;
  seekers: string[];
}

function creditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const bytes = randomBytes(9);
  let body = '91140824';
  for (let i = 0; i < 9; i++) body += alphabet[bytes[i] % alphabet.length];
  return body + creditCodeCheckChar(body);
}

/**
 * `n` seekers with profiles (a quarter each: 就业困难人员 and registered unemployed; registered
 * unemployed rural labourers; graduates; no group), 20 enterprises of every size in 稷峰镇, an HR
 * firm, a county staff member. Inserted as rows: this is the population, not what is measured.
 */
export async function seedPopulation(ds: DataSource, n: number): Promise<Population> {
  const tag = randomBytes(3).toString('hex');
  const [staff] = await ds.query(
    `INSERT INTO users (role, login, password_hash, display_name) VALUES ('staff', $1, 'x', '工作人员') RETURNING id`,
    [`load.staff.${tag}`],
  );
  const employers: string[] = [];
  for (let i = 0; i < 20; i++) {
    const [org] = await ds.query(
      `INSERT INTO organisations (kind, name, credit_code) VALUES ('enterprise', $1, $2) RETURNING id`,
      [`稷山县负载测试企业${tag}${i}`, creditCode()],
    );
    await ds.query(
      `INSERT INTO enterprise_profiles (organisation_id, size, township_code) VALUES ($1, $2, 'jifeng')`,
      [org.id, ['large', 'medium', 'small', 'micro'][i % 4]],
    );
    employers.push(org.id);
  }
  const [agency] = await ds.query(
    `INSERT INTO organisations (kind, name, credit_code, agency_kind) VALUES ('agency', $1, $2, 'hr-firm') RETURNING id`,
    [`稷山县负载测试人力资源公司${tag}`, creditCode()],
  );
  const seekers: { id: string }[] = await ds.query(
    `INSERT INTO users (role, login, password_hash, display_name, township_code)
     SELECT 'seeker', 'load.' || $1 || '.' || g, 'x', '求职者' || g, 'jifeng' FROM generate_series(1, $2::int) g
     RETURNING id`,
    [tag, n],
  );
  await ds.query(
    `INSERT INTO seeker_profiles (user_id, township_code, groups, registered_unemployed_since,
       graduation_date, graduation_level, graduation_province, graduation_full_time)
     SELECT u.id, 'jifeng',
            CASE u.n % 4 WHEN 0 THEN ARRAY['difficult', 'registered-unemployed']
                         WHEN 1 THEN ARRAY['registered-unemployed', 'rural-labourer']
                         WHEN 2 THEN ARRAY['graduate'] ELSE ARRAY[]::text[] END,
            CASE WHEN u.n % 4 IN (0, 1) THEN DATE '2025-01-01' END,
            CASE WHEN u.n % 4 = 2 THEN DATE '2025-07-01' END,
            CASE WHEN u.n % 4 = 2 THEN 'university' END,
            CASE WHEN u.n % 4 = 2 THEN '山西省' END,
            CASE WHEN u.n % 4 = 2 THEN true END
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users WHERE id = ANY($1::uuid[])) u`,
    [seekers.map((s) => s.id)],
  );
  return {
    staff: { id: staff.id, role: Role.Staff, organisationId: null, townshipCode: null },
    employers,
    agency: agency.id,
    seekers: seekers.map((s) => s.id),
  };
}

/** The i-th hire: start dates spread over the last ~10 weeks, every third referred free by the agency. */
export function hireOf(pop: Population, i: number, today: string) {
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 70 + (i % 70));
  return {
    employerOrganisationId: pop.employers[i % pop.employers.length],
    seekerUserId: pop.seekers[i],
    startDate: start.toISOString().slice(0, 10),
    contractEndDate: null,
    townshipCode: 'jifeng',
    postKind: 'regular' as const,
    employerSocialInsuranceMonthlyFen: i % 2 === 0 ? 90000 : null,
    ...(i % 3 === 0 ? { referringAgencyId: pop.agency, referralFree: true } : {}),
  };
}

/**
 * Records placements `from`..`to`-1 through RecordHire with `concurrency` callers, one hire per
 * call or `batch` per `directMany` call (a roster); answers the placement ids in order. `onEach` sees each one recorded (a fault test kills workers meanwhile).
 */
export async function recordPlacements(
  recordHire: RecordHire,
  pop: Population,
  range: { from: number; to: number },
  today: string,
  concurrency: number,
  batch = 1,
): Promise<string[]> {
  const ids: string[] = new Array(range.to - range.from);
  let next = range.from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next;
        if (i >= range.to) return;
        if (batch <= 1) {
          next++;
          ids[i - range.from] = await recordHire.direct(pop.staff, hireOf(pop, i, today), null);
          continue;
        }
        const end = Math.min(range.to, i + batch);
        next = end;
        const hires = Array.from({ length: end - i }, (_, k) => hireOf(pop, i + k, today));
        const got = await recordHire.directMany(pop.staff, hires, null);
        got.forEach((id, k) => (ids[i - range.from + k] = id));
      }
    }),
  );
  return ids;
}

export interface ExpectedClaim {
  key: string;
  amountFen: number | null;
}

/**
 * The claims each placement must have, by the engine run directly on its snapshot: the one-time
 * decisions payable now, and the contract's months (each ended month in force on its last day,
 * within the measure's window, up to its maxPeriods). For placements of distinct people with no
 * earlier records (the population above), there is no history to carry.
 */
export async function expectedClaims(
  ds: DataSource,
  registry: PolicyRegistry,
  today: string,
): Promise<Map<string, ExpectedClaim>> {
  const rows: {
    id: string;
    employer_organisation_id: string;
    seeker_user_id: string;
    referring_agency_id: string | null;
    start_date: string;
    snapshot: HireSnapshot;
  }[] = await ds.query(
    `SELECT id, employer_organisation_id, seeker_user_id, referring_agency_id, start_date::text, snapshot FROM placements`,
  );
  const measures = MEASURES_OF_SOURCE.placement as readonly string[];
  const evaluate = (s: Situation): Decision[] => {
    const r = evaluateSituation(s, registry);
    if (isErrorResult(r)) return [];
    return r.decisions.filter((d) => measures.includes(d.measure));
  };
  const out = new Map<string, ExpectedClaim>();
  for (const p of rows) {
    const base = { person: p.snapshot.person, employer: p.snapshot.employer, hire: p.snapshot.hire };
    const beneficiary = (d: Decision) =>
      d.beneficiary === 'employer'
        ? `employer|${p.employer_organisation_id}`
        : d.beneficiary === 'agency'
          ? p.referring_agency_id && `agency|${p.referring_agency_id}`
          : `person|${p.seeker_user_id}`;
    const add = (d: Decision, period: string) => {
      const who = beneficiary(d);
      if (!d.eligible || d.loan || d.amountFen === 0 || !who) return;
      const key = `${d.measure}|${who}|placement|${p.id}|${period}`;
      out.set(key, { key, amountFen: d.amountFen });
    };
    for (const d of evaluate({ ...base, asOf: p.start_date })) {
      if (MONTHLY_MEASURES.includes(d.measure as never)) {
        if (!d.eligible) continue;
        let granted = 0;
        for (const month of monthsInForce(p.start_date, null, today)) {
          const day = lastDayOf(month);
          const m = evaluate({
            ...base,
            hire: {
              ...base.hire,
              postSubsidyMonthsGranted: granted,
              socialInsuranceSubsidyMonthsGranted: granted,
            },
            asOf: day,
          }).find((x) => x.measure === d.measure);
          if (!m?.eligible || m.window.to < day || granted >= (m.maxPeriods ?? Infinity)) continue;
          add(m, month);
          granted++;
        }
      } else if (d.per === 'once') {
        if (d.payableFrom) {
          if (d.payableFrom > today) continue;
          const due = evaluate({ ...base, asOf: d.payableFrom }).find((x) => x.measure === d.measure);
          if (due) add(due, 'once');
        } else add(d, 'once');
      }
    }
  }
  return out;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The claims that exist, keyed as the oracle keys them; `duplicates` counts keys seen twice. */
export async function actualClaims(
  ds: DataSource,
): Promise<{ claims: Map<string, ExpectedClaim>; duplicates: number; totalFen: number }> {
  const rows: { key: string; amount_fen: string | null }[] = await ds.query(
    `SELECT concat_ws('|', measure, beneficiary_kind, beneficiary_id, source_kind, source_id, period) AS key, amount_fen
       FROM subsidy_claims WHERE source_kind = 'placement'`,
  );
  const claims = new Map<string, ExpectedClaim>();
  let duplicates = 0;
  let totalFen = 0;
  for (const r of rows) {
    if (claims.has(r.key)) duplicates++;
    const amountFen = r.amount_fen === null ? null : Number(r.amount_fen);
    claims.set(r.key, { key: r.key, amountFen });
    totalFen += amountFen ?? 0;
  }
  return { claims, duplicates, totalFen };
}

export const sumFen = (m: Map<string, ExpectedClaim>) =>
  [...m.values()].reduce((s, c) => s + (c.amountFen ?? 0), 0);

/** A worker as its own process (the compiled one: `npm run build` first), with this suite's env. */
export function spawnWorker(env: NodeJS.ProcessEnv = {}): ChildProcess {
  // From bench/ (ts-jest) or dist/bench/ (compiled): the compiled worker either way.
  const root = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
  const script = path.join(root, 'dist/apps/worker/src/main.js');
  // WORKER_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the worker.
  const args = (process.env.WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...args, script], {
    env: { ...process.env, LOG_LEVEL: process.env.WORKER_LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Resolves with the exit code (or signal) once the child has exited. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
}

/** Every outbox row processed (the claims of every event committed). */
export async function waitForProcessed(ds: DataSource, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`);
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} outbox row(s) still unprocessed after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
