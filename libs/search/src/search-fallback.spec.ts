import { DomainError } from '@app/platform';
import { FALLBACK_CONCURRENCY, FALLBACK_QUEUE, MeiliBreaker, SearchFallbackGate } from './search-fallback';

describe('MeiliBreaker', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('stays closed while the index answers', () => {
    const b = new MeiliBreaker({ tripAfter: 1, retryAfterMs: 2000 }, clock);
    for (let i = 0; i < 5; i++) {
      expect(b.mayTry()).toBe(true);
      b.succeeded();
    }
    expect(b.isOpen).toBe(false);
  });

  it('opens after tripAfter failures in a row, and a success between resets the count', () => {
    const b = new MeiliBreaker({ tripAfter: 3, retryAfterMs: 2000 }, clock);
    b.failed();
    b.failed();
    b.succeeded();
    b.failed();
    b.failed();
    expect(b.mayTry()).toBe(true);
    b.failed();
    expect(b.isOpen).toBe(true);
    expect(b.mayTry()).toBe(false);
  });

  it('lets one probe through when the period ends; the others keep off while it runs', () => {
    const b = new MeiliBreaker({ tripAfter: 1, retryAfterMs: 2000 }, clock);
    b.failed();
    now += 1999;
    expect(b.mayTry()).toBe(false);
    now += 1;
    expect(b.mayTry()).toBe(true); // the probe
    expect(b.mayTry()).toBe(false);
    expect(b.mayTry()).toBe(false);
    b.succeeded();
    expect(b.mayTry()).toBe(true);
    expect(b.mayTry()).toBe(true);
  });

  it('doubles the period while the index stays down, up to the maximum, and starts over once it answers', () => {
    const b = new MeiliBreaker({ tripAfter: 1, retryAfterMs: 2000, maxRetryAfterMs: 7000 }, clock);
    b.failed();
    const periods: number[] = [];
    for (let i = 0; i < 4; i++) {
      const from = now;
      while (!b.mayTry()) now += 100;
      periods.push(now - from);
      b.failed();
    }
    expect(periods).toEqual([2000, 4000, 7000, 7000]);
    while (!b.mayTry()) now += 100;
    b.succeeded();
    b.failed();
    now += 2000;
    expect(b.mayTry()).toBe(true);
  });
});

describe('SearchFallbackGate', () => {
  it(`runs ${FALLBACK_CONCURRENCY} at a time, queues ${FALLBACK_QUEUE}, and refuses more with 503 search-busy`, async () => {
    const gate = new SearchFallbackGate();
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      new Promise<number>((resolve) => {
        running++;
        most = Math.max(most, running);
        releases.push(() => {
          running--;
          resolve(1);
        });
      });
    const accepted = Array.from({ length: FALLBACK_CONCURRENCY + FALLBACK_QUEUE }, () => gate.run(work));
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(FALLBACK_CONCURRENCY);
    expect(gate.pending).toBe(FALLBACK_QUEUE);

    const refused = await gate.run(work).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'search-busy', status: 503, headers: { 'Retry-After': '1' } });

    while (releases.length > 0 || running > 0) {
      releases.splice(0).forEach((r) => r());
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(accepted)).toHaveLength(FALLBACK_CONCURRENCY + FALLBACK_QUEUE);
    expect(most).toBe(FALLBACK_CONCURRENCY);
    expect(gate.pending).toBe(0);
  });
});
