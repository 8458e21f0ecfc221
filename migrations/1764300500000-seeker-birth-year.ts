import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * seeker_profiles.birth_year: the year of birth from the resident ID number (digits 7–10), kept in
 * clear so that the worker can index the age band without the PII key. Only the year: it is all
 * the bands need, and a full birth date beside the county's area code would narrow the encrypted
 * ID number down to a few hundred candidates.
 *
 * Nullable: SQL cannot decrypt existing ID numbers. The API fills the column at start-up
 * (SeekerBirthYearBackfill, which has the key) and re-indexes the seekers it fills.
 */
export class SeekerBirthYear1764300500000 implements MigrationInterface {
  name = 'SeekerBirthYear1764300500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE seeker_profiles ADD COLUMN birth_year smallint CONSTRAINT seeker_profiles_birth_year CHECK (birth_year >= 1900)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE seeker_profiles DROP COLUMN birth_year`);
  }
}
