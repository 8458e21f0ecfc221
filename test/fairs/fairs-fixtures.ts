import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Actor } from '../jobs/jobs-fixtures';

export type Method = 'get' | 'post' | 'put' | 'delete';

/** A request as an actor (null: anonymous). */
export function as(
  app: NestFastifyApplication,
  who: Actor | null,
  method: Method,
  url: string,
  body?: object,
) {
  let req = request(app.getHttpServer())[method](url);
  if (who) req = req.set('authorization', `Bearer ${who.token}`);
  return body ? req.send(body) : req;
}

/** 2027-03-06T09:00:00+08:00 for a Date. */
export function chinaIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

const hour = 3600_000;

/** A fair body: registration open from an hour ago, the fair tomorrow (overrides win). */
export function fairBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    title: '装备制造业专场招聘会',
    theme: 'industry',
    mode: 'onsite',
    startsAt: chinaIso(new Date(now + 24 * hour)),
    endsAt: chinaIso(new Date(now + 27 * hour)),
    seekerCapacity: 300,
    boothCount: 40,
    seekerRegistrationOpensAt: chinaIso(new Date(now - hour)),
    seekerRegistrationClosesAt: chinaIso(new Date(now + 24 * hour)),
    employerRegistrationOpensAt: chinaIso(new Date(now - hour)),
    employerRegistrationClosesAt: chinaIso(new Date(now + 20 * hour)),
    townshipCode: 'jifeng',
    ...over,
  };
}

/** Staff plan and open a fair; answers its id. */
export async function openFair(
  app: NestFastifyApplication,
  staff: Actor,
  over: Record<string, unknown> = {},
) {
  const fair = (await as(app, staff, 'post', '/api/v1/fairs', fairBody(over)).expect(201)).body;
  await as(app, staff, 'post', `/api/v1/fairs/${fair.id}/open`).expect(200);
  return fair.id as string;
}

let seq = 0;

/**
 * `n` seekers (or employers, each with its enterprise) written straight into the users table,
 * with access tokens signed as the platform signs them: hundreds of people without hundreds of
 * password hashes.
 */
export async function manyUsers(
  app: NestFastifyApplication,
  n: number,
  role: 'seeker' | 'employer' = 'seeker',
): Promise<Actor[]> {
  const ds = app.get(DataSource);
  const jwt = app.get(JwtService);
  const tag = `${process.pid}.${Date.now().toString(36)}.${++seq}`;
  const rows: { id: string; organisation_id: string | null }[] = await ds.query(
    role === 'seeker'
      ? `INSERT INTO users (role, login, password_hash, display_name, township_code)
         SELECT 'seeker', 'crowd.' || $2 || '.' || i, 'not-a-hash', '求职者' || i, 'jifeng' FROM generate_series(1, $1::int) AS i
         RETURNING id, organisation_id`
      : `WITH orgs AS (
           INSERT INTO organisations (kind, name, credit_code)
           SELECT 'enterprise', '稷山县测试企业' || $2 || '-' || i,
                  '9114' || lpad((floor(random() * 1e12)::bigint * 100 + i)::text, 14, '0')
             FROM generate_series(1, $1::int) AS i
           RETURNING id, name)
         INSERT INTO users (role, login, password_hash, display_name, organisation_id)
         SELECT 'employer', 'crowd.emp.' || $2 || '.' || row_number() OVER (), 'not-a-hash', '联系人', id FROM orgs
         RETURNING id, organisation_id`,
    [n, tag],
  );
  return Promise.all(
    rows.map(async (r) => ({
      userId: r.id,
      organisationId: r.organisation_id,
      token: await jwt.signAsync(
        {
          sub: r.id,
          role,
          org: r.organisation_id,
          twp: role === 'seeker' ? 'jifeng' : null,
          ver: 0,
          typ: 'access',
        },
        { algorithm: 'HS256', expiresIn: 3600 },
      ),
    })),
  );
}
