import { Coalescer } from './coalescer';

/** A fetch that answers even keys (doubled) and records each call's keys. */
function recordingFetch() {
  const calls: number[][] = [];
  const fetch = async (keys: readonly number[]) => {
    calls.push([...keys]);
    return new Map(keys.filter((k) => k % 2 === 0).map((k) => [k, k * 2]));
  };
  return { calls, fetch };
}

describe('Coalescer', () => {
  it('answers the lookups of one turn with one fetch, each with its own value', async () => {
    const { calls, fetch } = recordingFetch();
    const lookup = new Coalescer(fetch);
    const answers = await Promise.all([2, 3, 4, 2].map((k) => lookup.run(k)));
    expect(answers).toEqual([4, undefined, 8, 4]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual(expect.arrayContaining([2, 3, 4]));
  });

  it('remembers nothing: a later turn fetches again', async () => {
    const { calls, fetch } = recordingFetch();
    const lookup = new Coalescer(fetch);
    expect(await lookup.run(2)).toBe(4);
    expect(await lookup.run(2)).toBe(4);
    expect(calls).toEqual([[2], [2]]);
  });

  it('gathers lookups made in separate callbacks of the same turn (requests read from different sockets)', async () => {
    const { calls, fetch } = recordingFetch();
    const lookup = new Coalescer(fetch);
    // Each callback runs its microtasks to the end before the next, as socket reads do.
    const answers = await new Promise<(number | undefined)[]>((resolve) => {
      const pending: Promise<number | undefined>[] = [];
      let left = 3;
      for (const k of [6, 8, 10])
        setImmediate(() => {
          void Promise.resolve().then(() => {
            pending.push(lookup.run(k));
            if (--left === 0) void Promise.all(pending).then(resolve);
          });
        });
    });
    expect(answers).toEqual([12, 16, 20]);
    expect(calls).toEqual([[6, 8, 10]]);
  });

  it('splits a crowd larger than one query carries', async () => {
    const { calls, fetch } = recordingFetch();
    const lookup = new Coalescer(fetch);
    const keys = Array.from({ length: 600 }, (_, i) => i * 2);
    const answers = await Promise.all(keys.map((k) => lookup.run(k)));
    expect(answers).toEqual(keys.map((k) => k * 2));
    expect(calls.map((c) => c.length)).toEqual([256, 256, 88]);
  });

  it('a failed fetch fails every lookup it carried, and the next turn tries again', async () => {
    let fail = true;
    const lookup = new Coalescer(async (keys: readonly number[]) => {
      if (fail) throw new Error('connection lost');
      return new Map(keys.map((k) => [k, k]));
    });
    const results = await Promise.allSettled([lookup.run(1), lookup.run(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await lookup.run(1)).toBe(1);
  });
});
