import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads } from '../queues/queue-names';
import { markIdempotentWorkCommitted } from '../http/idempotency-context';

/**
 * Writes what must follow a business change, in the caller's transaction: either both the
 * business rows and the outbox row commit, or neither does. Within a request holding an
 * Idempotency-Key the same transaction marks the key's work as committed (see IdempotencyInterceptor).
 */
@Injectable()
export class OutboxService {
  async add<J extends JobName>(manager: EntityManager, jobName: J, payload: JobPayloads[J]): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.add must run inside the transaction that writes the business rows');
    }
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO outbox (job_name, payload) VALUES ($1, $2) RETURNING id`,
      [jobName, JSON.stringify(payload)],
    );
    await markIdempotentWorkCommitted(manager);
    return String(rows[0].id);
  }

  /** Several rows of one job in one statement (one NOTIFY per transaction either way). */
  async addMany<J extends JobName>(
    manager: EntityManager,
    jobName: J,
    payloads: JobPayloads[J][],
  ): Promise<void> {
    if (payloads.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.addMany must run inside the transaction that writes the business rows');
    }
    await manager.query(`INSERT INTO outbox (job_name, payload) SELECT $1, p FROM unnest($2::jsonb[]) AS p`, [
      jobName,
      payloads.map((p) => JSON.stringify(p)),
    ]);
    await markIdempotentWorkCommitted(manager);
  }

  /** Where an outbox row stands (for handlers that watch their own requests, e.g. a resumable import). */
  async state(
    manager: EntityManager,
    outboxId: string,
  ): Promise<{ publishedAt: Date | null; processedAt: Date | null } | null> {
    const rows: { published_at: Date | null; processed_at: Date | null }[] = await manager.query(
      `SELECT published_at, processed_at FROM outbox WHERE id = $1`,
      [outboxId],
    );
    return rows[0] ? { publishedAt: rows[0].published_at, processedAt: rows[0].processed_at } : null;
  }
}
