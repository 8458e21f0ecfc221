import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import {
  Actors,
  EVERYONE,
  HIRE,
  nextStartDate,
  Who,
  caller,
  createCast,
  publishedPost,
  toOffer,
} from './applications-fixtures';

jest.setTimeout(180_000);

/**
 * The access matrix: every route of applications, placements and agencies for every role — two
 * seekers, two employers, two agencies, 稷峰镇 staff, county staff, an admin and nobody. Employer A
 * is in 稷峰镇 (the township staff's), employer B in 西社镇. Someone else's record is a 404, never a
 * 403, so its existence is not revealed; a role that never may use a route gets 403.
 */
describe('applications and placements: access matrix', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let actors: Actors;
  let call: ReturnType<typeof caller>;
  /** A post of employer A with an application of seeker A, referred by agency A. */
  let postA: string;
  let applicationA: string;

  beforeAll(async () => {
    env = await setupSuiteEnv('applications_access', { LOGIN_THROTTLE_LIMIT: '1000' });
    app = await startApi();
    actors = await createCast(app);
    call = caller(app, actors);
    postA = await publishedPost(app, actors, 'employerA');
    const referred = await call('agencyA', 'post', '/api/v1/agency/referrals', {
      seekerUserId: actors.seekerA.userId,
      jobPostId: postA,
      free: false,
    }).expect(201);
    applicationA = referred.body.application.id;
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  async function expectMatrix(
    label: string,
    expected: Record<Who, number>,
    make: (who: Who) => Promise<request.Response>,
  ): Promise<void> {
    const got = {} as Record<Who, number>;
    for (const who of EVERYONE) got[who] = (await make(who)).status;
    expect({ label, got }).toEqual({ label, got: expected });
  }

  /** A fresh application of seeker A to a fresh post of employer A. */
  async function freshApplication(): Promise<string> {
    const postId = await publishedPost(app, actors, 'employerA');
    const res = await call('seekerA', 'post', `/api/v1/job-posts/${postId}/applications`, {}).expect(201);
    return res.body.id;
  }

  /** A placement of employer A (稷峰镇) or B (西社镇), recorded by county staff. */
  async function freshPlacement(employer: 'employerA' | 'employerB', agency?: 'agencyA'): Promise<string> {
    const res = await call('countyStaff', 'post', '/api/v1/placements', {
      employerOrganisationId: actors[employer].organisationId,
      seekerUserId: actors.seekerB.userId,
      startDate: nextStartDate(),
      contractEndDate: '2026-03-31',
      townshipCode: employer === 'employerA' ? 'jifeng' : 'xishe',
      ...(agency ? { referringAgencyId: actors[agency].organisationId, referralFree: true } : {}),
    }).expect(201);
    return res.body.id;
  }

  it('POST /api/v1/job-posts/:id/applications — seekers only', async () => {
    const postId = await publishedPost(app, actors, 'employerA');
    await expectMatrix(
      'apply',
      {
        anonymous: 401,
        seekerA: 201,
        seekerB: 201,
        employerA: 403,
        employerB: 403,
        agencyA: 403,
        agencyB: 403,
        townshipStaff: 403,
        countyStaff: 403,
        admin: 403,
      },
      (who) => call(who, 'post', `/api/v1/job-posts/${postId}/applications`, {}),
    );
  });

  it('GET /api/v1/job-posts/:id/applications — the post’s employer and the staff who look after it', async () => {
    await expectMatrix(
      'list for post',
      {
        anonymous: 401,
        seekerA: 403,
        seekerB: 403,
        employerA: 200,
        employerB: 404,
        agencyA: 403,
        agencyB: 403,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'get', `/api/v1/job-posts/${postA}/applications`),
    );
    const postB = await publishedPost(app, actors, 'employerB', { townshipCode: 'xishe' });
    await call('townshipStaff', 'get', `/api/v1/job-posts/${postB}/applications`).expect(404);
    await call('employerA', 'get', `/api/v1/job-posts/${postB}/applications`).expect(404);
    const list = await call('employerA', 'get', `/api/v1/job-posts/${postA}/applications`).expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(applicationA);
  });

  it('GET /api/v1/applications/mine — seekers, each their own', async () => {
    await expectMatrix(
      'mine',
      {
        anonymous: 401,
        seekerA: 200,
        seekerB: 200,
        employerA: 403,
        employerB: 403,
        agencyA: 403,
        agencyB: 403,
        townshipStaff: 403,
        countyStaff: 403,
        admin: 403,
      },
      (who) => call(who, 'get', '/api/v1/applications/mine'),
    );
    const b = await call('seekerB', 'get', '/api/v1/applications/mine').expect(200);
    expect(b.body.items.map((a: { id: string }) => a.id)).not.toContain(applicationA);
    for (const item of b.body.items) expect(item.seekerUserId).toBe(actors.seekerB.userId);
  });

  it('GET /api/v1/applications/:id — the seeker, the referring agency, the employer, its staff', async () => {
    await expectMatrix(
      'get',
      {
        anonymous: 401,
        seekerA: 200,
        seekerB: 404,
        employerA: 200,
        employerB: 404,
        agencyA: 200,
        agencyB: 404,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'get', `/api/v1/applications/${applicationA}`),
    );
    // An unknown id answers exactly like someone else's.
    const unknown = await call('seekerB', 'get', '/api/v1/applications/00000000-0000-4000-8000-000000000000');
    const others = await call('seekerB', 'get', `/api/v1/applications/${applicationA}`);
    expect(unknown.status).toBe(404);
    expect(others.body).toEqual(unknown.body);
  });

  it('POST /api/v1/applications/:id/withdraw — the seeker themselves', async () => {
    const id = await freshApplication();
    await expectMatrix(
      'withdraw',
      {
        anonymous: 401,
        seekerA: 200,
        seekerB: 404,
        employerA: 403,
        employerB: 403,
        agencyA: 403,
        agencyB: 403,
        townshipStaff: 403,
        countyStaff: 403,
        admin: 403,
      },
      (who) => call(who, 'post', `/api/v1/applications/${id}/withdraw`, {}),
    );
  });

  it('POST /api/v1/applications/:id/transitions — the post’s employer and its staff', async () => {
    const ids = new Map<Who, string>();
    for (const who of EVERYONE) ids.set(who, await freshApplication());
    await expectMatrix(
      'transition',
      {
        anonymous: 401,
        seekerA: 403,
        seekerB: 403,
        employerA: 200,
        employerB: 404,
        agencyA: 403,
        agencyB: 403,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'post', `/api/v1/applications/${ids.get(who)}/transitions`, { to: 'screening' }),
    );
    // Employer B's refused attempt changed nothing.
    const untouched = await call('seekerA', 'get', `/api/v1/applications/${ids.get('employerB')}`).expect(
      200,
    );
    expect(untouched.body.status).toBe('applied');
  });

  it('POST /api/v1/placements — staff (township staff for their enterprises) and admins', async () => {
    // Another start day per call: the same seeker, employer and day is one placement.
    const body = () => ({
      employerOrganisationId: actors.employerA.organisationId,
      seekerUserId: actors.seekerB.userId,
      startDate: nextStartDate(),
      townshipCode: 'jifeng',
    });
    await expectMatrix(
      'record placement',
      {
        anonymous: 401,
        seekerA: 403,
        seekerB: 403,
        employerA: 403,
        employerB: 403,
        agencyA: 403,
        agencyB: 403,
        townshipStaff: 201,
        countyStaff: 201,
        admin: 201,
      },
      (who) => call(who, 'post', '/api/v1/placements', body()),
    );
    // Township staff cannot record for an enterprise of another township.
    await call('townshipStaff', 'post', '/api/v1/placements', {
      ...body(),
      employerOrganisationId: actors.employerB.organisationId,
    }).expect(404);
  });

  it('GET /api/v1/placements — each sees its own: staff by township, employers, agencies', async () => {
    const ofA = await freshPlacement('employerA', 'agencyA');
    const ofB = await freshPlacement('employerB');
    await expectMatrix(
      'list placements',
      {
        anonymous: 401,
        seekerA: 403,
        seekerB: 403,
        employerA: 200,
        employerB: 200,
        agencyA: 200,
        agencyB: 200,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'get', '/api/v1/placements'),
    );
    const ids = async (who: Who) =>
      (
        (await call(who, 'get', '/api/v1/placements?limit=200').expect(200)).body.items as { id: string }[]
      ).map((p) => p.id);
    const visible: Record<string, [boolean, boolean]> = {};
    for (const who of [
      'employerA',
      'employerB',
      'agencyA',
      'agencyB',
      'townshipStaff',
      'countyStaff',
      'admin',
    ] as Who[]) {
      const list = await ids(who);
      visible[who] = [list.includes(ofA), list.includes(ofB)];
    }
    expect(visible).toEqual({
      employerA: [true, false],
      employerB: [false, true],
      agencyA: [true, false],
      agencyB: [false, false],
      townshipStaff: [true, false],
      countyStaff: [true, true],
      admin: [true, true],
    });
  });

  it('GET /api/v1/placements/:id — the placed seeker, the employer, the referring agency, its staff', async () => {
    const res = await call('countyStaff', 'post', '/api/v1/placements', {
      employerOrganisationId: actors.employerA.organisationId,
      seekerUserId: actors.seekerA.userId,
      startDate: nextStartDate(),
      townshipCode: 'jifeng',
      referringAgencyId: actors.agencyA.organisationId,
    }).expect(201);
    const id: string = res.body.id;
    await expectMatrix(
      'get placement',
      {
        anonymous: 401,
        seekerA: 200,
        seekerB: 404,
        employerA: 200,
        employerB: 404,
        agencyA: 200,
        agencyB: 404,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) => call(who, 'get', `/api/v1/placements/${id}`),
    );
    const seen = await call('seekerA', 'get', `/api/v1/placements/${id}`).expect(200);
    expect(seen.body).toMatchObject({ id, seekerUserId: actors.seekerA.userId, source: 'staff' });
    // Township staff do not see a placement of another township's enterprise, working elsewhere.
    const ofB = await freshPlacement('employerB');
    await call('townshipStaff', 'get', `/api/v1/placements/${ofB}`).expect(404);
    // A placement through an application: the seeker and the agency that referred them see it.
    const postId = await publishedPost(app, actors, 'employerA');
    const referred = await call('agencyA', 'post', '/api/v1/agency/referrals', {
      seekerUserId: actors.seekerA.userId,
      jobPostId: postId,
      free: true,
    }).expect(201);
    const appId: string = referred.body.application.id;
    await toOffer(app, actors, 'employerA', appId);
    const hired = await call('employerA', 'post', `/api/v1/applications/${appId}/transitions`, HIRE).expect(
      200,
    );
    for (const [who, status] of [
      ['seekerA', 200],
      ['agencyA', 200],
      ['agencyB', 404],
      ['seekerB', 404],
    ] as [Who, number][]) {
      await call(who, 'get', `/api/v1/placements/${hired.body.placementId}`).expect(status);
    }
    // An unknown id answers exactly like someone else's.
    const unknown = await call('seekerB', 'get', '/api/v1/placements/00000000-0000-4000-8000-000000000000');
    const others = await call('seekerB', 'get', `/api/v1/placements/${id}`);
    expect(unknown.status).toBe(404);
    expect(others.body).toEqual(unknown.body);
    await call('admin', 'get', '/api/v1/placements/not-a-uuid').expect(400);
  });

  it('GET /api/v1/seekers/me/placements — seekers, each their own, paged', async () => {
    const ofB = await freshPlacement('employerA');
    await freshPlacement('employerB');
    await expectMatrix(
      'my placements',
      {
        anonymous: 401,
        seekerA: 200,
        seekerB: 200,
        employerA: 403,
        employerB: 403,
        agencyA: 403,
        agencyB: 403,
        townshipStaff: 403,
        countyStaff: 403,
        admin: 403,
      },
      (who) => call(who, 'get', '/api/v1/seekers/me/placements'),
    );
    const b = await call('seekerB', 'get', '/api/v1/seekers/me/placements?limit=100').expect(200);
    expect(b.body.items.map((p: { id: string }) => p.id)).toContain(ofB);
    for (const item of b.body.items) expect(item.seekerUserId).toBe(actors.seekerB.userId);
    const a = await call('seekerA', 'get', '/api/v1/seekers/me/placements?limit=100').expect(200);
    expect(a.body.items.map((p: { id: string }) => p.id)).not.toContain(ofB);
    // The shared PageQuery: pages of 1 … 100, newest first.
    const page = await call('seekerB', 'get', '/api/v1/seekers/me/placements?limit=1&offset=1').expect(200);
    expect(page.body.total).toBe(b.body.total);
    expect(page.body.items.map((p: { id: string }) => p.id)).toEqual([b.body.items[1].id]);
    await call('seekerB', 'get', '/api/v1/seekers/me/placements?limit=101').expect(400);
  });

  it('POST /api/v1/placements/:id/end — staff who look after it, and admins', async () => {
    const ids = new Map<Who, string>();
    for (const who of EVERYONE) ids.set(who, await freshPlacement('employerA'));
    await expectMatrix(
      'end placement',
      {
        anonymous: 401,
        seekerA: 403,
        seekerB: 403,
        employerA: 403,
        employerB: 403,
        agencyA: 403,
        agencyB: 403,
        townshipStaff: 200,
        countyStaff: 200,
        admin: 200,
      },
      (who) =>
        call(who, 'post', `/api/v1/placements/${ids.get(who)}/end`, {
          endedOn: '2025-06-30',
          reason: '个人辞职',
        }),
    );
    const ofB = await freshPlacement('employerB');
    await call('townshipStaff', 'post', `/api/v1/placements/${ofB}/end`, {
      endedOn: '2025-06-30',
      reason: '个人辞职',
    }).expect(404);
  });

  it('POST /api/v1/agency/referrals — agencies only', async () => {
    const posts = new Map<Who, string>();
    for (const who of ['agencyA', 'agencyB'] as Who[])
      posts.set(who, await publishedPost(app, actors, 'employerA'));
    await expectMatrix(
      'refer',
      {
        anonymous: 401,
        seekerA: 403,
        seekerB: 403,
        employerA: 403,
        employerB: 403,
        agencyA: 201,
        agencyB: 201,
        townshipStaff: 403,
        countyStaff: 403,
        admin: 403,
      },
      (who) =>
        call(who, 'post', '/api/v1/agency/referrals', {
          seekerUserId: actors.seekerA.userId,
          jobPostId: posts.get(who) ?? postA,
          free: true,
        }),
    );
  });

  it('GET /api/v1/agency/placements — agencies only, their own', async () => {
    const ofA = await freshPlacement('employerA', 'agencyA');
    await expectMatrix(
      'agency placements',
      {
        anonymous: 401,
        seekerA: 403,
        seekerB: 403,
        employerA: 403,
        employerB: 403,
        agencyA: 200,
        agencyB: 200,
        townshipStaff: 403,
        countyStaff: 403,
        admin: 403,
      },
      (who) => call(who, 'get', '/api/v1/agency/placements'),
    );
    const a = await call('agencyA', 'get', '/api/v1/agency/placements').expect(200);
    const b = await call('agencyB', 'get', '/api/v1/agency/placements').expect(200);
    expect(a.body.items.map((p: { id: string }) => p.id)).toContain(ofA);
    expect(b.body.items.map((p: { id: string }) => p.id)).not.toContain(ofA);
  });
});
