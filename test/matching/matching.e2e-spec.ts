import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Role } from '@app/platform';
import { ID_NUMBERS, registerSeeker } from '../identity/identity-helpers';
import { Actor, createPrivileged } from '../jobs/jobs-fixtures';
import { employerWithProfile, publishPost } from '../search/search-fixtures';
import { profileBody } from '../seekers/seekers-fixtures';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';

jest.setTimeout(180_000);

interface PostMatch {
  post: { id: string; title: string; township: string | null };
  score: number;
  reasons: string[];
  parts: Record<string, number>;
}
interface CandidateMatch {
  seeker: { id: string } & Record<string, unknown>;
  score: number;
  reasons: string[];
}

/**
 * Matching through HTTP against the real Postgres, Redis, worker and Meilisearch: posts for a
 * seeker, candidates for a post (consenting seekers only, no personal data, the employer's likely
 * subsidy among the reasons), and who may ask.
 */
describe('matching: seeker → posts and post → candidates', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let admin: Actor;
  let countyStaff: Actor;
  let jifengStaff: Actor;
  let xisheStaff: Actor;
  let employerA: Actor;
  let employerB: Actor;
  const tokens: Record<string, string> = {};
  let weldPostJifeng: string;
  let weldPostXishe: string;
  let cleaningPost: string;
  let postOfB: string;
  const seekers: Record<string, string> = {};

  const get = (token: string | null, url: string) => {
    const req = request(app.getHttpServer()).get(url);
    return token ? req.set('authorization', `Bearer ${token}`) : req;
  };
  const put = (token: string, url: string, body: object) =>
    request(app.getHttpServer()).put(url).set('authorization', `Bearer ${token}`).send(body);
  const patch = (token: string, url: string, body: object) =>
    request(app.getHttpServer()).patch(url).set('authorization', `Bearer ${token}`).send(body);

  async function seekerWithProfile(
    login: string,
    profile: Record<string, unknown>,
    consent: boolean,
    idNumber?: string,
  ): Promise<void> {
    const s = await registerSeeker(app, login, {
      townshipCode: String(profile.townshipCode),
      mobile: '13812345678',
      ...(idNumber ? { idNumber } : {}),
    });
    tokens[login] = s.accessToken;
    seekers[login] = s.id;
    await put(s.accessToken, '/api/v1/seekers/me', profile).expect(200);
    if (consent)
      await patch(s.accessToken, '/api/v1/seekers/me/consent', { searchableByEmployers: true }).expect(200);
  }

  beforeAll(async () => {
    env = await setupSuiteEnv('matching', {
      LOGIN_THROTTLE_LIMIT: '1000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
    });
    app = await startApi();
    worker = await startWorker();
    admin = await createPrivileged(app, Role.Admin);
    countyStaff = await createPrivileged(app, Role.Staff);
    jifengStaff = await createPrivileged(app, Role.Staff, 'jifeng');
    xisheStaff = await createPrivileged(app, Role.Staff, 'xishe');
    employerA = await employerWithProfile(app, '稷山县晋南机械有限公司', {
      townshipCode: 'jifeng',
      size: 'small',
      industry: '制造业',
    });
    employerB = await employerWithProfile(app, '稷山县西社家政服务有限公司', {
      townshipCode: 'xishe',
      size: 'micro',
      industry: '居民服务业',
    });
    weldPostJifeng = await publishPost(app, employerA, admin, {
      title: '电焊工',
      occupation: '电焊工',
      townshipCode: 'jifeng',
      skills: ['电焊', '氩弧焊'],
      wageMinFen: 450_000,
      wageMaxFen: 650_000,
    });
    weldPostXishe = await publishPost(app, employerA, admin, {
      title: '焊工',
      occupation: '焊工',
      townshipCode: 'xishe',
      skills: ['气割'],
      wageMinFen: 300_000,
      wageMaxFen: 400_000,
    });
    cleaningPost = await publishPost(app, employerA, admin, {
      title: '保洁员',
      occupation: '保洁',
      townshipCode: 'huayu',
      wageMinFen: 200_000,
      wageMaxFen: 250_000,
    });
    postOfB = await publishPost(app, employerB, admin, { title: '家政服务员', townshipCode: 'xishe' });

    // A welder of 稷峰镇, 就业困难人员 (岗位补贴 for the employer), consenting.
    await seekerWithProfile(
      'welder.jifeng',
      profileBody('jifeng', {
        desiredOccupations: ['焊工'],
        skills: ['氩弧焊'],
        groups: ['difficult', 'registered-unemployed'],
      }),
      true,
      ID_NUMBERS[3],
    );
    // An electric welder (电焊工) in 西社镇, no group that brings the employer a subsidy, consenting.
    await seekerWithProfile(
      'welder.xishe',
      profileBody('xishe', {
        desiredOccupations: ['电焊工'],
        skills: ['气割'],
        certificates: [],
        groups: [],
        registeredUnemployedSince: null,
        wageExpectationFen: 700000,
      }),
      true,
    );
    // A welder of 稷峰镇 who has NOT agreed to be found.
    await seekerWithProfile('welder.private', profileBody('jifeng', { groups: ['difficult'] }), false);
    // A cleaner: consenting, but not a welder.
    await seekerWithProfile(
      'cleaner.huayu',
      profileBody('huayu', {
        desiredOccupations: ['保洁'],
        skills: ['保洁'],
        certificates: [],
        groups: [],
        registeredUnemployedSince: null,
      }),
      true,
    );
    // 太阳乡 has no posts: what these two find, they find by words (and the county synonyms) alone.
    for (const [login, wish] of [
      ['taiyang.dianhan', '电焊工'],
      ['taiyang.hangong', '焊工'],
    ]) {
      await seekerWithProfile(
        login,
        profileBody('taiyang', {
          desiredOccupations: [wish],
          skills: ['驾驶'],
          certificates: [],
          groups: [],
          registeredUnemployedSince: null,
        }),
        false,
      );
    }
    const noProfile = await registerSeeker(app, 'no.profile');
    tokens['no.profile'] = noProfile.accessToken;
    await drainOutbox(worker, 90_000);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  it('a welder of 稷峰镇 gets the 电焊工 post of 稷峰镇 first, with skill and township among the reasons', async () => {
    const res = await get(tokens['welder.jifeng'], '/api/v1/seekers/me/matches').expect(200);
    expect(res.body.degraded).toBe(false);
    const matches = res.body.matches as PostMatch[];
    expect(matches[0].post).toMatchObject({
      id: weldPostJifeng,
      title: '电焊工',
      employerName: '稷山县晋南机械有限公司',
      township: '稷峰镇',
      wageMinFen: 450_000,
      wageMaxFen: 650_000,
      employmentType: 'full-time',
    });
    expect(matches[0].reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^技能匹配：.*焊工证/), '同在稷峰镇', '薪资符合期望']),
    );
    expect(matches[0].reasons[0]).toBe('岗位匹配：意向「焊工」与岗位「电焊工」相符');
    expect(matches[0].parts).toMatchObject({ occupation: 35, distance: 15, wage: 15 });
    // Scores never rise down the list; the other welding post follows the 稷峰镇 one.
    const scores = matches.map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const ids = matches.map((m) => m.post.id);
    expect(ids).toContain(weldPostXishe);
    expect(ids.indexOf(weldPostXishe)).toBeGreaterThan(0);
    if (ids.includes(cleaningPost))
      expect(ids.indexOf(cleaningPost)).toBeGreaterThan(ids.indexOf(weldPostXishe));

    const limited = await get(tokens['welder.jifeng'], '/api/v1/seekers/me/matches?limit=1').expect(200);
    expect(limited.body.matches.map((m: PostMatch) => m.post.id)).toEqual([weldPostJifeng]);
    await get(tokens['welder.jifeng'], '/api/v1/seekers/me/matches?limit=51').expect(400);
  });

  it('synonyms: a seeker who wants 电焊工 finds the post called 焊工, and 焊工 finds 电焊工', async () => {
    const dianhan = await get(tokens['taiyang.dianhan'], '/api/v1/seekers/me/matches').expect(200);
    const d = (dianhan.body.matches as PostMatch[]).find((m) => m.post.id === weldPostXishe);
    expect(d?.reasons[0]).toBe('岗位匹配：意向「电焊工」与岗位「焊工」相符');
    const hangong = await get(tokens['taiyang.hangong'], '/api/v1/seekers/me/matches').expect(200);
    const h = (hangong.body.matches as PostMatch[]).find((m) => m.post.id === weldPostJifeng);
    expect(h?.reasons[0]).toBe('岗位匹配：意向「焊工」与岗位「电焊工」相符');
    expect((hangong.body.matches as PostMatch[]).map((m) => m.post.id)).not.toContain(cleaningPost);

    const res = await get(tokens['welder.xishe'], '/api/v1/seekers/me/matches').expect(200);
    const matches = res.body.matches as PostMatch[];
    const xishe = matches.find((m) => m.post.id === weldPostXishe);
    expect(xishe?.reasons[0]).toBe('岗位匹配：意向「电焊工」与岗位「焊工」相符');
    expect(xishe?.reasons).toContain('同在西社镇');
    expect(matches.map((m) => m.post.id)).toContain(weldPostJifeng);
    const jifeng = matches.find((m) => m.post.id === weldPostJifeng);
    expect(jifeng?.parts.occupation).toBe(35);
  });

  it('a seeker without a profile gets a 404 JSON that says what to do', async () => {
    const res = await get(tokens['no.profile'], '/api/v1/seekers/me/matches').expect(404);
    expect(res.body.error.code).toBe('seeker-profile-missing');
    expect(res.body.error.message).toContain('PUT /api/v1/seekers/me');
  });

  it('candidates of a post: consenting seekers only, ranked, no personal data, the employer’s likely subsidy', async () => {
    const res = await get(employerA.token, `/api/v1/job-posts/${weldPostJifeng}/candidates`).expect(200);
    expect(res.body.degraded).toBe(false);
    const candidates = res.body.candidates as CandidateMatch[];
    const ids = candidates.map((c) => c.seeker.id);
    expect(ids[0]).toBe(seekers['welder.jifeng']);
    expect(ids).toContain(seekers['welder.xishe']);
    expect(ids).not.toContain(seekers['welder.private']);
    const scores = candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const first = candidates[0];
    expect(first.seeker).toEqual({
      id: seekers['welder.jifeng'],
      township: '稷峰镇',
      townshipCode: 'jifeng',
      desiredOccupations: ['焊工'],
      skills: ['氩弧焊'],
      certificates: ['焊工证 中级'],
      education: 'secondary-vocational',
      ageBand: expect.any(String),
      wageExpectationFen: 500000,
      availability: 'within-month',
    });
    expect(first.reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^技能匹配：/), '同在稷峰镇', '薪资符合期望']),
    );
    // 就业困难人员 hired on a one-year contract today: 岗位补贴 (一(一)), checked against the engine.
    expect(first.reasons).toContain('可享岗位补贴每月300元（一(一)）');
    const other = candidates.find((c) => c.seeker.id === seekers['welder.xishe']);
    expect(other?.reasons.some((r) => r.startsWith('可享'))).toBe(false);

    const text = JSON.stringify(res.body);
    for (const secret of [
      ID_NUMBERS[3],
      '13812345678',
      '求职者',
      'welder.',
      'difficult',
      'registered-unemployed',
    ]) {
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    }
    expect(text).not.toMatch(/\d{6}\*+\d{2}/);
    expect(text).not.toMatch(/1[3-9]\d\*{4}\d{4}/);
    expect(text).not.toMatch(/\b\d{17}[\dX]\b/);
    for (const c of candidates) {
      for (const key of ['name', 'displayName', 'login', 'mobile', 'phone', 'idNumber', 'person', 'groups'])
        expect(Object.keys(c.seeker)).not.toContain(key);
    }
  });

  it('a seeker who withdraws consent drops out of the candidates', async () => {
    await patch(tokens['welder.xishe'], '/api/v1/seekers/me/consent', {
      searchableByEmployers: false,
    }).expect(200);
    // Before the index catches up, Postgres already decides.
    const now = await get(employerA.token, `/api/v1/job-posts/${weldPostJifeng}/candidates`).expect(200);
    expect(now.body.candidates.map((c: CandidateMatch) => c.seeker.id)).not.toContain(
      seekers['welder.xishe'],
    );
    await drainOutbox(worker, 90_000);
    await patch(tokens['welder.xishe'], '/api/v1/seekers/me/consent', { searchableByEmployers: true }).expect(
      200,
    );
    await drainOutbox(worker, 90_000);
    const back = await get(employerA.token, `/api/v1/job-posts/${weldPostJifeng}/candidates`).expect(200);
    expect(back.body.candidates.map((c: CandidateMatch) => c.seeker.id)).toContain(seekers['welder.xishe']);
  });

  it('access: owner, staff of the township, county staff and admin 200; others 404 / 403 / 401', async () => {
    const url = `/api/v1/job-posts/${weldPostJifeng}/candidates`;
    await get(employerA.token, url).expect(200);
    await get(jifengStaff.token, url).expect(200);
    await get(countyStaff.token, url).expect(200);
    await get(admin.token, url).expect(200);
    const other = await get(employerB.token, url).expect(404);
    expect(other.body.error.code).toBe('not-found');
    await get(xisheStaff.token, url).expect(404);
    await get(tokens['welder.jifeng'], url).expect(403);
    await get(null, url).expect(401);
    // The enterprise's township decides, not the post's: 西社镇 staff do not see A's 西社镇 post.
    await get(xisheStaff.token, `/api/v1/job-posts/${weldPostXishe}/candidates`).expect(404);
    await get(xisheStaff.token, `/api/v1/job-posts/${postOfB}/candidates`).expect(200);
    // Unknown and malformed ids.
    await get(countyStaff.token, '/api/v1/job-posts/00000000-0000-4000-8000-000000000000/candidates').expect(
      404,
    );
    await get(countyStaff.token, '/api/v1/job-posts/not-a-uuid/candidates').expect(400);
    // Seeker matches: seekers only.
    await get(null, '/api/v1/seekers/me/matches').expect(401);
    await get(employerA.token, '/api/v1/seekers/me/matches').expect(403);
    await get(countyStaff.token, '/api/v1/seekers/me/matches').expect(403);
    // The post routes next to it still answer as before.
    await get(null, `/api/v1/job-posts/${weldPostJifeng}`).expect(200);
    await get(null, '/api/v1/job-posts/search?q=焊工').expect(200);
  });

  it('reindex covers the seekers index: consenting seekers only, the same candidates afterwards', async () => {
    const before = await get(countyStaff.token, `/api/v1/job-posts/${weldPostJifeng}/candidates`).expect(200);
    const res = await request(app.getHttpServer())
      .post('/api/v1/search/reindex')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ indexes: ['seekers'] })
      .expect(200);
    expect(res.body.indexes).toEqual([expect.objectContaining({ documents: 3 })]);
    const after = await get(countyStaff.token, `/api/v1/job-posts/${weldPostJifeng}/candidates`).expect(200);
    expect(after.body.candidates).toEqual(before.body.candidates);
  });
});
