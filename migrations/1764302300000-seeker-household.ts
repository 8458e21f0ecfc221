import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * seeker_profiles.household_code: the household (家庭) a seeker belongs to — the 户号 of the
 * household register, or any code staff use to group a family. Members of one family carry the
 * same code, so a 零就业家庭 (zero-employment family) can be seen as a household and not only as
 * the one member whose profile has the group.
 *
 * Nullable: a profile without a code is a household of its own.
 */
export class SeekerHousehold1764302300000 implements MigrationInterface {
  name = 'SeekerHousehold1764302300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE seeker_profiles ADD COLUMN household_code text
         CONSTRAINT seeker_profiles_household_code CHECK (length(household_code) BETWEEN 1 AND 40)`,
    );
    await q.query(
      `CREATE INDEX seeker_profiles_household ON seeker_profiles (household_code) WHERE household_code IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX seeker_profiles_household`);
    await q.query(`ALTER TABLE seeker_profiles DROP COLUMN household_code`);
  }
}
