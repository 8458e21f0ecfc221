import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Decision, evaluateSituation, isErrorResult } from '.';
import { GoldenCase, goldenDir, readGolden, realRegistry } from '../test-fixtures/support.node';

const registry = realRegistry();
const files = readdirSync(goldenDir).filter((f) => f.endsWith('.json') && f !== 'published-examples.json');

function check(c: GoldenCase): void {
  const r = evaluateSituation(c.situation, registry);
  if (c.error) {
    expect(r).toMatchObject({ error: c.error });
    return;
  }
  if (isErrorResult(r)) throw new Error(`unexpected error ${JSON.stringify(r.error)}`);
  expect(r.policy).toBe(c.policy ?? 'jishan-2023');
  const find = (m: string): Decision => {
    const d = r.decisions.find((x) => x.measure === m);
    if (!d) throw new Error(`no decision for ${m}; got ${r.decisions.map((x) => x.measure).join(', ')}`);
    return d;
  };
  for (const e of c.expect ?? []) expect(find(e.measure as string)).toMatchObject(e);
  for (const m of c.absent ?? []) expect(r.decisions.map((d) => d.measure)).not.toContain(m);
  for (const [m, reasons] of Object.entries(c.reasons ?? {})) {
    const got = find(m).reasons.map(({ code, ok }) => ({ code, ok }));
    for (const want of reasons) expect(got).toContainEqual(want);
  }
}

const all = files.flatMap((f) => readGolden(path.join(goldenDir, f)).map((c) => [f, c.name, c] as const));

describe('golden cases (libs/subsidy-engine/golden/*.json)', () => {
  it('has at least 80 cases', () => expect(all.length).toBeGreaterThanOrEqual(80));
  it.each(all)('%s: %s', (_f, _n, c) => check(c));
});
