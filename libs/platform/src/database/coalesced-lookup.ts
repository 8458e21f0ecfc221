import DataLoader from 'dataloader';

/** Most keys one coalesced query carries (a larger crowd is split into several queries). */
const MAX_KEYS_PER_QUERY = 256;

/**
 * A point lookup by key that many requests make at once — the signed-in user behind a token, a
 * worker's availability — answered by one query for all the keys asked within the same turn of
 * the event loop (`WHERE id = ANY($1)`), instead of one round trip each. Under load the requests
 * read together from their sockets wait for the same answer; alone, a request waits for nothing
 * but the end of the current turn (`setImmediate`). Nothing is remembered between turns: every
 * lookup still reads the database, so it sees every committed change.
 *
 * `fetch` answers the keys it found; a key it leaves out is `undefined` (not there).
 */
export class CoalescedLookup<K, V> {
  private readonly loader: DataLoader<K, V | undefined>;

  constructor(fetch: (keys: readonly K[]) => Promise<Map<K, V>>) {
    this.loader = new DataLoader<K, V | undefined>(
      async (keys) => {
        const found = await fetch(keys);
        return keys.map((k) => found.get(k));
      },
      { cache: false, maxBatchSize: MAX_KEYS_PER_QUERY, batchScheduleFn: (run) => setImmediate(run) },
    );
  }

  get(key: K): Promise<V | undefined> {
    return this.loader.load(key);
  }
}
