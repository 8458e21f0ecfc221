/**
 * bench:subsidy-engine — evaluates 25k, 50k and 100k generated situations in one process and
 * prints situations per second and peak memory, next to the floor: the cost of only parsing
 * (JSON.parse) and validating (zod) the same input. Results are folded into a checksum and
 * dropped, so memory should stay flat as the count grows. The floor always runs zod; the engine
 * itself validates valid input with its plain-check fast path and uses zod for everything else.
 *
 * Inputs: a pool of 2,000 distinct situations (hires, certificates, businesses, employers; valid
 * and invalid), serialised once and cycled through, so the input itself costs no memory growth.
 */
import * as os from 'node:os';
import { evaluateSituation, situationSchema } from '@app/subsidy-engine';
import { loadPolicyRegistry } from '@app/subsidy-engine/load-policies.node';

const POOL = 2000;
const COUNTS = [25_000, 50_000, 100_000];

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function situation(r: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const d = (y0: number, y1: number) => {
    const y = y0 + Math.floor(r() * (y1 - y0 + 1));
    return `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  };
  const start = `2023-${pick(['09', '10', '11', '12'])}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  const groups = [
    'graduate',
    'registered-unemployed',
    'difficult',
    'poverty-alleviated',
    'rural-labourer',
  ].filter(() => r() < 0.3);
  const s: Record<string, unknown> = {
    asOf: '2023-12-15',
    person: {
      birthDate: d(1965, 2006),
      groups,
      ...(groups.includes('graduate')
        ? { graduation: { date: d(2020, 2023), level: 'university', province: '山西省', fullTime: true } }
        : {}),
      ...(groups.includes('registered-unemployed') ? { registeredUnemployedSince: d(2022, 2023) } : {}),
      unemploymentInsuranceMonths: Math.floor(r() * 30),
    },
    employer: {
      size: pick(['large', 'medium', 'small', 'micro']),
      insuredStaff: 5 + Math.floor(r() * 300),
      laidOffLastYear: Math.floor(r() * 10),
      uiPremiumsLastYearFen: Math.floor(r() * 5_000_000),
    },
  };
  const kind = r();
  if (kind < 0.6) {
    s.hire = {
      startDate: start,
      contractEndDate: `${2024 + Math.floor(r() * 3)}-08-31`,
      jobLocation: pick([
        { province: '山西省', city: '运城市', county: '稷山县' },
        { province: '山西省', city: '运城市', county: '河津市' },
        { province: '陕西省' },
      ]),
      postKind: pick(['regular', 'regular', 'regular', 'public-welfare', 'public-welfare-community']),
      employerSocialInsuranceMonthlyFen: Math.floor(r() * 200_000),
      ...(r() < 0.3
        ? {
            referral: {
              agencyKind: pick(['hr-firm', 'broker']),
              free: r() < 0.8,
              organisedExport: r() < 0.3,
            },
          }
        : {}),
    };
  } else if (kind < 0.8) {
    s.certificate = {
      level: pick(['junior', 'intermediate', 'senior']),
      date: start,
      subsidisedThisYear: Math.floor(r() * 4),
    };
  } else {
    s.business = {
      licensedOn: d(2021, 2023),
      kind: pick(['micro-enterprise', 'individual']),
      firstBusiness: r() < 0.8,
      employees: Math.floor(r() * 8),
      paysTax: true,
      paysSocialInsurance: r() < 0.7,
    };
  }
  if (r() < 0.02) (s.person as Record<string, unknown>).birthDate = '2023-02-30'; // some bad input
  return s;
}

interface Run {
  label: string;
  count: number;
  ms: number;
  perSec: number;
  /** situations per second of CPU time used by the process (robust to other load on the machine) */
  perCpuSec: number;
  peakRssMb: number;
  peakHeapMb: number;
  checksum: number;
}

function measure(label: string, count: number, pool: string[], work: (json: string) => number): Run {
  (globalThis as { gc?: () => void }).gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  let checksum = 0;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    checksum = (checksum + work(pool[i % pool.length])) % 1_000_000_007;
    if ((i & 1023) === 0) {
      const m = process.memoryUsage();
      if (m.rss > peakRss) peakRss = m.rss;
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    }
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  return {
    label,
    count,
    ms,
    perSec: Math.round((count / ms) * 1000),
    perCpuSec: Math.round((count / cpuMs) * 1000),
    peakRssMb: +(peakRss / 2 ** 20).toFixed(1),
    peakHeapMb: +(peakHeap / 2 ** 20).toFixed(1),
    checksum,
  };
}

function main(): void {
  const registry = loadPolicyRegistry();
  const r = rng(20230823);
  const pool = Array.from({ length: POOL }, () => JSON.stringify(situation(r)));
  const floor = (json: string) => (situationSchema.safeParse(JSON.parse(json)).success ? 1 : 0);
  const full = (json: string) => {
    const res = evaluateSituation(JSON.parse(json), registry);
    if ('error' in res) return 7;
    let sum = res.decisions.length;
    for (const d of res.decisions) sum += d.amountFen ?? 1;
    return sum;
  };
  // warm-up (JIT)
  measure('warm-up', 20_000, pool, full);
  measure('warm-up', 20_000, pool, floor);
  const runs: Run[] = [];
  for (const n of COUNTS) {
    runs.push(measure('parse + validate (floor)', n, pool, floor));
    runs.push(measure('parse + validate + evaluate', n, pool, full));
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  console.log(`bench:subsidy-engine  node ${process.version}  ${os.cpus().length} cores  ${cpu}`);
  console.log(
    '| run | situations | wall ms | situations/s (wall) | situations/CPU-s | peak rss MB | peak heapUsed MB |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const x of runs)
    console.log(
      `| ${x.label} | ${x.count} | ${x.ms.toFixed(0)} | ${x.perSec} | ${x.perCpuSec} | ${x.peakRssMb} | ${x.peakHeapMb} |`,
    );
  const last = runs[runs.length - 1];
  const load = os.loadavg()[0].toFixed(2);
  console.log(
    `\ngoal >= 50000 situations/s: wall ${last.perSec}/s, per CPU-second ${last.perCpuSec}/s at ${last.count} (load average ${load})`,
  );
}

main();
