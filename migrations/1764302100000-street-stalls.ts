import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Street-stall zones (地摊经济, plan 一(四)): zones staff designate (夜市, 后备箱集市, 地摊), their
 * numbered stalls, residents' applications, allocation rounds and who holds which stall. The
 * partial unique indexes are the last word on "one holder per stall" and "one stall per seeker
 * per zone", whatever two rounds or two staff do at once.
 */
export class StreetStalls1764302100000 implements MigrationInterface {
  name = 'StreetStalls1764302100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stall_zones (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        township_code  text        NOT NULL REFERENCES townships (code),
        address        text        NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
        kind           text        NOT NULL CHECK (kind IN ('night', 'car-trunk', 'street')),
        opening_hours  text        NOT NULL CHECK (length(opening_hours) BETWEEN 1 AND 100),
        active         boolean     NOT NULL DEFAULT true,
        created_by     uuid        NOT NULL REFERENCES users (id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX stall_zones_name ON stall_zones (township_code, name)`);

    await q.query(`
      CREATE TABLE stalls (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id     uuid        NOT NULL REFERENCES stall_zones (id),
        code        text        NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
        note        text        CHECK (length(note) <= 200),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stalls_code_in_zone UNIQUE (zone_id, code)
      )`);

    await q.query(`
      CREATE TABLE stall_rounds (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id       uuid        NOT NULL REFERENCES stall_zones (id),
        run_by        uuid        NOT NULL REFERENCES users (id),
        allocated     integer     NOT NULL CHECK (allocated >= 0),
        waiting_left  integer     NOT NULL CHECK (waiting_left >= 0),
        free_left     integer     NOT NULL CHECK (free_left >= 0),
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stall_rounds_zone ON stall_rounds (zone_id, created_at DESC)`);

    // seq: the order of application (先到先得), never reused, ties impossible.
    await q.query(`
      CREATE TABLE stall_applications (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq                 bigint      GENERATED ALWAYS AS IDENTITY,
        zone_id             uuid        NOT NULL REFERENCES stall_zones (id),
        seeker_user_id      uuid        NOT NULL REFERENCES users (id),
        goods               text        NOT NULL CHECK (length(goods) BETWEEN 1 AND 200),
        preferred_stall_id  uuid        REFERENCES stalls (id),
        status              text        NOT NULL CHECK (status IN ('waiting', 'allocated', 'withdrawn', 'cancelled')),
        priority            boolean,
        round_id            uuid        REFERENCES stall_rounds (id),
        decided_at          timestamptz,
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
    // One open application per seeker per zone.
    await q.query(
      `CREATE UNIQUE INDEX stall_applications_one_open ON stall_applications (zone_id, seeker_user_id)
       WHERE status = 'waiting'`,
    );
    await q.query(
      `CREATE INDEX stall_applications_queue ON stall_applications (zone_id, seq) WHERE status = 'waiting'`,
    );
    await q.query(
      `CREATE INDEX stall_applications_seeker ON stall_applications (seeker_user_id, created_at DESC)`,
    );

    await q.query(`
      CREATE TABLE stall_holdings (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        stall_id        uuid        NOT NULL REFERENCES stalls (id),
        zone_id         uuid        NOT NULL REFERENCES stall_zones (id),
        seeker_user_id  uuid        NOT NULL REFERENCES users (id),
        application_id  uuid        NOT NULL REFERENCES stall_applications (id),
        round_id        uuid        NOT NULL REFERENCES stall_rounds (id),
        goods           text        NOT NULL,
        status          text        NOT NULL CHECK (status IN ('active', 'revoked', 'given-up')),
        started_at      timestamptz NOT NULL DEFAULT now(),
        ended_at        timestamptz,
        ended_by        uuid REFERENCES users (id),
        end_reason      text,
        CONSTRAINT stall_holding_end CHECK ((status = 'active') = (ended_at IS NULL)),
        CONSTRAINT stall_holding_revoke_reason CHECK (status <> 'revoked' OR end_reason IS NOT NULL)
      )`);
    // One holder per stall at a time; one stall per seeker per zone at a time.
    await q.query(
      `CREATE UNIQUE INDEX stall_holdings_one_per_stall ON stall_holdings (stall_id) WHERE status = 'active'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX stall_holdings_one_per_seeker_zone ON stall_holdings (zone_id, seeker_user_id)
       WHERE status = 'active'`,
    );
    await q.query(`CREATE INDEX stall_holdings_seeker ON stall_holdings (seeker_user_id, started_at DESC)`);
    await q.query(`CREATE UNIQUE INDEX stall_holdings_application ON stall_holdings (application_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stall_holdings`);
    await q.query(`DROP TABLE stall_applications`);
    await q.query(`DROP TABLE stall_rounds`);
    await q.query(`DROP TABLE stalls`);
    await q.query(`DROP TABLE stall_zones`);
  }
}
