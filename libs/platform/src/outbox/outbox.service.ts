import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads } from '../queues/queue-names';

/**
 * Writes what must follow a business change, in the caller's transaction: either both the
 * business rows and the outbox row commit, or neither does.
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
    return String(rows[0].id);
  }
}
