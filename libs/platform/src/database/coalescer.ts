import DataLoader from 'dataloader';

/** Most keys one coalesced call carries (a larger crowd is split into several calls). */
const MAX_KEYS_PER_CALL = 256;

/**
 * One database call for what many requests ask at once. The keys given to `run` within the same
 * turn of the event loop — the requests read from their sockets together — go to `batch` in one
 * call: a point lookup becomes `WHERE id = ANY ($1)` (the signed-in user behind a token, a
 * worker's availability). Under load a crowd shares one round trip instead of one each; alone, a
 * request waits for nothing but the end of the current turn (`setImmediate`). Nothing is
 * remembered between turns: every call reaches the database.
 *
 * `batch` answers each key it has an answer for, by the key itself; a key it leaves out is
 * `undefined`. When `batch` throws, every key it carried gets that error — so keep it to reads
 * whose failure would fail each of those requests anyway (the database unreachable), with keys
 * checked before they reach it. It runs in the async context of whichever request asked first:
 * nothing in it may log for a request or read request-scoped state.
 */
export class Coalescer<K, V> {
  private readonly loader: DataLoader<K, V | undefined>;

  constructor(batch: (keys: readonly K[]) => Promise<Map<K, V>>) {
    this.loader = new DataLoader<K, V | undefined>(
      async (keys) => {
        const answers = await batch(keys);
        return keys.map((k) => answers.get(k));
      },
      { cache: false, maxBatchSize: MAX_KEYS_PER_CALL, batchScheduleFn: (call) => setImmediate(call) },
    );
  }

  run(key: K): Promise<V | undefined> {
    return this.loader.load(key);
  }
}
