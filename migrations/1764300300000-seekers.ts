import { MigrationInterface, QueryRunner } from 'typeorm';

/** Job seeker profiles (求职者档案) and the one-to-one help notes of staff (一对一帮扶记录). */
export class Seekers1764300300000 implements MigrationInterface {
  name = 'Seekers1764300300000';

  async up(q: QueryRunner): Promise<void> {
    // Keyed by the identity user. The ID number and the mobile stay in users (encrypted); this
    // table never copies them. The groups are the subsidy contract's names (就业困难人员, 脱贫人口 …).
    await q.query(`
      CREATE TABLE seeker_profiles (
        user_id                       uuid PRIMARY KEY REFERENCES users (id),
        desired_occupations           text[]      NOT NULL DEFAULT '{}',
        skills                        text[]      NOT NULL DEFAULT '{}',
        certificates                  jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(certificates) = 'array'),
        education                     text CHECK (education IN
                                      ('none', 'junior-high', 'senior-high', 'secondary-vocational', 'college', 'bachelor', 'master')),
        township_code                 text        NOT NULL REFERENCES townships (code),
        wage_expectation_fen          bigint CHECK (wage_expectation_fen >= 0),
        availability                  text        NOT NULL DEFAULT 'immediately'
                                      CHECK (availability IN ('immediately', 'within-month', 'later')),
        available_from                date,
        graduation_date               date,
        graduation_level              text CHECK (graduation_level IN ('university', 'secondary-vocational')),
        graduation_province           text CHECK (length(graduation_province) BETWEEN 1 AND 20),
        graduation_full_time          boolean,
        registered_unemployed_since   date,
        unemployment_insurance_months integer CHECK (unemployment_insurance_months BETWEEN 0 AND 600),
        groups                        text[]      NOT NULL DEFAULT '{}' CHECK (groups <@ ARRAY[
                                      'graduate', 'registered-unemployed', 'difficult', 'poverty-alleviated',
                                      'rural-labourer', 'returning-entrepreneur', 'researcher',
                                      'zero-employment-family', 'minimum-living', 'disabled']::text[]),
        searchable_by_employers       boolean     NOT NULL DEFAULT false,
        consent_changed_at            timestamptz,
        assisted_by                   uuid REFERENCES users (id),
        created_by                    uuid REFERENCES users (id),
        created_at                    timestamptz NOT NULL DEFAULT now(),
        updated_at                    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT seeker_profiles_graduation CHECK (
          (graduation_date IS NULL) = (graduation_level IS NULL)
          AND (graduation_date IS NULL) = (graduation_province IS NULL)
          AND (graduation_date IS NULL) = (graduation_full_time IS NULL)),
        CONSTRAINT seeker_profiles_available_from CHECK (availability <> 'immediately' OR available_from IS NULL)
      )`);
    await q.query(`CREATE INDEX seeker_profiles_township ON seeker_profiles (township_code)`);
    await q.query(`CREATE INDEX seeker_profiles_groups ON seeker_profiles USING gin (groups)`);
    await q.query(
      `CREATE INDEX seeker_profiles_assisted_by ON seeker_profiles (assisted_by) WHERE assisted_by IS NOT NULL`,
    );

    // Append-only: who helped, when, what was agreed.
    await q.query(`
      CREATE TABLE seeker_assistance_notes (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seeker_id  uuid        NOT NULL REFERENCES seeker_profiles (user_id),
        author_id  uuid        NOT NULL REFERENCES users (id),
        note       text        NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX seeker_assistance_notes_seeker ON seeker_assistance_notes (seeker_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE seeker_assistance_notes`);
    await q.query(`DROP TABLE seeker_profiles`);
  }
}
