import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Session } from '../identity/identity-helpers';

/** A complete, valid profile body (稷峰镇 unless told otherwise). */
export function profileBody(
  townshipCode = 'jifeng',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    desiredOccupations: ['焊工', '电工'],
    skills: ['氩弧焊', '二氧化碳保护焊'],
    certificates: [{ name: '焊工证', level: 'intermediate', date: '2020-05-01' }],
    education: 'secondary-vocational',
    townshipCode,
    wageExpectationFen: 500000,
    availability: 'within-month',
    registeredUnemployedSince: '2025-03-01',
    unemploymentInsuranceMonths: 14,
    groups: ['registered-unemployed', 'rural-labourer'],
    ...extra,
  };
}

export type Method = 'get' | 'post' | 'put' | 'patch';

/** A request as `who` (null = anonymous). */
export function call(
  app: NestFastifyApplication,
  who: Session | null,
  method: Method,
  url: string,
  body?: object,
): request.Test {
  let req = request(app.getHttpServer())[method](url);
  if (who) req = req.set(who.auth);
  return body ? req.send(body) : req;
}

/** The field names of a 400 answer. */
export function fieldsOf(res: request.Response): string[] {
  const body = res.body as { error?: { fields?: { field: string }[] } };
  return (body.error?.fields ?? []).map((f) => f.field);
}

/** Lets the seeker be found by employers and referred by agencies (the consent switch). */
export async function consentToBeFound(app: NestFastifyApplication, bearer: string): Promise<void> {
  await request(app.getHttpServer())
    .patch('/api/v1/seekers/me/consent')
    .set('authorization', bearer)
    .send({ searchableByEmployers: true })
    .expect(200);
}

/** A seeker registered with an ID number and a full profile (稷峰镇); with `consent`, findable too. */
export async function seekerWithProfile(
  app: NestFastifyApplication,
  p: { login: string; displayName: string; idNumber: string; mobile?: string },
  consent: boolean,
): Promise<{ userId: string; bearer: string }> {
  const registered = await request(app.getHttpServer())
    .post('/api/v1/auth/register/seeker')
    .send({ password: 'correct horse 1', mobile: '13812345678', ...p })
    .expect(201);
  const bearer = `Bearer ${registered.body.accessToken}`;
  await request(app.getHttpServer())
    .put('/api/v1/seekers/me')
    .set('authorization', bearer)
    .send(profileBody('jifeng'))
    .expect(200);
  if (consent) await consentToBeFound(app, bearer);
  return { userId: registered.body.user.id, bearer };
}
