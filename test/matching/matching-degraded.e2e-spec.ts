/**
 * Matching with Meilisearch unavailable (chaos): both matching routes answer from Postgres with
 * `degraded: true` — results, scores and reasons as usual, the same access rules, consent decided
 * by Postgres — and once Meilisearch answers again they are served by it (`degraded: false`).
 *
 * This suite runs its own Meilisearch, so pausing it disturbs no other suite. It is paused with
 * SIGSTOP (the hung-server case: requests time out, the harder failure) and resumed with SIGCONT,
 * which keeps its port: restarting on the same port could race with other processes for it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { RunningMeilisearch, freePort, startMeilisearch, Role } from '@app/platform';
import { ID_NUMBERS, registerSeeker } from '../identity/identity-helpers';
import { Actor, createPrivileged } from '../jobs/jobs-fixtures';
import { employerWithProfile, publishPost } from '../search/search-fixtures';
import { profileBody } from '../seekers/seekers-fixtures';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv, waitUntil } from '../support/test-env';

jest.setTimeout(240_000);

interface PostMatch {
  post: { id: string; title: string; township: string | null };
  score: number;
  reasons: string[];
  parts: Record<string, number>;
}
interface CandidateMatch {
  seeker: { id: string; ageBand: string | null } & Record<string, unknown>;
  score: number;
  reasons: string[];
  parts: Record<string, number>;
}

describe('matching with Meilisearch down (degraded) and served by it again afterwards', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let meili: RunningMeilisearch;
  let paused = false;
  let dataDir: string;
  let admin: Actor;
  let jifengStaff: Actor;
  let xisheStaff: Actor;
  let employerA: Actor;
  let employerB: Actor;
  let weldPost: string;
  let xishePost: string;
  const tokens: Record<string, string> = {};
  const seekers: Record<string, string> = {};
  /** The answers while Meilisearch was up, to compare the degraded ones with. */
  let upMatches: PostMatch[];
  let upCandidates: CandidateMatch[];

  const get = (token: string | null, url: string) => {
    const req = request(app.getHttpServer()).get(url);
    return token ? req.set('authorization', `Bearer ${token}`) : req;
  };
  const consent = (login: string, searchableByEmployers: boolean) =>
    request(app.getHttpServer())
      .patch('/api/v1/seekers/me/consent')
      .set('authorization', `Bearer ${tokens[login]}`)
      .send({ searchableByEmployers })
      .expect(200);
  const candidatesUrl = () => `/api/v1/job-posts/${weldPost}/candidates`;
  const candidateIds = (body: { candidates: CandidateMatch[] }) => body.candidates.map((c) => c.seeker.id);

  async function seekerWithProfile(
    login: string,
    profile: Record<string, unknown>,
    consenting: boolean,
    idNumber?: string,
  ): Promise<void> {
    const s = await registerSeeker(app, login, {
      townshipCode: String(profile.townshipCode),
      ...(idNumber ? { idNumber } : {}),
    });
    tokens[login] = s.accessToken;
    seekers[login] = s.id;
    await request(app.getHttpServer())
      .put('/api/v1/seekers/me')
      .set('authorization', `Bearer ${s.accessToken}`)
      .send(profile)
      .expect(200);
    if (consenting) await consent(login, true);
  }

  const pause = () => {
    process.kill(meili.pid, 'SIGSTOP');
    paused = true;
  };
  const resume = () => {
    if (paused) process.kill(meili.pid, 'SIGCONT');
    paused = false;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'jishan-meili-matching-degraded-'));
    const masterKey = randomBytes(24).toString('base64url');
    meili = await startMeilisearch({ dataDir, port: await freePort(), masterKey });
    process.env.MEILI_URL = meili.url;
    process.env.MEILI_MASTER_KEY = masterKey;
    env = await setupSuiteEnv('matching_degraded', {
      LOGIN_THROTTLE_LIMIT: '1000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
    });
    app = await startApi();
    worker = await startWorker();
    admin = await createPrivileged(app, Role.Admin);
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
    weldPost = await publishPost(app, employerA, admin, {
      title: '电焊工',
      occupation: '电焊工',
      townshipCode: 'jifeng',
      skills: ['电焊', '氩弧焊'],
      wageMinFen: 450_000,
      wageMaxFen: 650_000,
    });
    xishePost = await publishPost(app, employerB, admin, { title: '家政服务员', townshipCode: 'xishe' });

    // 就业困难人员 of 稷峰镇 with an ID number (age band), consenting: the employer's 岗位补贴 applies.
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
    // Consenting now; withdraws while Meilisearch is down.
    await seekerWithProfile(
      'welder.withdraws',
      profileBody('xishe', {
        desiredOccupations: ['电焊工'],
        skills: ['气割'],
        certificates: [],
        groups: [],
        registeredUnemployedSince: null,
      }),
      true,
      ID_NUMBERS[0],
    );
    // Never consents, though a welder of the post's township.
    await seekerWithProfile('welder.private', profileBody('jifeng', { groups: ['difficult'] }), false);
    // Consents only while Meilisearch is down.
    await seekerWithProfile(
      'welder.late',
      profileBody('huayu', {
        desiredOccupations: ['焊工'],
        certificates: [],
        groups: [],
        registeredUnemployedSince: null,
      }),
      false,
    );
    await drainOutbox(worker, 90_000);
  });

  afterAll(async () => {
    if (meili) resume();
    await worker?.close();
    await app?.close();
    await env?.cleanup().catch(() => undefined);
    await meili?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers from Meilisearch while it is up', async () => {
    const matches = await get(tokens['welder.jifeng'], '/api/v1/seekers/me/matches').expect(200);
    expect(matches.body.degraded).toBe(false);
    upMatches = matches.body.matches;
    expect(upMatches[0].post.id).toBe(weldPost);

    const candidates = await get(employerA.token, candidatesUrl()).expect(200);
    expect(candidates.body.degraded).toBe(false);
    upCandidates = candidates.body.candidates;
    expect(candidateIds(candidates.body)).toEqual([seekers['welder.jifeng'], seekers['welder.withdraws']]);
    expect(upCandidates[0].seeker.ageBand).toEqual(expect.any(String));
  });

  it('Meilisearch hung: both routes answer 200 from Postgres with degraded: true, results and reasons', async () => {
    pause();

    const started = Date.now();
    const matches = await get(tokens['welder.jifeng'], '/api/v1/seekers/me/matches').expect(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(matches.body.degraded).toBe(true);
    const list = matches.body.matches as PostMatch[];
    expect(list[0]).toEqual(upMatches[0]);
    expect(list[0].reasons).toEqual(
      expect.arrayContaining(['岗位匹配：意向「焊工」与岗位「电焊工」相符', '同在稷峰镇', '薪资符合期望']),
    );
    expect(list.map((m) => m.post.id)).toEqual(upMatches.map((m) => m.post.id));

    const candidates = await get(employerA.token, candidatesUrl()).expect(200);
    expect(candidates.body.degraded).toBe(true);
    // The same candidates, scores, reasons and seeker facts (age band included) as the index gave.
    expect(candidates.body.candidates).toEqual(upCandidates);
    const first = (candidates.body.candidates as CandidateMatch[])[0];
    expect(first.reasons).toEqual(expect.arrayContaining(['同在稷峰镇', '可享岗位补贴每月300元（一(一)）']));
    const text = JSON.stringify(candidates.body);
    for (const secret of [ID_NUMBERS[3], ID_NUMBERS[0], '求职者', 'welder.', 'difficult'])
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });

    // The limit applies on the fallback too.
    const one = await get(employerA.token, `${candidatesUrl()}?limit=1`).expect(200);
    expect(one.body).toMatchObject({ degraded: true, candidates: [upCandidates[0]] });
  });

  it('on the fallback, consent is what Postgres says now: never a non-consenting seeker', async () => {
    // Writes keep working: they only write the outbox.
    await consent('welder.withdraws', false);
    await consent('welder.late', true);
    const res = await get(jifengStaff.token, candidatesUrl()).expect(200);
    expect(res.body.degraded).toBe(true);
    const ids = candidateIds(res.body);
    expect(ids).toContain(seekers['welder.jifeng']);
    expect(ids).toContain(seekers['welder.late']);
    expect(ids).not.toContain(seekers['welder.withdraws']);
    expect(ids).not.toContain(seekers['welder.private']);
  });

  it('on the fallback, who may ask is unchanged', async () => {
    await get(admin.token, candidatesUrl()).expect(200);
    expect((await get(employerB.token, candidatesUrl()).expect(404)).body.error.code).toBe('not-found');
    await get(xisheStaff.token, candidatesUrl()).expect(404);
    await get(tokens['welder.jifeng'], candidatesUrl()).expect(403);
    await get(null, candidatesUrl()).expect(401);
    const ofB = await get(xisheStaff.token, `/api/v1/job-posts/${xishePost}/candidates`).expect(200);
    expect(ofB.body.degraded).toBe(true);
    await get(employerA.token, '/api/v1/seekers/me/matches').expect(403);
    await get(null, '/api/v1/seekers/me/matches').expect(401);
  });

  it('Meilisearch back: the routes are served by it again and the index has caught up', async () => {
    resume();
    await waitUntil(
      'matching to be served by Meilisearch again',
      async () => {
        const a = await get(tokens['welder.jifeng'], '/api/v1/seekers/me/matches');
        const b = await get(employerA.token, candidatesUrl());
        return a.status === 200 && a.body.degraded === false && b.status === 200 && b.body.degraded === false;
      },
      120_000,
    );
    await drainOutbox(worker, 120_000);
    const res = await get(employerA.token, candidatesUrl()).expect(200);
    expect(res.body.degraded).toBe(false);
    expect(candidateIds(res.body)).toEqual(
      expect.arrayContaining([seekers['welder.jifeng'], seekers['welder.late']]),
    );
    expect(candidateIds(res.body)).not.toContain(seekers['welder.withdraws']);
    expect(candidateIds(res.body)).not.toContain(seekers['welder.private']);
    const matches = await get(tokens['welder.jifeng'], '/api/v1/seekers/me/matches').expect(200);
    expect(matches.body).toMatchObject({ degraded: false, matches: upMatches });
  });
});
