import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Role } from '@app/platform';
import { UsersService } from '@app/identity';

/**
 * Helpers for e2e suites that need signed-in users of each role. Logins go through the real
 * /auth/login route, each from its own X-Forwarded-For address, so that suites logging in many
 * users do not run into the per-IP login throttle.
 */
let ipCounter = 0;
export function nextIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export const PASSWORD = 'correct-horse-42';

/** Valid resident ID numbers (GB 11643 check digit) of Jishan County (140824). */
export const ID_NUMBERS = [
  '140824199001010013',
  '14082419850315002X',
  '140824200007080034',
  '140824199202200040',
  '140824199511110057',
  '140824198808080069',
];

/** Valid unified social credit codes (GB 32100 check character). */
export const CREDIT_CODES = [
  '91140824MA0KT0003K',
  '91140824MA0KT0004N',
  '91140824MA0KT0005R',
  '91140824MA0KT0006W',
  '91140824MA0KT00070',
  '91140824MA0KT00083',
];

export interface Session {
  id: string;
  login: string;
  role: Role;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

function session(body: {
  accessToken: string;
  refreshToken: string;
  user: { id: string; login: string; role: Role };
}): Session {
  return {
    id: body.user.id,
    login: body.user.login,
    role: body.user.role,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

export async function login(
  app: NestFastifyApplication,
  loginName: string,
  password = PASSWORD,
): Promise<Session> {
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/login')
    .set('X-Forwarded-For', nextIp())
    .send({ login: loginName, password });
  if (res.status !== 200) throw new Error(`login ${loginName}: ${res.status} ${JSON.stringify(res.body)}`);
  return session(res.body);
}

export async function registerSeeker(
  app: NestFastifyApplication,
  loginName: string,
  extra: { idNumber?: string; townshipCode?: string; mobile?: string } = {},
): Promise<Session> {
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/register/seeker')
    .send({
      login: loginName,
      password: PASSWORD,
      displayName: `求职者 ${loginName}`,
      mobile: '13912345678',
      ...extra,
    });
  if (res.status !== 201) throw new Error(`register ${loginName}: ${res.status} ${JSON.stringify(res.body)}`);
  return session(res.body);
}

export async function registerEmployer(app: NestFastifyApplication, loginName: string, creditCode: string) {
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/register/employer')
    .send({
      login: loginName,
      password: PASSWORD,
      displayName: '李经理',
      mobile: '13835967890',
      enterpriseName: `企业 ${loginName}`,
      creditCode,
    });
  if (res.status !== 201) throw new Error(`register ${loginName}: ${res.status} ${JSON.stringify(res.body)}`);
  return session(res.body);
}

export async function registerAgency(app: NestFastifyApplication, loginName: string, creditCode: string) {
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/register/agency')
    .send({
      login: loginName,
      password: PASSWORD,
      displayName: '赵敏',
      mobile: '13703591234',
      agencyName: `机构 ${loginName}`,
      creditCode,
      agencyKind: 'hr-firm',
    });
  if (res.status !== 201) throw new Error(`register ${loginName}: ${res.status} ${JSON.stringify(res.body)}`);
  return session(res.body);
}

/** Creates a staff member or admin directly through the service (as the CLI does) and signs in. */
export async function createPrivileged(
  app: NestFastifyApplication,
  role: Role.Staff | Role.Admin,
  loginName: string,
  townshipCode?: string,
): Promise<Session> {
  await app.get(UsersService).createPrivileged(null, {
    role,
    login: loginName,
    password: PASSWORD,
    displayName: loginName,
    townshipCode,
  });
  return login(app, loginName);
}
