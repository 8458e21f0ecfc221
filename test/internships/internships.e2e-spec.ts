import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import {
  Actor,
  createPrivileged,
  registerAgency,
  registerEmployer,
  registerSeeker,
} from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';
import { as } from '../fairs/fairs-fixtures';

jest.setTimeout(120_000);

/**
 * 就业见习 through HTTP (contracts/gigs-internships.md, internship posts): staff designate host and
 * demonstration units; host units publish internship posts (job posts of the 见习 kind) with their
 * details; the progress toward 80 counts them; applications outside the eligible groups are refused
 * with each failed condition; interns go from acceptance to their outcome; host units see only theirs.
 */
describe('internships', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  let staff: Actor;
  let admin: Actor;
  let hospital: Actor;
  let school: Actor;
  let agency: Actor;
  let plainSeeker: Actor;
  let graduate: Actor;
  let youth: Actor;
  let older: Actor;
  let internshipPostId: string;

  const fields = (res: request.Response): string[] =>
    (res.body.error?.fields ?? []).map((f: { field: string }) => f.field);

  async function publishedPost(owner: Actor, title: string, extra: object = {}): Promise<string> {
    const res = await as(app, owner, 'post', '/api/v1/job-posts', {
      title,
      headcount: 4,
      townshipCode: 'jifeng',
      employmentType: 'internship',
      wageMinFen: 180000,
      wageMaxFen: 200000,
      deadline: '2099-12-31',
      ...extra,
    }).expect(201);
    await as(app, owner, 'post', `/api/v1/job-posts/${res.body.id}/submit`).expect(200);
    await as(app, staff, 'post', `/api/v1/job-posts/${res.body.id}/approve`).expect(200);
    return res.body.id;
  }

  beforeAll(async () => {
    env = await setupSuiteEnv('internships', {
      LOGIN_THROTTLE_LIMIT: '100000',
      REGISTRATION_THROTTLE_PER_HOUR: '100000',
    });
    app = await startApi();
    ds = app.get(DataSource);
    staff = await createPrivileged(app, Role.Staff);
    admin = await createPrivileged(app, Role.Admin);
    hospital = await registerEmployer(app, '稷山县人民医院');
    school = await registerEmployer(app, '稷山县稷山中学');
    agency = await registerAgency(app);
    plainSeeker = await registerSeeker(app);
    graduate = await seekerWithProfile(
      app,
      { birthDate: '2002-05-01', sex: 'female' },
      { graduation: { date: '2025-07-01', level: 'university', province: '山西', fullTime: true } },
    );
    youth = await seekerWithProfile(app, { birthDate: '2005-03-01', sex: 'male' }, {});
    older = await seekerWithProfile(app, { birthDate: '1981-03-01', sex: 'male' }, {});
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('staff designate host units and demonstration units; bad input names its field', async () => {
    const h = (
      await as(app, staff, 'put', `/api/v1/internships/host-units/${hospital.organisationId}`, {
        kind: 'hospital',
        affiliation: 'county-medical-group',
      }).expect(200)
    ).body;
    expect(h).toMatchObject({
      name: '稷山县人民医院',
      kindName: '医疗卫生',
      affiliationName: '县医疗集团',
      demonstration: false,
    });
    await as(app, staff, 'put', `/api/v1/internships/host-units/${school.organisationId}`, {
      kind: 'school',
      affiliation: 'education-bureau',
    }).expect(200);
    expect(
      fields(
        await as(app, staff, 'put', `/api/v1/internships/host-units/${school.organisationId}`, {
          kind: 'farm',
        }).expect(400),
      ),
    ).toEqual(['kind']);
    // An agency is not an enterprise: not a host unit.
    await as(app, staff, 'put', `/api/v1/internships/host-units/${agency.organisationId}`, {
      kind: 'enterprise',
    }).expect(404);

    const d = (
      await as(app, staff, 'put', `/api/v1/internships/host-units/${hospital.organisationId}/demonstration`, {
        designatedOn: '2023-09-15',
        reason: '见习岗位多、留用率高',
      }).expect(200)
    ).body;
    expect(d).toMatchObject({
      demonstration: true,
      designatedOn: '2023-09-15',
      designationReason: '见习岗位多、留用率高',
    });
    expect(
      fields(
        await as(app, staff, 'put', `/api/v1/internships/host-units/${school.organisationId}/demonstration`, {
          designatedOn: '2099-01-01',
          reason: 'x',
        }).expect(400),
      ),
    ).toEqual(['designatedOn']);
    expect(
      fields(
        await as(app, staff, 'put', `/api/v1/internships/host-units/${school.organisationId}/demonstration`, {
          designatedOn: '2023-02-30',
        }).expect(400),
      ).sort(),
    ).toEqual(['designatedOn', 'reason']);
    const audit = await ds.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY at`, [
      hospital.organisationId,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'internship.host-unit',
      'internship.demonstration',
    ]);
    const list = (await as(app, null, 'get', '/api/v1/internships/host-units').expect(200)).body;
    expect(list.items.map((u: { name: string }) => u.name)).toEqual(['稷山县人民医院', '稷山县稷山中学']);
  });

  it('internship posts are job posts of the 见习 kind with their details; the progress toward 80 counts the published ones', async () => {
    internshipPostId = await publishedPost(hospital, '临床护理见习生');
    const second = await publishedPost(hospital, '药房见习生');
    await publishedPost(school, '语文教学见习');
    // A regular post does not count and has no internship details.
    const regular = await as(app, hospital, 'post', '/api/v1/job-posts', {
      title: '护工',
      headcount: 2,
      townshipCode: 'jifeng',
      deadline: '2099-12-31',
    }).expect(201);

    const details = (
      await as(app, hospital, 'put', `/api/v1/internships/posts/${internshipPostId}/details`, {
        durationMonths: 6,
        stipendFen: 180000,
        places: 10,
        mentor: '王护士长',
      }).expect(200)
    ).body;
    expect(details).toEqual({
      jobPostId: internshipPostId,
      durationMonths: 6,
      stipendFen: 180000,
      places: 10,
      mentor: '王护士长',
    });
    expect(
      (await as(app, null, 'get', `/api/v1/internships/posts/${internshipPostId}/details`).expect(200)).body
        .places,
    ).toBe(10);
    const bad = async (body: object) =>
      fields(await as(app, hospital, 'put', `/api/v1/internships/posts/${second}/details`, body).expect(400));
    expect(await bad({ durationMonths: 2, stipendFen: 100, places: 1 })).toEqual(['durationMonths']);
    expect(await bad({ durationMonths: 13, stipendFen: 100, places: 1 })).toEqual(['durationMonths']);
    expect(await bad({ durationMonths: 6, stipendFen: -1, places: 1 })).toEqual(['stipendFen']);
    expect(await bad({ durationMonths: 6, stipendFen: 0, places: 0 })).toEqual(['places']);
    const notIntern = await as(app, hospital, 'put', `/api/v1/internships/posts/${regular.body.id}/details`, {
      durationMonths: 6,
      stipendFen: 0,
      places: 1,
    }).expect(409);
    expect(notIntern.body.error.code).toBe('not-internship');
    // Host units see only their posts.
    await as(app, school, 'put', `/api/v1/internships/posts/${internshipPostId}/details`, {
      durationMonths: 6,
      stipendFen: 0,
      places: 1,
    }).expect(404);
    expect((await ds.query(`SELECT count(*)::int AS n FROM internship_post_details`))[0].n).toBe(1);

    const p = (await as(app, null, 'get', '/api/v1/internships/progress').expect(200)).body;
    expect(p).toMatchObject({ target: 80, posts: 3, places: 10 + 4 + 4, demonstrationUnits: 1 });
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM job_posts WHERE is_internship AND status = 'published'`,
    );
    expect(p.posts).toBe(n);
    expect(p.byHostUnit[0]).toMatchObject({
      name: '稷山县人民医院',
      kind: 'hospital',
      demonstration: true,
      posts: 2,
      places: 14,
    });
    expect(p.bySector.find((s: { sector: string }) => s.sector === 'school')).toMatchObject({
      posts: 1,
      places: 4,
    });
    expect(p.byAffiliation).toEqual([
      { affiliation: 'county-medical-group', name: '县医疗集团', posts: 2, places: 14 },
      { affiliation: 'education-bureau', name: '县教育局', posts: 1, places: 4 },
    ]);
  });

  it('applying: the eligible groups are taken, anyone else is refused with each failed condition (422 not-eligible)', async () => {
    await as(app, graduate, 'post', `/api/v1/job-posts/${internshipPostId}/applications`, {}).expect(201);
    await as(app, youth, 'post', `/api/v1/job-posts/${internshipPostId}/applications`, {}).expect(201);
    const refused = await as(
      app,
      older,
      'post',
      `/api/v1/job-posts/${internshipPostId}/applications`,
      {},
    ).expect(422);
    expect(refused.body.error.code).toBe('not-eligible');
    expect(fields(refused)).toEqual([
      'university-graduate',
      'secondary-vocational-graduate',
      'unemployed-youth',
      'returned-overseas-graduate',
    ]);
    expect(refused.body.error.fields[2].message).toBe('年龄 45 岁，不在16–24岁之间');
    // No profile, no ID number: refused too, never a 500; nothing written.
    const none = await as(
      app,
      plainSeeker,
      'post',
      `/api/v1/job-posts/${internshipPostId}/applications`,
      {},
    ).expect(422);
    expect(none.body.error.code).toBe('not-eligible');
    expect(
      (
        await ds.query(`SELECT count(*)::int AS n FROM applications WHERE seeker_user_id = ANY($1::uuid[])`, [
          [older.userId, plainSeeker.userId],
        ])
      )[0].n,
    ).toBe(0);
  });

  it('interns: the host accepts an applicant, starts and ends the internship with its outcome; host units see only theirs', async () => {
    const apps = (
      await as(app, hospital, 'get', `/api/v1/job-posts/${internshipPostId}/applications`).expect(200)
    ).body.items;
    const ofGraduate = apps.find((a: { seekerUserId: string }) => a.seekerUserId === graduate.userId);
    await as(app, school, 'post', '/api/v1/internships/interns', { applicationId: ofGraduate.id }).expect(
      404,
    );
    expect(
      fields(
        await as(app, hospital, 'post', '/api/v1/internships/interns', { applicationId: 'x' }).expect(400),
      ),
    ).toEqual(['applicationId']);
    const intern = (
      await as(app, hospital, 'post', '/api/v1/internships/interns', { applicationId: ofGraduate.id }).expect(
        201,
      )
    ).body;
    expect(intern).toMatchObject({
      status: 'accepted',
      statusName: '已录取',
      hostName: '稷山县人民医院',
      jobPostTitle: '临床护理见习生',
    });
    const again = await as(app, hospital, 'post', '/api/v1/internships/interns', {
      applicationId: ofGraduate.id,
    }).expect(409);
    expect(again.body.error.code).toBe('intern-exists');
    // The places are counted under the post's lock: with one place, the second applicant waits.
    await as(app, hospital, 'put', `/api/v1/internships/posts/${internshipPostId}/details`, {
      durationMonths: 6,
      stipendFen: 180000,
      places: 1,
    }).expect(200);
    const ofYouth = apps.find((a: { seekerUserId: string }) => a.seekerUserId === youth.userId);
    const full = await as(app, hospital, 'post', '/api/v1/internships/interns', {
      applicationId: ofYouth.id,
    }).expect(409);
    expect(full.body.error.code).toBe('internship-full');
    await as(app, hospital, 'post', `/api/v1/internships/interns/${intern.id}/end`, {
      endDate: '2024-04-07',
      outcome: 'kept-on',
    }).expect(409);
    await as(app, hospital, 'post', `/api/v1/internships/interns/${intern.id}/start`, {
      startDate: '2023-10-08',
    }).expect(200);
    expect(
      fields(
        await as(app, hospital, 'post', `/api/v1/internships/interns/${intern.id}/end`, {
          endDate: '2023-10-01',
          outcome: 'kept-on',
        }).expect(400),
      ),
    ).toEqual(['endDate']);
    expect(
      fields(
        await as(app, hospital, 'post', `/api/v1/internships/interns/${intern.id}/end`, {
          endDate: '2024-04-07',
          outcome: 'promoted',
        }).expect(400),
      ),
    ).toEqual(['outcome']);
    await as(app, school, 'post', `/api/v1/internships/interns/${intern.id}/start`, {
      startDate: '2023-10-08',
    }).expect(404);
    const ended = (
      await as(app, hospital, 'post', `/api/v1/internships/interns/${intern.id}/end`, {
        endDate: '2024-04-07',
        outcome: 'kept-on',
        note: '见习期满留用',
      }).expect(200)
    ).body;
    expect(ended).toMatchObject({
      status: 'ended',
      startDate: '2023-10-08',
      endDate: '2024-04-07',
      outcome: 'kept-on',
      outcomeName: '留用',
    });

    const mine = (await as(app, graduate, 'get', '/api/v1/internships/interns').expect(200)).body;
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([intern.id]);
    expect((await as(app, hospital, 'get', '/api/v1/internships/interns').expect(200)).body.total).toBe(1);
    expect((await as(app, school, 'get', '/api/v1/internships/interns').expect(200)).body.total).toBe(0);
    expect((await as(app, youth, 'get', '/api/v1/internships/interns').expect(200)).body.total).toBe(0);
    expect((await as(app, staff, 'get', '/api/v1/internships/interns').expect(200)).body.total).toBe(1);
  });

  it('access: every internship route for every role', async () => {
    const who: Record<string, Actor | null> = {
      anonymous: null,
      seeker: youth,
      employer: school,
      agency,
      staff,
      admin,
    };
    const expectAll = async (
      label: string,
      expected: Record<string, number>,
      make: (a: Actor | null) => Promise<number>,
    ) => {
      const got: Record<string, number> = {};
      for (const [k, a] of Object.entries(who)) got[k] = await make(a);
      expect({ label, got }).toEqual({ label, got: expected });
    };
    const open = { anonymous: 200, seeker: 200, employer: 200, agency: 200, staff: 200, admin: 200 };
    await expectAll(
      'progress',
      open,
      async (a) => (await as(app, a, 'get', '/api/v1/internships/progress')).status,
    );
    await expectAll(
      'host units',
      open,
      async (a) => (await as(app, a, 'get', '/api/v1/internships/host-units')).status,
    );
    await expectAll(
      'designate',
      { anonymous: 401, seeker: 403, employer: 403, agency: 403, staff: 200, admin: 200 },
      async (a) =>
        (
          await as(app, a, 'put', `/api/v1/internships/host-units/${school.organisationId}`, {
            kind: 'school',
            affiliation: 'education-bureau',
          })
        ).status,
    );
    await expectAll(
      'demonstration',
      { anonymous: 401, seeker: 403, employer: 403, agency: 403, staff: 200, admin: 200 },
      async (a) =>
        (
          await as(app, a, 'put', `/api/v1/internships/host-units/${school.organisationId}/demonstration`, {
            designatedOn: '2023-10-01',
            reason: '带教规范',
          })
        ).status,
    );
    await expectAll(
      'withdraw demonstration',
      { anonymous: 401, seeker: 403, employer: 403, agency: 403, staff: 200, admin: 200 },
      async (a) => {
        let req = request(app.getHttpServer()).delete(
          `/api/v1/internships/host-units/${school.organisationId}/demonstration`,
        );
        if (a) req = req.set('authorization', `Bearer ${a.token}`);
        return (await req).status;
      },
    );
    // The hospital's post: the school (another host) gets a 404, staff may.
    await expectAll(
      'details of another host’s post',
      { anonymous: 401, seeker: 403, employer: 404, agency: 403, staff: 200, admin: 200 },
      async (a) =>
        (
          await as(app, a, 'put', `/api/v1/internships/posts/${internshipPostId}/details`, {
            durationMonths: 6,
            stipendFen: 180000,
            places: 10,
          })
        ).status,
    );
    await expectAll(
      'interns list',
      { anonymous: 401, seeker: 200, employer: 200, agency: 403, staff: 200, admin: 200 },
      async (a) => (await as(app, a, 'get', '/api/v1/internships/interns')).status,
    );
    await expectAll(
      'accept',
      { anonymous: 401, seeker: 403, employer: 404, agency: 403, staff: 404, admin: 404 },
      async (a) =>
        (
          await as(app, a, 'post', '/api/v1/internships/interns', {
            applicationId: '00000000-0000-4000-8000-000000000000',
          })
        ).status,
    );
  });
});
