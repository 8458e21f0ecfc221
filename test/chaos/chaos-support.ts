import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordHire } from '@app/applications';
import { todayInChina } from '@app/platform/validation';
import { loadPolicyRegistry } from '@app/subsidy-engine/load-policies.node';
import {
  Population,
  actualClaims,
  expectedClaims,
  recordPlacements,
  recordingContext,
  seedPopulation,
  sumFen,
} from '../../bench/pipeline-load';

/** A seeded random (mulberry32): a failing run says its seed, and the same seed replays it. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The recording side of a fault test: the use case in this process, the population seeded. */
export interface Recorder {
  app: INestApplicationContext;
  ds: DataSource;
  pop: Population;
  today: string;
  record(from: number, to: number): Promise<string[]>;
}

export async function startRecorder(people: number): Promise<Recorder> {
  const app = await recordingContext();
  const ds = app.get(DataSource);
  const pop = await seedPopulation(ds, people);
  const today = todayInChina();
  return {
    app,
    ds,
    pop,
    today,
    record: (from, to) => recordPlacements(app.get(RecordHire), pop, { from, to }, today, 8),
  };
}

/** What the oracle expects against what exists: missing, unexpected, wrong amounts, duplicates, totals. */
export async function compareWithEngine(ds: DataSource, today: string) {
  const expected = await expectedClaims(ds, loadPolicyRegistry(), today);
  const actual = await actualClaims(ds);
  const missing = [...expected.keys()].filter((k) => !actual.claims.has(k));
  const unexpected = [...actual.claims.keys()].filter((k) => !expected.has(k));
  const wrongAmount = [...expected.values()].filter(
    (e) => actual.claims.has(e.key) && actual.claims.get(e.key)!.amountFen !== e.amountFen,
  );
  return {
    expected: expected.size,
    actual: actual.claims.size,
    missing: missing.slice(0, 5),
    missingCount: missing.length,
    unexpected: unexpected.slice(0, 5),
    unexpectedCount: unexpected.length,
    wrongAmount: wrongAmount.length,
    duplicates: actual.duplicates,
    expectedFen: sumFen(expected),
    actualFen: actual.totalFen,
  };
}
