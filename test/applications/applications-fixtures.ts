import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Role } from '@app/platform';
import {
  Actor,
  createPrivileged,
  registerAgency,
  registerEmployer,
  registerSeeker,
} from '../jobs/jobs-fixtures';
import { profileBody } from '../seekers/seekers-fixtures';

/** Everyone of the access matrix. Employer A and township staff are in 稷峰镇, employer B in 西社镇. */
export type Who =
  | 'anonymous'
  | 'seekerA'
  | 'seekerB'
  | 'employerA'
  | 'employerB'
  | 'agencyA'
  | 'agencyB'
  | 'townshipStaff'
  | 'countyStaff'
  | 'admin';

export const EVERYONE: Who[] = [
  'anonymous',
  'seekerA',
  'seekerB',
  'employerA',
  'employerB',
  'agencyA',
  'agencyB',
  'townshipStaff',
  'countyStaff',
  'admin',
];

export type Actors = Record<Exclude<Who, 'anonymous'>, Actor>;

export type Method = 'get' | 'post' | 'put' | 'patch';

export function caller(app: NestFastifyApplication, actors: Actors) {
  return (who: Who, method: Method, url: string, body?: object): request.Test => {
    let req = request(app.getHttpServer())[method](url);
    if (who !== 'anonymous') req = req.set('authorization', `Bearer ${actors[who].token}`);
    return body ? req.send(body) : req;
  };
}

/**
 * Registers the cast: two seekers (A with a profile and consent to be found, B with a profile and
 * no consent), two enterprises with profiles, two agencies, 稷峰镇 staff, county staff and an admin.
 */
export async function createCast(app: NestFastifyApplication): Promise<Actors> {
  const actors = {
    seekerA: await registerSeeker(app),
    seekerB: await registerSeeker(app),
    employerA: await registerEmployer(app, '稷山县甲机械有限公司'),
    employerB: await registerEmployer(app, '稷山县乙食品有限公司'),
    agencyA: await registerAgency(app),
    agencyB: await registerAgency(app),
    townshipStaff: await createPrivileged(app, Role.Staff, 'jifeng'),
    countyStaff: await createPrivileged(app, Role.Staff),
    admin: await createPrivileged(app, Role.Admin),
  };
  const call = caller(app, actors);
  await call('employerA', 'put', '/api/v1/enterprises/mine', {
    townshipCode: 'jifeng',
    size: 'small',
  }).expect(200);
  await call('employerB', 'put', '/api/v1/enterprises/mine', { townshipCode: 'xishe', size: 'micro' }).expect(
    200,
  );
  await call('seekerA', 'put', '/api/v1/seekers/me', profileBody('jifeng')).expect(200);
  await call('seekerA', 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: true }).expect(200);
  await call('seekerB', 'put', '/api/v1/seekers/me', profileBody('xishe')).expect(200);
  return actors;
}

let postSeq = 0;

/** A post of the employer (3 places unless told), submitted and approved by county staff: published. */
export async function publishedPost(
  app: NestFastifyApplication,
  actors: Actors,
  owner: 'employerA' | 'employerB',
  place: { townshipCode: string } | { outsidePlace: string } = { townshipCode: 'jifeng' },
  headcount = 3,
): Promise<string> {
  const call = caller(app, actors);
  postSeq++;
  const created = await call(owner, 'post', '/api/v1/job-posts', {
    title: `电焊工${postSeq}`,
    headcount,
    ...place,
    wageMinFen: 400000,
    wageMaxFen: 600000,
    skills: ['电焊'],
    deadline: '2099-12-31',
  }).expect(201);
  const id: string = created.body.id;
  await call(owner, 'post', `/api/v1/job-posts/${id}/submit`).expect(200);
  await call('countyStaff', 'post', `/api/v1/job-posts/${id}/approve`).expect(200);
  return id;
}

let startDays = 0;
/**
 * A new start date at every call: a seeker's placement with one employer from one day is one
 * placement (a second is a 409), so fixtures that hire the same seeker again start another day.
 */
export function nextStartDate(): string {
  startDays++;
  return new Date(Date.UTC(2025, 0, 1) + startDays * 86_400_000).toISOString().slice(0, 10);
}

/** A hire's transition body; `startDate` is a new day each time it is read (see nextStartDate). */
export const HIRE = {
  to: 'hired',
  get startDate(): string {
    return nextStartDate();
  },
  contractEndDate: '2027-08-31',
  postKind: 'regular',
  employerSocialInsuranceMonthlyFen: 90000,
};

/** Moves an application from applied to offer as `who`. */
export async function toOffer(
  app: NestFastifyApplication,
  actors: Actors,
  who: Who,
  applicationId: string,
): Promise<void> {
  const call = caller(app, actors);
  for (const to of ['screening', 'interview', 'offer']) {
    await call(who, 'post', `/api/v1/applications/${applicationId}/transitions`, { to }).expect(200);
  }
}
