import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Role } from '@app/platform';
import { Actor, createPrivileged, registerEmployer } from '../jobs/jobs-fixtures';

/** An employer with its enterprise profile (township, size, industry) — what the index shows of it. */
export async function employerWithProfile(
  app: NestFastifyApplication,
  name: string,
  profile: { townshipCode: string; size: 'large' | 'medium' | 'small' | 'micro'; industry: string },
): Promise<Actor> {
  const employer = await registerEmployer(app, name);
  await request(app.getHttpServer())
    .put('/api/v1/enterprises/mine')
    .set('authorization', `Bearer ${employer.token}`)
    .send(profile)
    .expect(200);
  return employer;
}

export function staffActor(app: NestFastifyApplication): Promise<Actor> {
  return createPrivileged(app, Role.Admin);
}

export interface PostInput {
  title: string;
  occupation?: string;
  townshipCode?: string;
  /** A place outside the county instead of a township (劳务输出). */
  outsidePlace?: string;
  employmentType?: 'full-time' | 'part-time' | 'temporary' | 'internship';
  wageMinFen?: number;
  wageMaxFen?: number;
  skills?: string[];
  headcount?: number;
  education?: string;
}

/** Creates a post through the jobs routes and publishes it: draft → submit → staff approve. */
export async function publishPost(
  app: NestFastifyApplication,
  employer: Actor,
  staff: Actor,
  input: PostInput,
): Promise<string> {
  const http = app.getHttpServer();
  const created = await request(http)
    .post('/api/v1/job-posts')
    .set('authorization', `Bearer ${employer.token}`)
    .send({
      headcount: 2,
      ...(input.outsidePlace ? {} : { townshipCode: 'jifeng' }),
      wageMinFen: 300_000,
      wageMaxFen: 500_000,
      skills: [],
      deadline: '2099-12-31',
      ...input,
    });
  if (created.status !== 201)
    throw new Error(`create post: ${created.status} ${JSON.stringify(created.body)}`);
  const id: string = created.body.id;
  await request(http)
    .post(`/api/v1/job-posts/${id}/submit`)
    .set('authorization', `Bearer ${employer.token}`)
    .expect(200);
  await request(http)
    .post(`/api/v1/job-posts/${id}/approve`)
    .set('authorization', `Bearer ${staff.token}`)
    .expect(200);
  return id;
}

export function searchRoute(app: NestFastifyApplication, query: Record<string, string | string[]>) {
  return request(app.getHttpServer()).get('/api/v1/job-posts/search').query(query);
}

export const hitTitles = (body: { hits: { title: string }[] }): string[] =>
  body.hits.map((h) => h.title).sort();
