import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which API process holds an Idempotency-Key still in progress (ProcessLiveness.id): when that
 * process was killed mid-request, another replica takes the key over once the holder's liveness
 * mark has expired, instead of answering "in progress" for ever — unless the dead request's work
 * had committed (`work_committed`, set in the work's own transaction with its outbox row).
 */
export class IdempotencyHolder1764302800000 implements MigrationInterface {
  name = 'IdempotencyHolder1764302800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE idempotency_records ADD COLUMN holder text, ADD COLUMN work_committed boolean NOT NULL DEFAULT false`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_records DROP COLUMN holder, DROP COLUMN work_committed`);
  }
}
