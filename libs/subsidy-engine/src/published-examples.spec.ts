import { evaluateSituation, isErrorResult } from '.';
import { publishedExamplesPath, readGolden, realRegistry } from '../test-fixtures/support.node';

const registry = realRegistry();
const cases = readGolden(publishedExamplesPath());

describe('published examples (shared/contracts/examples/subsidy-cases.json)', () => {
  it('has the 7 examples', () => expect(cases.length).toBeGreaterThanOrEqual(7));

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = evaluateSituation(c.situation, registry);
    if (isErrorResult(r)) throw new Error(JSON.stringify(r));
    expect(r.policy).toBe('jishan-2023');
    for (const e of c.expect ?? []) {
      const d = r.decisions.find((x) => x.measure === e.measure);
      expect(d).toBeDefined();
      expect(d).toMatchObject(e);
    }
  });
});
