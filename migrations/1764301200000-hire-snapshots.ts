import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A placement keeps the facts of its hire as they were when it was recorded (birth date and sex
 * from the ID number, the profile's groups and graduation, the employer's size): the subsidy
 * decisions are computed from them in the worker, which holds no key. Placements recorded before
 * get theirs from the API at its next start (it holds the key).
 */
export class HireSnapshots1764301200000 implements MigrationInterface {
  name = 'HireSnapshots1764301200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE placements ADD COLUMN snapshot jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE placements DROP COLUMN snapshot`);
  }
}
