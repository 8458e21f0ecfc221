import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox row remembers the BullMQ job that carries it: on the batched queues several rows
 * travel in one job, so the sweeper can no longer derive a row's job from its id alone.
 */
export class OutboxBatches1764301400000 implements MigrationInterface {
  name = 'OutboxBatches1764301400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN job_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN job_id`);
  }
}
