import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Role } from '@app/platform';
import { residentIdCheckChar } from '@app/platform/validation';
import { Actor, createPrivileged, registerAgency, registerEmployer } from '../jobs/jobs-fixtures';
import { profileBody } from '../seekers/seekers-fixtures';

let idOrder = 0;

/**
 * A valid 稷山县 resident ID number (area 140824) of a birth date and sex. The order code counts
 * up within the suite (random ones collided: ~500 codes per birth date and sex), so no two people
 * of one suite share a number; each suite has its own schema, so suites cannot collide either.
 */
export function residentIdOf(birthDate: string, sex: 'male' | 'female'): string {
  const n = idOrder++;
  const seq = String(Math.floor(n / 5) % 100).padStart(2, '0');
  const sexDigit = sex === 'male' ? [1, 3, 5, 7, 9][n % 5] : [0, 2, 4, 6, 8][n % 5];
  const first17 = `140824${birthDate.replace(/-/g, '')}${seq}${sexDigit}`;
  return first17 + residentIdCheckChar(first17);
}

let seq = 0;

/** A seeker registered with an ID number (so the hire's snapshot knows age and sex) and a profile. */
export async function seekerWithProfile(
  app: NestFastifyApplication,
  birth: { birthDate: string; sex: 'male' | 'female' },
  profile: Record<string, unknown>,
  townshipCode = 'jifeng',
): Promise<Actor & { idNumber: string }> {
  seq++;
  const idNumber = residentIdOf(birth.birthDate, birth.sex);
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/register/seeker')
    .send({
      login: `claims.seeker.${process.pid}.${seq}`,
      password: 'correct horse 1',
      displayName: `求职者${seq}`,
      mobile: '13812345678',
      idNumber,
    })
    .expect(201);
  const actor = { token: res.body.accessToken, userId: res.body.user.id, organisationId: null, idNumber };
  await request(app.getHttpServer())
    .put('/api/v1/seekers/me')
    .set('authorization', `Bearer ${actor.token}`)
    .send(profileBody(townshipCode, profile))
    .expect(200);
  return actor;
}

/** An enterprise with its profile (township and size) filled in. */
export async function employerOf(
  app: NestFastifyApplication,
  name: string,
  profile: { townshipCode: string; size: 'large' | 'medium' | 'small' | 'micro' },
): Promise<Actor> {
  const e = await registerEmployer(app, name);
  await request(app.getHttpServer())
    .put('/api/v1/enterprises/mine')
    .set('authorization', `Bearer ${e.token}`)
    .send(profile)
    .expect(200);
  return e;
}

export interface ClaimsCast {
  employerSmall: Actor;
  employerLarge: Actor;
  agency: Actor;
  countyStaff: Actor;
  jifengStaff: Actor;
  xisheStaff: Actor;
  admin: Actor;
}

/** The people around the claims: two enterprises of 稷峰镇, an HR firm, staff and an admin. */
export async function createClaimsCast(app: NestFastifyApplication): Promise<ClaimsCast> {
  return {
    employerSmall: await employerOf(app, '稷山县小型机械有限公司', { townshipCode: 'jifeng', size: 'small' }),
    employerLarge: await employerOf(app, '稷山县大型食品有限公司', { townshipCode: 'jifeng', size: 'large' }),
    agency: await registerAgency(app),
    countyStaff: await createPrivileged(app, Role.Staff),
    jifengStaff: await createPrivileged(app, Role.Staff, 'jifeng'),
    xisheStaff: await createPrivileged(app, Role.Staff, 'xishe'),
    admin: await createPrivileged(app, Role.Admin),
  };
}

export type Method = 'get' | 'post' | 'put' | 'patch';

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

export interface ClaimJson {
  id: string;
  measure: string;
  clause: string;
  beneficiary: { kind: string; id: string; name: string };
  source: { kind: string; id: string };
  period: string;
  amountFen: number | null;
  approvedAmountFen: number | null;
  status: string;
  policy: { id: string; version: string };
  reasons: { code: string; ok: boolean; text: string }[];
  decisionReason: string | null;
  paymentReference: string | null;
  decidedAt: string | null;
  paidAt: string | null;
}

/** Every claim a reader sees under a filter (pages of 500). */
export async function claimsOf(
  app: NestFastifyApplication,
  who: Actor,
  filter: Record<string, string>,
): Promise<ClaimJson[]> {
  const out: ClaimJson[] = [];
  for (let offset = 0; ; offset += 500) {
    const qs = new URLSearchParams({ ...filter, limit: '500', offset: String(offset) });
    const res = await as(app, who, 'get', `/api/v1/subsidy-claims?${qs}`).expect(200);
    out.push(...res.body.items);
    if (out.length >= res.body.total) return out;
  }
}

/** The months YYYY-MM from `from` through `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    if (s > to) return out;
    out.push(s);
    m++;
    if (m === 13) {
      m = 1;
      y++;
    }
  }
}
