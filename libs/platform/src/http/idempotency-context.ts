import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/** The Idempotency-Key of the request being handled, for writes deep in its use case. */
const current = new AsyncLocalStorage<{ scope: string; key: string }>();

export function runWithIdempotencyKey<T>(scope: string, key: string, work: () => Promise<T>): Promise<T> {
  return current.run({ scope, key }, work);
}

/**
 * Marks, in the caller's transaction, that the request holding an Idempotency-Key has committed
 * work (OutboxService calls it with every outbox row). Should its process die before the answer
 * is stored, a retry then knows the work was done and does not do it again.
 */
export async function markIdempotentWorkCommitted(manager: EntityManager): Promise<void> {
  const held = current.getStore();
  if (!held) return;
  await manager.query(
    `UPDATE idempotency_records SET work_committed = true WHERE scope = $1 AND key = $2 AND NOT work_committed`,
    [held.scope, held.key],
  );
}
