import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Actor } from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';
import { Actors, caller, createCast, nextStartDate, publishedPost } from './applications-fixtures';

jest.setTimeout(180_000);

/**
 * A batch of placements (a fair's or an agency's 录用名单) recorded in one call: every hire or none,
 * each with what a single record gives it — snapshot, audit entry, outbox row, the post filled when
 * its places are taken, the same decisions and claims once the worker has filed them.
 */
describe('placements recorded in a batch', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let actors: Actors;
  let call: ReturnType<typeof caller>;
  const extra: Actor[] = [];

  beforeAll(async () => {
    env = await setupSuiteEnv('placements_batch', {
      LOGIN_THROTTLE_LIMIT: '1000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
    });
    app = await startApi();
    ds = app.get(DataSource);
    actors = await createCast(app);
    call = caller(app, actors);
    // 就业困难人员, registered unemployed since 2023: hires that earn claims for employer and person.
    for (let i = 0; i < 4; i++) {
      extra.push(
        await seekerWithProfile(
          app,
          { birthDate: '1980-04-12', sex: 'male' },
          {
            groups: ['difficult', 'registered-unemployed'],
            registeredUnemployedSince: '2023-01-01',
            unemploymentInsuranceMonths: 24,
          },
        ),
      );
    }
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await ds.query(`SELECT count(*) AS n FROM ${sql}`, params))[0].n);
  const batch = (who: 'countyStaff' | 'townshipStaff' | 'employerA', placements: object[]) =>
    call(who, 'post', '/api/v1/placements/batch', { placements });
  const hireAt = (seeker: Actor, more: object = {}) => ({
    employerOrganisationId: actors.employerA.organisationId,
    seekerUserId: seeker.userId,
    startDate: nextStartDate(),
    townshipCode: 'jifeng',
    ...more,
  });
  const fields = (res: request.Response): string[] =>
    (res.body.error?.fields ?? []).map((f: { field: string }) => f.field);

  it('records every hire of the batch in order: placements, audit, outbox rows, and the post filled', async () => {
    const postId = await publishedPost(app, actors, 'employerA', { townshipCode: 'jifeng' }, 2);
    const [a, b] = [nextStartDate(), nextStartDate()];
    const res = await batch('countyStaff', [
      {
        employerOrganisationId: actors.employerA.organisationId,
        seekerUserId: actors.seekerA.userId,
        jobPostId: postId,
        startDate: a,
      },
      {
        employerOrganisationId: actors.employerA.organisationId,
        seekerUserId: actors.seekerB.userId,
        jobPostId: postId,
        startDate: b,
      },
      {
        employerOrganisationId: actors.employerB.organisationId,
        seekerUserId: extra[0].userId,
        startDate: nextStartDate(),
        outsideProvince: '江苏省',
        outsideCity: '苏州市',
        referringAgencyId: actors.agencyA.organisationId,
        referralFree: true,
      },
    ]).expect(201);
    const ids: string[] = res.body.ids;
    expect(ids).toHaveLength(3);
    const views = await Promise.all(
      ids.map(async (id) => (await call('countyStaff', 'get', `/api/v1/placements/${id}`).expect(200)).body),
    );
    expect(views.map((v) => v.seekerUserId)).toEqual([
      actors.seekerA.userId,
      actors.seekerB.userId,
      extra[0].userId,
    ]);
    expect(views[0].jobLocation.townshipCode).toBe('jifeng');
    expect(views[2].jobLocation).toMatchObject({ province: '江苏省', city: '苏州市', townshipCode: null });
    expect(views[2]).toMatchObject({ referringAgencyKind: expect.any(String), referralFree: true });
    expect(await count(`audit_log WHERE action = 'placement.record' AND target_id = ANY($1)`, [ids])).toBe(3);
    expect(
      await count(`outbox WHERE job_name = 'placement.recorded' AND payload->>'placementId' = ANY($1)`, [
        ids,
      ]),
    ).toBe(3);
    const [post] = await ds.query(`SELECT status FROM job_posts WHERE id = $1`, [postId]);
    expect(post.status).toBe('filled');
  });

  it('files the same decisions and claims for a hire in a batch as for the same hire recorded alone', async () => {
    const start = '2026-06-01';
    const facts = {
      employerSocialInsuranceMonthlyFen: 90000,
      startDate: start,
      contractEndDate: '2027-12-31',
    };
    const alone = (
      await call('countyStaff', 'post', '/api/v1/placements', hireAt(extra[1], facts)).expect(201)
    ).body.id;
    const [inBatch] = (await batch('countyStaff', [hireAt(extra[2], facts)]).expect(201)).body.ids;
    await drainOutbox(worker);
    const decided = async (id: string) =>
      (
        (await call('countyStaff', 'get', `/api/v1/placements/${id}/decisions`).expect(200)).body
          .decisions as {
          measure: string;
          period: string;
          eligible: boolean;
          amountFen: number | null;
        }[]
      )
        .map((d) => `${d.measure}|${d.period}|${d.eligible}|${d.amountFen}`)
        .sort();
    const claimed = async (id: string) =>
      (
        (await call('countyStaff', 'get', `/api/v1/subsidy-claims?placementId=${id}`).expect(200)).body
          .items as {
          measure: string;
          period: string;
          amountFen: number | null;
          beneficiary: { kind: string };
        }[]
      )
        .map((c) => `${c.measure}|${c.period}|${c.amountFen}|${c.beneficiary.kind}`)
        .sort();
    expect((await decided(inBatch)).length).toBeGreaterThan(0);
    expect(await decided(inBatch)).toEqual(await decided(alone));
    expect((await claimed(inBatch)).length).toBeGreaterThan(0);
    expect(await claimed(inBatch)).toEqual(await claimed(alone));
  });

  it('a bad row is a 400 naming placements[i].field, and nothing of the batch is recorded', async () => {
    const before = await count('placements');
    const outboxBefore = await count('outbox');
    const dates = await batch('countyStaff', [
      hireAt(extra[3]),
      hireAt(extra[3], { startDate: '2026-03-01', contractEndDate: '2026-02-01' }),
    ]).expect(400);
    expect(fields(dates)).toEqual(['placements[1].contractEndDate']);
    const unknown = await batch('countyStaff', [
      hireAt(extra[3]),
      hireAt(actors.employerB, {}), // an employer's user is no seeker
    ]).expect(400);
    expect(fields(unknown)).toEqual(['placements[1].seekerUserId']);
    const shape = await batch('countyStaff', [
      hireAt(extra[3]),
      { ...hireAt(extra[3]), startDate: '2026-02-30' },
    ]).expect(400);
    expect(fields(shape)).toEqual(['placements[1].startDate']);
    const place = await batch('countyStaff', [{ ...hireAt(extra[3]), townshipCode: undefined }]).expect(400);
    expect(fields(place)).toEqual(['placements[0].townshipCode']);
    expect(fields(await batch('countyStaff', []).expect(400))).toEqual(['placements']);
    const tooMany = Array.from({ length: 501 }, () => hireAt(extra[3]));
    expect(fields(await batch('countyStaff', tooMany).expect(400))).toEqual(['placements']);
    expect(await count('placements')).toBe(before);
    expect(await count('outbox')).toBe(outboxBefore);
  });

  it('a hire already recorded, or twice in the batch, is a 409 naming the rows; nothing is recorded', async () => {
    const done = hireAt(extra[3]);
    await batch('countyStaff', [done]).expect(201);
    const before = await count('placements');
    const again = await batch('countyStaff', [hireAt(extra[0]), done]).expect(409);
    expect(again.body.error.code).toBe('placement.duplicate');
    expect(fields(again)).toEqual(['placements[1].seekerUserId']);
    const fresh = hireAt(extra[1]);
    const twice = await batch('countyStaff', [fresh, hireAt(extra[2]), fresh]).expect(409);
    expect(fields(twice)).toEqual(['placements[2].seekerUserId']);
    expect(await count('placements')).toBe(before);
  });

  it('only staff and admins record batches; township staff only for the enterprises they look after', async () => {
    await batch('employerA', [hireAt(extra[0])]).expect(403);
    await request(app.getHttpServer())
      .post('/api/v1/placements/batch')
      .send({ placements: [hireAt(extra[0])] })
      .expect(401);
    // 稷峰镇 staff look after employer A (稷峰镇), not employer B (西社镇).
    const outside = await batch('townshipStaff', [
      hireAt(extra[0]),
      hireAt(extra[1], { employerOrganisationId: actors.employerB.organisationId }),
    ]).expect(400);
    expect(fields(outside)).toEqual(['placements[1].employerOrganisationId']);
    await batch('townshipStaff', [hireAt(extra[0])]).expect(201);
  });
});
