import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { SeekerProfiles } from '@app/seekers';
import {
  CREDIT_CODES,
  ID_NUMBERS,
  PASSWORD,
  Session,
  createPrivileged,
  login,
  registerAgency,
  registerEmployer,
  registerSeeker,
} from '../identity/identity-helpers';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { call, fieldsOf, profileBody } from './seekers-fixtures';

jest.setTimeout(120_000);

type Who =
  | 'anonymous'
  | 'seekerA'
  | 'seekerB'
  | 'employer'
  | 'agency'
  | 'townshipStaff'
  | 'otherTownshipStaff'
  | 'countyStaff'
  | 'admin';
const EVERYONE: Who[] = [
  'anonymous',
  'seekerA',
  'seekerB',
  'employer',
  'agency',
  'townshipStaff',
  'otherTownshipStaff',
  'countyStaff',
  'admin',
];

/**
 * Seeker profiles through HTTP: validation that names fields and writes nothing on failure, the
 * outbox row of each change, staff registration, and the access matrix of every route for every
 * role. Seeker A and the township staff are of 稷峰镇 (jifeng); seeker B and the other township
 * staff of 西社镇 (xishe).
 */
describe('seekers: profiles, validation and access matrix', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  const s = {} as Record<Exclude<Who, 'anonymous'>, Session>;
  let seq = 0;

  beforeAll(async () => {
    env = await setupSuiteEnv('seekers_profile', { LOGIN_THROTTLE_LIMIT: '1000' });
    app = await startApi();
    ds = app.get(DataSource);
    s.seekerA = await registerSeeker(app, 'seeker.a', { idNumber: ID_NUMBERS[0], townshipCode: 'jifeng' });
    s.seekerB = await registerSeeker(app, 'seeker.b', { idNumber: ID_NUMBERS[1], townshipCode: 'xishe' });
    s.employer = await registerEmployer(app, 'employer.a', CREDIT_CODES[0]);
    s.agency = await registerAgency(app, 'agency.a', CREDIT_CODES[1]);
    s.townshipStaff = await createPrivileged(app, Role.Staff, 'staff.jifeng', 'jifeng');
    s.otherTownshipStaff = await createPrivileged(app, Role.Staff, 'staff.xishe', 'xishe');
    s.countyStaff = await createPrivileged(app, Role.Staff, 'staff.county');
    s.admin = await createPrivileged(app, Role.Admin, 'admin.a');
    await call(app, s.seekerA, 'put', '/api/v1/seekers/me', profileBody('jifeng')).expect(200);
    await call(
      app,
      s.seekerB,
      'put',
      '/api/v1/seekers/me',
      profileBody('xishe', { groups: ['difficult'] }),
    ).expect(200);
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  const as = (who: Who) => (who === 'anonymous' ? null : s[who]);
  const outboxCount = async (seekerId: string): Promise<number> => {
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'search.seeker-changed' AND payload->>'seekerId' = $1`,
      [seekerId],
    );
    return n as number;
  };
  const profileCount = async (): Promise<number> => {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM seeker_profiles`);
    return n as number;
  };

  async function expectMatrix(
    label: string,
    expected: Record<Who, number>,
    make: (who: Who) => Promise<request.Response>,
  ): Promise<void> {
    const got = {} as Record<Who, number>;
    for (const who of EVERYONE) got[who] = (await make(who)).status;
    expect({ label, got }).toEqual({ label, got: expected });
  }

  describe('profile create and update', () => {
    it('creates on first PUT, writes an outbox row in the same transaction, and reads back', async () => {
      const c = await registerSeeker(app, 'seeker.c', { townshipCode: 'huayu' });
      await call(app, c, 'get', '/api/v1/seekers/me').expect(404);
      const res = await call(
        app,
        c,
        'put',
        '/api/v1/seekers/me',
        profileBody('huayu', {
          groups: ['graduate'],
          registeredUnemployedSince: null,
          graduation: { date: '2025-07-01', level: 'university', province: '山西', fullTime: true },
          availability: 'later',
          availableFrom: '2030-09-01',
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: c.id,
        townshipCode: 'huayu',
        desiredOccupations: ['焊工', '电工'],
        certificates: [{ name: '焊工证', level: 'intermediate', date: '2020-05-01' }],
        education: 'secondary-vocational',
        wageExpectationFen: 500000,
        availability: 'later',
        availableFrom: '2030-09-01',
        graduation: { date: '2025-07-01', level: 'university', province: '山西', fullTime: true },
        registeredUnemployedSince: null,
        unemploymentInsuranceMonths: 14,
        groups: ['graduate'],
        searchableByEmployers: false,
        assistedBy: null,
      });
      expect(res.body.person).toEqual({
        login: 'seeker.c',
        displayName: '求职者 seeker.c',
        mobile: '139****5678',
        idNumber: null,
      });
      expect(await outboxCount(c.id)).toBe(1);
      const me = await call(app, c, 'get', '/api/v1/seekers/me').expect(200);
      expect(me.body).toEqual(res.body);
    });

    it('replaces the whole profile on a second PUT and keeps the consent', async () => {
      const d = await registerSeeker(app, 'seeker.d');
      await call(app, d, 'put', '/api/v1/seekers/me', profileBody('qinghe')).expect(200);
      await call(app, d, 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: true }).expect(200);
      const res = await call(app, d, 'put', '/api/v1/seekers/me', {
        townshipCode: 'caicun',
        availability: 'immediately',
        skills: ['家政'],
      }).expect(200);
      expect(res.body).toMatchObject({
        townshipCode: 'caicun',
        desiredOccupations: [],
        skills: ['家政'],
        certificates: [],
        education: null,
        wageExpectationFen: null,
        registeredUnemployedSince: null,
        groups: [],
        searchableByEmployers: true,
      });
      expect(await outboxCount(d.id)).toBe(3);
    });

    it('answers 400 naming every bad field and writes nothing', async () => {
      const e = await registerSeeker(app, 'seeker.e');
      const before = await profileCount();
      const res = await call(app, e, 'put', '/api/v1/seekers/me', {
        desiredOccupations: 'welder',
        skills: ['', 'x'],
        certificates: [{ name: '电工证', level: 'expert', date: '2021-02-30' }],
        education: 'phd',
        townshipCode: 'Nowhere!',
        wageExpectationFen: -5,
        availability: 'soon',
        graduation: { date: '2025-07-01', level: 'university', province: '山西' },
        registeredUnemployedSince: '2025/03/01',
        unemploymentInsuranceMonths: 1.5,
        groups: ['vip'],
        searchableByEmployers: true,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation-failed');
      const fields = fieldsOf(res);
      for (const f of [
        'desiredOccupations',
        'skills',
        'certificates[0].level',
        'certificates[0].date',
        'education',
        'townshipCode',
        'wageExpectationFen',
        'availability',
        'graduation.fullTime',
        'registeredUnemployedSince',
        'unemploymentInsuranceMonths',
        'groups',
        'searchableByEmployers',
      ]) {
        expect({ f, present: fields.includes(f) }).toEqual({ f, present: true });
      }
      expect(await profileCount()).toBe(before);
      expect(await outboxCount(e.id)).toBe(0);
      await call(app, e, 'get', '/api/v1/seekers/me').expect(404);
    });

    it('checks the rules across fields and the township, all at once, before writing', async () => {
      const f = await registerSeeker(app, 'seeker.f');
      const res = await call(app, f, 'put', '/api/v1/seekers/me', {
        townshipCode: 'nowhere',
        availability: 'later',
        groups: ['graduate', 'registered-unemployed'],
        certificates: [{ name: '电工证', date: '2099-01-01' }],
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual([
        'townshipCode',
        'availableFrom',
        'registeredUnemployedSince',
        'graduation',
        'certificates[0].date',
      ]);
      await call(app, f, 'get', '/api/v1/seekers/me').expect(404);
      expect(await outboxCount(f.id)).toBe(0);
    });

    it('a failed PUT leaves an existing profile as it was', async () => {
      const before = await call(app, s.seekerA, 'get', '/api/v1/seekers/me').expect(200);
      const outbox = await outboxCount(s.seekerA.id);
      const res = await call(
        app,
        s.seekerA,
        'put',
        '/api/v1/seekers/me',
        profileBody('jifeng', {
          skills: ['木工'],
          availability: 'immediately',
          availableFrom: '2030-01-01',
        }),
      );
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['availableFrom']);
      const after = await call(app, s.seekerA, 'get', '/api/v1/seekers/me').expect(200);
      expect(after.body).toEqual(before.body);
      expect(await outboxCount(s.seekerA.id)).toBe(outbox);
    });

    it('consent needs a profile and a boolean', async () => {
      const g = await registerSeeker(app, 'seeker.g');
      await call(app, g, 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: true }).expect(404);
      const bad = await call(app, s.seekerA, 'patch', '/api/v1/seekers/me/consent', {
        searchableByEmployers: 'yes',
      });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(['searchableByEmployers']);
    });
  });

  describe('staff registration', () => {
    const registration = (loginName: string, extra: Record<string, unknown> = {}) => ({
      login: loginName,
      password: PASSWORD,
      displayName: '王翠花',
      mobile: '13712345678',
      ...profileBody('jifeng', {
        groups: ['difficult', 'zero-employment-family'],
        registeredUnemployedSince: null,
      }),
      ...extra,
    });

    it('creates the login and the profile together; the seeker can sign in and see it', async () => {
      const res = await call(
        app,
        s.townshipStaff,
        'post',
        '/api/v1/seekers',
        registration('wang.cuihua', { idNumber: ID_NUMBERS[2] }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        townshipCode: 'jifeng',
        groups: ['difficult', 'zero-employment-family'],
        assistedBy: s.townshipStaff.id,
        searchableByEmployers: false,
        person: {
          login: 'wang.cuihua',
          displayName: '王翠花',
          mobile: '137****5678',
          idNumber: '140824**********34',
        },
      });
      const seeker = await login(app, 'wang.cuihua');
      expect(seeker.role).toBe(Role.Seeker);
      const me = await call(app, seeker, 'get', '/api/v1/seekers/me').expect(200);
      expect(me.body.id).toBe(res.body.id);
      expect(await outboxCount(res.body.id)).toBe(1);
      const audit = await ds.query(`SELECT action, actor_id FROM audit_log WHERE target_id = $1`, [
        res.body.id,
      ]);
      expect(audit).toEqual([{ action: 'seeker.register', actor_id: s.townshipStaff.id }]);
    });

    it('a taken login or ID number is a 409 and nothing is written', async () => {
      const before = await profileCount();
      const dupLogin = await call(app, s.countyStaff, 'post', '/api/v1/seekers', registration('seeker.a'));
      expect(dupLogin.status).toBe(409);
      expect(fieldsOf(dupLogin)).toEqual(['login']);
      const dupId = await call(
        app,
        s.countyStaff,
        'post',
        '/api/v1/seekers',
        registration('new.person', { idNumber: ID_NUMBERS[0] }),
      );
      expect(dupId.status).toBe(409);
      expect(fieldsOf(dupId)).toEqual(['idNumber']);
      expect(await profileCount()).toBe(before);
      const users = await ds.query(`SELECT 1 FROM users WHERE login = 'new.person'`);
      expect(users).toEqual([]);
    });

    it('a bad profile field is a 400 and no login is created', async () => {
      const res = await call(
        app,
        s.countyStaff,
        'post',
        '/api/v1/seekers',
        registration('half.written', { groups: ['graduate'], idNumber: '140824199001010014' }),
      );
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['idNumber']);
      const cross = await call(
        app,
        s.countyStaff,
        'post',
        '/api/v1/seekers',
        registration('half.written', { groups: ['graduate'] }),
      );
      expect(cross.status).toBe(400);
      expect(fieldsOf(cross)).toEqual(['graduation']);
      expect(await ds.query(`SELECT 1 FROM users WHERE login = 'half.written'`)).toEqual([]);
    });

    it('township staff register in their own township only', async () => {
      const res = await call(
        app,
        s.otherTownshipStaff,
        'post',
        '/api/v1/seekers',
        registration('out.of.scope'),
      );
      expect(res.status).toBe(403);
      expect(fieldsOf(res)).toEqual(['townshipCode']);
      expect(await ds.query(`SELECT 1 FROM users WHERE login = 'out.of.scope'`)).toEqual([]);
    });
  });

  describe('staff list', () => {
    it('is township-scoped, filters by group and township, pages, and masks ID and mobile', async () => {
      const township = await call(app, s.townshipStaff, 'get', '/api/v1/seekers?limit=100').expect(200);
      expect(township.body.items.length).toBeGreaterThan(0);
      expect(township.body.items.every((i: { townshipCode: string }) => i.townshipCode === 'jifeng')).toBe(
        true,
      );
      expect(township.body.total).toBe(township.body.items.length);

      const foreign = await call(app, s.townshipStaff, 'get', '/api/v1/seekers?townshipCode=xishe').expect(
        200,
      );
      expect(foreign.body).toMatchObject({ items: [], total: 0 });

      const county = await call(app, s.countyStaff, 'get', '/api/v1/seekers?limit=100').expect(200);
      const townships = new Set(county.body.items.map((i: { townshipCode: string }) => i.townshipCode));
      expect(townships.has('jifeng') && townships.has('xishe')).toBe(true);

      const difficult = await call(app, s.countyStaff, 'get', '/api/v1/seekers?group=difficult').expect(200);
      expect(difficult.body.total).toBeGreaterThanOrEqual(2);
      expect(difficult.body.items.every((i: { groups: string[] }) => i.groups.includes('difficult'))).toBe(
        true,
      );

      const page = await call(app, s.countyStaff, 'get', '/api/v1/seekers?limit=1&offset=1').expect(200);
      expect(page.body).toMatchObject({ limit: 1, offset: 1, total: county.body.total });
      expect(page.body.items).toHaveLength(1);
      expect(page.body.items[0].id).toBe(county.body.items[1].id);

      const a = county.body.items.find((i: { id: string }) => i.id === s.seekerA.id);
      expect(a.person).toEqual({
        login: 'seeker.a',
        displayName: '求职者 seeker.a',
        mobile: '139****5678',
        idNumber: '140824**********13',
      });
      const text = JSON.stringify(county.body);
      for (const id of ID_NUMBERS) expect(text).not.toContain(id);
      expect(text).not.toContain('13912345678');

      const bad = await call(app, s.countyStaff, 'get', '/api/v1/seekers?group=vip&limit=0');
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad).sort()).toEqual(['group', 'limit']);
    });

    it('finds a person by a part of the name, the login or the whole ID number — in the reader’s scope only', async () => {
      const ids = async (who: Session, q: string, extra = ''): Promise<string[]> => {
        const res = await call(
          app,
          who,
          'get',
          `/api/v1/seekers?q=${encodeURIComponent(q)}&limit=100${extra}`,
        ).expect(200);
        expect(res.body.total).toBe(res.body.items.length);
        return res.body.items.map((i: { id: string }) => i.id).sort();
      };
      // A part of the name (求职者 seeker.a / 求职者 seeker.b), any case.
      expect(await ids(s.countyStaff, '求职者 SEEKER')).toEqual(
        expect.arrayContaining([s.seekerA.id, s.seekerB.id]),
      );
      expect(await ids(s.countyStaff, 'seeker.b')).toEqual([s.seekerB.id]);
      // The whole ID number, by its blind index; a lower-case x is the same number. A part of a
      // number finds nobody: the list is no way to enumerate ID numbers.
      expect(await ids(s.countyStaff, ID_NUMBERS[1])).toEqual([s.seekerB.id]);
      expect(await ids(s.countyStaff, ID_NUMBERS[1].toLowerCase())).toEqual([s.seekerB.id]);
      expect(await ids(s.countyStaff, ID_NUMBERS[1].slice(0, 10))).toEqual([]);
      // Township staff of 稷峰镇 do not find a seeker of 西社镇, by any of it.
      expect(await ids(s.townshipStaff, ID_NUMBERS[1])).toEqual([]);
      expect(await ids(s.townshipStaff, 'seeker.b')).toEqual([]);
      expect(await ids(s.townshipStaff, 'seeker.a')).toEqual([s.seekerA.id]);
      // With the other filters; LIKE's wildcards are plain characters.
      expect(await ids(s.countyStaff, '求职者', '&group=difficult')).toContain(s.seekerB.id);
      expect(await ids(s.countyStaff, '求职者', '&group=difficult')).not.toContain(s.seekerA.id);
      expect(await ids(s.countyStaff, '%')).toEqual([]);
      expect(await ids(s.countyStaff, '_')).toEqual([]);

      const long = await call(app, s.countyStaff, 'get', `/api/v1/seekers?q=${'张'.repeat(51)}`);
      expect(long.status).toBe(400);
      expect(fieldsOf(long)).toEqual(['q']);
    });
  });

  describe('access matrix', () => {
    const ME_WRITE: Record<Who, number> = {
      anonymous: 401,
      seekerA: 200,
      seekerB: 200,
      employer: 403,
      agency: 403,
      townshipStaff: 403,
      otherTownshipStaff: 403,
      countyStaff: 403,
      admin: 403,
    };

    it('GET /seekers/me', async () => {
      await expectMatrix('GET me', ME_WRITE, (who) => call(app, as(who), 'get', '/api/v1/seekers/me'));
    });

    it('PUT /seekers/me', async () => {
      await expectMatrix('PUT me', ME_WRITE, (who) =>
        call(app, as(who), 'put', '/api/v1/seekers/me', profileBody(who === 'seekerB' ? 'xishe' : 'jifeng')),
      );
    });

    it('PATCH /seekers/me/consent', async () => {
      await expectMatrix('PATCH consent', ME_WRITE, (who) =>
        call(app, as(who), 'patch', '/api/v1/seekers/me/consent', { searchableByEmployers: false }),
      );
    });

    it('POST /seekers', async () => {
      await expectMatrix(
        'POST seekers',
        {
          anonymous: 401,
          seekerA: 403,
          seekerB: 403,
          employer: 403,
          agency: 403,
          townshipStaff: 201,
          otherTownshipStaff: 403,
          countyStaff: 201,
          admin: 403,
        },
        (who) => {
          seq += 1;
          return call(app, as(who), 'post', '/api/v1/seekers', {
            login: `matrix.${seq}`,
            password: PASSWORD,
            displayName: '矩阵',
            mobile: '13912340000',
            ...profileBody('jifeng'),
          });
        },
      );
    });

    it('GET /seekers', async () => {
      await expectMatrix(
        'GET seekers',
        {
          anonymous: 401,
          seekerA: 403,
          seekerB: 403,
          employer: 403,
          agency: 403,
          townshipStaff: 200,
          otherTownshipStaff: 200,
          countyStaff: 200,
          admin: 200,
        },
        (who) => call(app, as(who), 'get', '/api/v1/seekers'),
      );
    });

    const OF_A: Record<Who, number> = {
      anonymous: 401,
      seekerA: 200,
      seekerB: 404,
      employer: 403,
      agency: 403,
      townshipStaff: 200,
      otherTownshipStaff: 404,
      countyStaff: 200,
      admin: 200,
    };

    it('GET /seekers/:id', async () => {
      await expectMatrix('GET seeker A', OF_A, (who) =>
        call(app, as(who), 'get', `/api/v1/seekers/${s.seekerA.id}`),
      );
      // A seeker of B's township reading B's profile; staff asking for ids that are no profile.
      await call(app, s.seekerB, 'get', `/api/v1/seekers/${s.seekerB.id}`).expect(200);
      await call(app, s.countyStaff, 'get', `/api/v1/seekers/${s.employer.id}`).expect(404);
      await call(app, s.countyStaff, 'get', '/api/v1/seekers/00000000-0000-4000-8000-000000000000').expect(
        404,
      );
      const bad = await call(app, s.countyStaff, 'get', '/api/v1/seekers/not-a-uuid');
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(['id']);
    });

    it('POST /seekers/:id/assistance-notes', async () => {
      await expectMatrix(
        'POST note on A',
        {
          anonymous: 401,
          seekerA: 403,
          seekerB: 403,
          employer: 403,
          agency: 403,
          townshipStaff: 201,
          otherTownshipStaff: 404,
          countyStaff: 201,
          admin: 403,
        },
        (who) =>
          call(app, as(who), 'post', `/api/v1/seekers/${s.seekerA.id}/assistance-notes`, {
            note: `by ${who}`,
          }),
      );
      const empty = await call(
        app,
        s.countyStaff,
        'post',
        `/api/v1/seekers/${s.seekerA.id}/assistance-notes`,
        {
          note: '',
        },
      );
      expect(empty.status).toBe(400);
      expect(fieldsOf(empty)).toEqual(['note']);
    });

    it('GET /seekers/:id/assistance-notes', async () => {
      await expectMatrix(
        'GET notes of A',
        {
          anonymous: 401,
          seekerA: 403,
          seekerB: 403,
          employer: 403,
          agency: 403,
          townshipStaff: 200,
          otherTownshipStaff: 404,
          countyStaff: 200,
          admin: 200,
        },
        (who) => call(app, as(who), 'get', `/api/v1/seekers/${s.seekerA.id}/assistance-notes`),
      );
    });
  });

  describe("households (户号) and the plan targets' reads", () => {
    const ZEF = 'zero-employment-family';

    it('a seeker saves and reads back householdCode; a PUT without it clears it', async () => {
      const h = await registerSeeker(app, 'house.a');
      const res = await call(
        app,
        h,
        'put',
        '/api/v1/seekers/me',
        profileBody('jifeng', { householdCode: '  1408240101000123 ' }),
      ).expect(200);
      expect(res.body.householdCode).toBe('1408240101000123');
      const me = await call(app, h, 'get', '/api/v1/seekers/me').expect(200);
      expect(me.body.householdCode).toBe('1408240101000123');
      const staffView = await call(app, s.countyStaff, 'get', `/api/v1/seekers/${h.id}`).expect(200);
      expect(staffView.body.householdCode).toBe('1408240101000123');
      const cleared = await call(app, h, 'put', '/api/v1/seekers/me', profileBody('jifeng')).expect(200);
      expect(cleared.body.householdCode).toBeNull();
      const nulled = await call(
        app,
        h,
        'put',
        '/api/v1/seekers/me',
        profileBody('jifeng', { householdCode: null }),
      ).expect(200);
      expect(nulled.body.householdCode).toBeNull();
    });

    it('an over-long or non-text householdCode is a 400 naming it, and nothing is written', async () => {
      const h = await registerSeeker(app, 'house.b');
      const long = await call(
        app,
        h,
        'put',
        '/api/v1/seekers/me',
        profileBody('jifeng', { householdCode: 'x'.repeat(41) }),
      );
      expect(long.status).toBe(400);
      expect(fieldsOf(long)).toEqual(['householdCode']);
      const blank = await call(
        app,
        h,
        'put',
        '/api/v1/seekers/me',
        profileBody('jifeng', { householdCode: '   ' }),
      );
      expect(blank.status).toBe(400);
      expect(fieldsOf(blank)).toEqual(['householdCode']);
      const number = await call(
        app,
        h,
        'put',
        '/api/v1/seekers/me',
        profileBody('jifeng', { householdCode: 12 }),
      );
      expect(number.status).toBe(400);
      expect(fieldsOf(number)).toEqual(['householdCode']);
      await call(app, h, 'get', '/api/v1/seekers/me').expect(404);
      const staff = await call(app, s.countyStaff, 'post', '/api/v1/seekers', {
        login: 'house.too.long',
        password: PASSWORD,
        displayName: '赵大山',
        mobile: '13712345670',
        ...profileBody('jifeng', { householdCode: 'y'.repeat(41) }),
      });
      expect(staff.status).toBe(400);
      expect(fieldsOf(staff)).toEqual(['householdCode']);
      expect(await ds.query(`SELECT 1 FROM users WHERE login = 'house.too.long'`)).toEqual([]);
    });

    it('zeroEmploymentHouseholdMembers: every member of a flagged household, a flagged person without a code alone', async () => {
      // 户 zef-hh-1: one member registered by staff with the flag, one family member without it.
      const flagged = await call(app, s.townshipStaff, 'post', '/api/v1/seekers', {
        login: 'house.flagged',
        password: PASSWORD,
        displayName: '李秀英',
        mobile: '13712345671',
        ...profileBody('jifeng', {
          groups: [ZEF],
          registeredUnemployedSince: null,
          householdCode: 'zef-hh-1',
        }),
      }).expect(201);
      expect(flagged.body).toMatchObject({ householdCode: 'zef-hh-1', assistedBy: s.townshipStaff.id });
      const family = await registerSeeker(app, 'house.family', { townshipCode: 'xishe' });
      await call(
        app,
        family,
        'put',
        '/api/v1/seekers/me',
        profileBody('xishe', { groups: [], registeredUnemployedSince: null, householdCode: 'zef-hh-1' }),
      ).expect(200);
      // A flagged person without a code is a household of their own.
      const alone = await registerSeeker(app, 'house.alone');
      await call(
        app,
        alone,
        'put',
        '/api/v1/seekers/me',
        profileBody('jifeng', { groups: [ZEF], registeredUnemployedSince: null }),
      ).expect(200);
      // A coded household nobody in which is flagged.
      const unrelated = await registerSeeker(app, 'house.unrelated');
      await call(
        app,
        unrelated,
        'put',
        '/api/v1/seekers/me',
        profileBody('jifeng', { householdCode: 'zef-hh-2' }),
      ).expect(200);

      const all = await app.get(SeekerProfiles).zeroEmploymentHouseholdMembers();
      const ids = new Set([flagged.body.id as string, family.id, alone.id, unrelated.id]);
      const mine = all.filter((m) => ids.has(m.userId));
      const household = [flagged.body.id as string, family.id].sort();
      expect(mine).toEqual([
        {
          userId: alone.id,
          householdKey: `person:${alone.id}`,
          householdCode: null,
          townshipCode: 'jifeng',
          assistedBy: null,
        },
        ...household.map((userId) => ({
          userId,
          householdKey: 'zef-hh-1',
          householdCode: 'zef-hh-1',
          townshipCode: userId === family.id ? 'xishe' : 'jifeng',
          assistedBy: userId === family.id ? null : s.townshipStaff.id,
        })),
      ]);
      expect(all.some((m) => m.userId === unrelated.id || m.userId === s.seekerA.id)).toBe(false);
      // Everyone else returned is flagged themselves or shares a code with a flagged member.
      const flags: { user_id: string; household_code: string | null; flagged: boolean }[] = await ds.query(
        `SELECT user_id, household_code, $1 = ANY (groups) AS flagged FROM seeker_profiles`,
        [ZEF],
      );
      const flaggedCodes = new Set(
        flags.filter((f) => f.flagged && f.household_code).map((f) => f.household_code),
      );
      const expected = flags
        .filter((f) => f.flagged || (f.household_code !== null && flaggedCodes.has(f.household_code)))
        .map((f) => f.user_id)
        .sort();
      expect(all.map((m) => m.userId).sort()).toEqual(expected);
    });

    it('difficultPersons: each 就业困难人员 with the helper and the latest assistance note', async () => {
      const d = await registerSeeker(app, 'house.difficult');
      await call(
        app,
        d,
        'put',
        '/api/v1/seekers/me',
        profileBody('jifeng', { groups: ['difficult'], registeredUnemployedSince: null }),
      ).expect(200);
      // Another, of 西社镇, nobody has helped yet.
      const unhelped = await registerSeeker(app, 'house.unhelped', { townshipCode: 'xishe' });
      await call(
        app,
        unhelped,
        'put',
        '/api/v1/seekers/me',
        profileBody('xishe', { groups: ['difficult'], registeredUnemployedSince: null }),
      ).expect(200);
      const before = (await app.get(SeekerProfiles).difficultPersons()).find((p) => p.userId === d.id);
      expect(before).toMatchObject({
        userId: d.id,
        townshipCode: 'jifeng',
        assistedBy: null,
        lastNoteAt: null,
      });
      for (const note of ['电话联系，了解求职意向', '推荐至晋南机械电焊岗位'])
        await call(app, s.townshipStaff, 'post', `/api/v1/seekers/${d.id}/assistance-notes`, { note }).expect(
          201,
        );
      const [{ last, created }]: { last: Date; created: Date }[] = await ds.query(
        `SELECT (SELECT max(created_at) FROM seeker_assistance_notes WHERE seeker_id = $1) AS last,
                (SELECT created_at FROM seeker_profiles WHERE user_id = $1) AS created`,
        [d.id],
      );

      const all = await app.get(SeekerProfiles).difficultPersons();
      expect(all.find((p) => p.userId === d.id)).toEqual({
        userId: d.id,
        townshipCode: 'jifeng',
        assistedBy: s.townshipStaff.id,
        lastNoteAt: last,
        registeredAt: created,
      });
      expect(all.find((p) => p.userId === unhelped.id)).toMatchObject({
        townshipCode: 'xishe',
        assistedBy: null,
        lastNoteAt: null,
      });
      expect(all.some((p) => p.userId === s.seekerA.id)).toBe(false);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM seeker_profiles WHERE 'difficult' = ANY (groups)`,
      );
      expect(all).toHaveLength(n);
      const sorted = [...all].sort((x, y) =>
        x.townshipCode === y.townshipCode
          ? x.userId.localeCompare(y.userId)
          : x.townshipCode.localeCompare(y.townshipCode),
      );
      expect(all.map((p) => p.userId)).toEqual(sorted.map((p) => p.userId));
    });
  });
});
