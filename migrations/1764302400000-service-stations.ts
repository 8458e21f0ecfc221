import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Employment service stations (就业服务站, plan 三(十五)): one per township (乡镇) and community
 * stations, each with the number of its staff trained for the work. The plan's target is seven
 * township stations with three trained staff each; the targets count the stations that have them.
 */
export class ServiceStations1764302400000 implements MigrationInterface {
  name = 'ServiceStations1764302400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_stations (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name           text        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        kind           text        NOT NULL CHECK (kind IN ('township', 'community')),
        township_code  text        NOT NULL REFERENCES townships (code),
        address        text        NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
        trained_staff  integer     NOT NULL CHECK (trained_staff BETWEEN 0 AND 100),
        opened_on      date        NOT NULL,
        contact        text        CHECK (length(contact) BETWEEN 1 AND 100),
        closed_on      date        CHECK (closed_on IS NULL OR closed_on >= opened_on),
        created_by     uuid        NOT NULL REFERENCES users (id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    // A township has one township station (a community station may sit in any township).
    await q.query(
      `CREATE UNIQUE INDEX service_stations_one_per_township ON service_stations (township_code)
        WHERE kind = 'township' AND closed_on IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_stations`);
  }
}
