import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { GigExpiryScheduler, GigsService } from '@app/gigs';
import { Role } from '@app/platform';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import {
  Actor,
  createPrivileged,
  registerAgency,
  registerEmployer,
  registerSeeker,
} from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';
import { as, manyUsers } from '../fairs/fairs-fixtures';
import { chinaDay, gigBody, postGig } from './gigs-fixtures';

jest.setTimeout(240_000);

/**
 * The public gig market through HTTP (contracts/gigs-internships.md, gigs): verified posters post,
 * the screen holds fee-taking and fake gigs for staff, the search finds open gigs near a township,
 * workers take exactly the headcount, do the gig and confirm the wage, disputes and reports become
 * staff cases, and every route says who may call it.
 */
describe('gig market', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let staff: Actor;
  let admin: Actor;
  let employer: Actor;
  let otherEmployer: Actor;
  let agency: Actor;
  let resident: Actor & { idNumber: string };
  let anonymousSeeker: Actor;
  let workerA: Actor & { idNumber: string };
  let workerB: Actor & { idNumber: string };

  const profile = { groups: ['rural-labourer'], registeredUnemployedSince: null };

  beforeAll(async () => {
    env = await setupSuiteEnv('gigs', {
      LOGIN_THROTTLE_LIMIT: '100000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
      REGISTRATION_THROTTLE_PER_HOUR: '100000',
    });
    app = await startApi();
    worker = await startWorker();
    ds = app.get(DataSource);
    staff = await createPrivileged(app, Role.Staff);
    admin = await createPrivileged(app, Role.Admin);
    employer = await registerEmployer(app, '稷山县零工测试物流有限公司');
    otherEmployer = await registerEmployer(app, '稷山县另一家公司');
    agency = await registerAgency(app);
    resident = await seekerWithProfile(app, { birthDate: '1968-03-02', sex: 'female' }, profile);
    anonymousSeeker = await registerSeeker(app);
    workerA = await seekerWithProfile(app, { birthDate: '1975-06-01', sex: 'male' }, profile, 'zhaidian');
    workerB = await seekerWithProfile(app, { birthDate: '1990-06-01', sex: 'male' }, profile, 'xishe');
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  const fields = (res: request.Response): string[] =>
    (res.body.error?.fields ?? []).map((f: { field: string }) => f.field);
  const search = async (query: string) =>
    (await as(app, null, 'get', `/api/v1/gigs/search?${query}`).expect(200)).body;

  it('verified posters post a gig that is open at once; the contact phone is hidden from the public', async () => {
    const g = await postGig(app, employer, { title: '仓库装卸工' });
    expect(g).toMatchObject({
      status: 'open',
      headcount: 3,
      accepted: 0,
      posterKind: 'employer',
      posterName: '稷山县零工测试物流有限公司',
      contactPhone: '13812345678',
      canManage: true,
    });
    const pub = (await as(app, null, 'get', `/api/v1/gigs/${g.id}`).expect(200)).body;
    expect(pub).toMatchObject({
      status: 'open',
      statusName: '招人中',
      township: '翟店镇',
      contactPhone: null,
      canManage: false,
      screeningFlags: [],
    });
    expect((await postGig(app, agency)).posterKind).toBe('agency');
    expect((await postGig(app, staff, { onBehalfOf: '北街村张大爷家' })).posterKind).toBe('staff');
    // A resident with real-name registration posts as a resident; one without an ID number cannot.
    expect(
      (await postGig(app, resident, { title: '家里打扫卫生半天', trade: '家政保洁', headcount: 1 }))
        .posterKind,
    ).toBe('resident');
    const refused = await as(app, anonymousSeeker, 'post', '/api/v1/gigs', gigBody()).expect(403);
    expect(refused.body.error.code).toBe('real-name-required');
    // Only staff post on behalf of someone.
    expect(
      fields(await as(app, employer, 'post', '/api/v1/gigs', gigBody({ onBehalfOf: '某人' })).expect(400)),
    ).toEqual(['onBehalfOf']);
  });

  it('bad input is a 400 naming the field and writes nothing', async () => {
    const before = Number((await ds.query(`SELECT count(*) AS n FROM gigs`))[0].n);
    const cases: [Record<string, unknown>, string][] = [
      [{ date: chinaDay(-1) }, 'date'],
      [{ date: '2027-02-30' }, 'date'],
      [{ headcount: 0 }, 'headcount'],
      [{ headcount: -3 }, 'headcount'],
      [{ payFen: -1 }, 'payFen'],
      [{ payFen: 12.5 }, 'payFen'],
      [{ payUnit: 'month' }, 'payUnit'],
      [{ startTime: '17:00', endTime: '08:00' }, 'endTime'],
      [{ startTime: '8点' }, 'startTime'],
      [{ townshipCode: 'nowhere' }, 'townshipCode'],
      [{ title: '' }, 'title'],
      [{ contactPhone: '123' }, 'contactPhone'],
    ];
    for (const [over, field] of cases) {
      const res = await as(app, employer, 'post', '/api/v1/gigs', gigBody(over));
      expect([res.status, fields(res)]).toEqual([400, [field]]);
    }
    expect(Number((await ds.query(`SELECT count(*) AS n FROM gigs`))[0].n)).toBe(before);
  });

  it('the screen holds a gig asking a deposit for staff review with the reasons; staff approve or reject', async () => {
    const held = await postGig(app, employer, {
      title: '临时工',
      description: '上岗前交押金200元，详情加微信 jsgig88',
    });
    expect(held.status).toBe('pending-review');
    expect((held.screeningFlags as { code: string }[]).map((f) => f.code)).toEqual([
      'fee-asked',
      'off-platform-contact',
    ]);
    // Waiting gigs are not public and not searchable.
    await as(app, null, 'get', `/api/v1/gigs/${held.id}`).expect(404);
    await as(app, workerA, 'post', `/api/v1/gigs/${held.id}/acceptances`).expect(404);
    const queue = (await as(app, staff, 'get', '/api/v1/gigs?status=pending-review').expect(200)).body;
    expect(queue.items.map((g: { id: string }) => g.id)).toContain(held.id);
    expect(
      fields(
        await as(app, staff, 'post', `/api/v1/gigs/${held.id}/review`, { decision: 'reject' }).expect(400),
      ),
    ).toEqual(['note']);
    const rejected = (
      await as(app, staff, 'post', `/api/v1/gigs/${held.id}/review`, {
        decision: 'reject',
        note: '收取押金，违反规定',
      }).expect(200)
    ).body;
    expect(rejected).toMatchObject({ status: 'rejected', reviewNote: '收取押金，违反规定' });
    await as(app, staff, 'post', `/api/v1/gigs/${held.id}/review`, { decision: 'approve' }).expect(409);
    // Pay far above the usual range is held too; staff approve it and it goes live.
    const high = await postGig(app, employer, { title: '搬家', payFen: 200000 });
    expect(high.status).toBe('pending-review');
    expect(
      (
        await as(app, admin, 'post', `/api/v1/gigs/${high.id}/review`, {
          decision: 'approve',
          note: '核实为整车搬家',
        }).expect(200)
      ).body.status,
    ).toBe('open');
  });

  it('the search finds open gigs by day, trade (with synonyms) and words, nearest to a township first, then best paid', async () => {
    const near = await postGig(app, employer, {
      title: '翟店镇红枣采摘',
      trade: '红枣采摘',
      townshipCode: 'zhaidian',
      payFen: 15000,
      date: chinaDay(0),
      endTime: '23:59',
    });
    const far = await postGig(app, employer, {
      title: '化峪镇红枣采摘',
      trade: '红枣采摘',
      townshipCode: 'huayu',
      payFen: 30000,
      date: chinaDay(0),
      endTime: '23:59',
    });
    const tomorrow = await postGig(app, employer, {
      title: '明天红枣采摘',
      trade: '红枣采摘',
      townshipCode: 'zhaidian',
      payFen: 18000,
      date: chinaDay(1),
    });
    await drainOutbox(worker);
    const today = await search('date=today&townshipCode=zhaidian&trade=红枣采摘');
    expect(today.degraded).toBe(false);
    const ids = today.hits.map((h: { id: string }) => h.id);
    expect(ids).toEqual(expect.arrayContaining([near.id, far.id]));
    expect(ids).not.toContain(tomorrow.id);
    expect(ids.indexOf(near.id)).toBeLessThan(ids.indexOf(far.id));
    const hit = today.hits.find((h: { id: string }) => h.id === far.id);
    expect(hit).toMatchObject({
      title: '化峪镇红枣采摘',
      trade: '红枣采摘',
      date: chinaDay(0),
      townshipCode: 'huayu',
      payFen: 30000,
      payUnit: 'day',
      headcount: 3,
      accepted: 0,
    });
    expect(hit.distanceKm).toBeGreaterThan(10);
    expect(today.hits.find((h: { id: string }) => h.id === near.id).distanceKm).toBe(0);
    expect((await search(`date=${chinaDay(1)}&q=红枣`)).hits.map((h: { id: string }) => h.id)).toContain(
      tomorrow.id,
    );
    // Pinyin finds it too.
    expect((await search('date=tomorrow&q=hongzao')).hits.map((h: { id: string }) => h.id)).toContain(
      tomorrow.id,
    );
    // A typed word meets its trade's synonyms (the index keeps no custom dictionary: jieba's
    // segments are what the synonyms see).
    const care = await postGig(app, employer, {
      title: '白天照顾老人',
      trade: '养老护理员',
      townshipCode: 'zhaidian',
      payFen: 16000,
      date: chinaDay(1),
    });
    const cleaning = await postGig(app, employer, {
      title: '新房开荒',
      trade: '家政保洁',
      townshipCode: 'zhaidian',
      payFen: 20000,
      date: chinaDay(1),
    });
    await drainOutbox(worker);
    for (const [q, gig] of [
      ['护工', care],
      ['陪护', care],
      ['伺候老人', care],
      ['打扫卫生', cleaning],
      ['保洁员', cleaning],
    ] as const) {
      const hits = (await search(`date=tomorrow&q=${encodeURIComponent(q)}`)).hits.map(
        (h: { id: string }) => h.id,
      );
      expect({ q, found: hits.includes(gig.id) }).toEqual({ q, found: true });
    }
    expect(fields(await as(app, null, 'get', '/api/v1/gigs/search?date=someday').expect(400))).toEqual([
      'date',
    ]);
    expect(fields(await as(app, null, 'get', '/api/v1/gigs/search?townshipCode=xx1').expect(400))).toEqual([
      'townshipCode',
    ]);
  });

  it('a hundred workers accept a five-person gig at once: exactly five are accepted, the rest gig-full; a repeat is the first acceptance', async () => {
    const gig = await postGig(app, employer, { title: '抢单测试', headcount: 5 });
    const crowd: Actor[] = [];
    for (let i = 0; i < 100; i += 20)
      crowd.push(...(await Promise.all(Array.from({ length: 20 }, () => registerSeeker(app)))));
    const answers = await Promise.all(
      crowd.map((w) => as(app, w, 'post', `/api/v1/gigs/${gig.id}/acceptances`)),
    );
    const codes = answers.map((r) => r.status);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(95);
    expect(new Set(answers.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(
      new Set(['gig-full']),
    );
    const rows = await ds.query(
      `SELECT count(*) AS n FROM gig_acceptances WHERE gig_id = $1 AND status = 'accepted'`,
      [gig.id],
    );
    expect(Number(rows[0].n)).toBe(5);
    const g = (await as(app, null, 'get', `/api/v1/gigs/${gig.id}`).expect(200)).body;
    expect(g).toMatchObject({ accepted: 5, status: 'filled' });
    // The same worker again: 200 with the first acceptance, however many times at once.
    const first = answers.find((r) => r.status === 201)!;
    const taker = crowd[answers.indexOf(first)];
    const again = await Promise.all(
      Array.from({ length: 5 }, () => as(app, taker, 'post', `/api/v1/gigs/${gig.id}/acceptances`)),
    );
    expect(again.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(again.every((r) => r.body.id === first.body.id && r.body.status === 'accepted')).toBe(true);
    // A withdrawal frees a place for the next worker.
    await as(app, taker, 'post', `/api/v1/gigs/${gig.id}/withdrawal`, { reason: '家里有事' }).expect(200);
    const loser = crowd[answers.findIndex((r) => r.status === 409)];
    expect((await as(app, loser, 'post', `/api/v1/gigs/${gig.id}/acceptances`).expect(201)).body.status).toBe(
      'accepted',
    );
    await as(
      app,
      crowd[answers.findIndex((r, i) => r.status === 409 && crowd[i] !== loser)],
      'post',
      `/api/v1/gigs/${gig.id}/acceptances`,
    ).expect(409);
  });

  it('the age limit is checked from the ID number; a poster does not take their own gig', async () => {
    const young = await postGig(app, employer, { title: '高空作业', ageMax: 45 });
    const refused = await as(app, workerA, 'post', `/api/v1/gigs/${young.id}/acceptances`).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'age-limit', fields: [{ field: 'ageMax' }] });
    await as(app, workerB, 'post', `/api/v1/gigs/${young.id}/acceptances`).expect(201);
    const own = await postGig(app, resident, { title: '自家活', headcount: 1 });
    expect(
      (await as(app, resident, 'post', `/api/v1/gigs/${own.id}/acceptances`).expect(409)).body.error.code,
    ).toBe('own-gig');
  });

  it('doing the gig: check in and out, completion with the wage, receipt, ratings both ways, statistics', async () => {
    const gig = await postGig(app, employer, {
      title: '今天卸货',
      date: chinaDay(0),
      startTime: '00:00',
      endTime: '23:59',
      trade: '搬运装卸',
      payFen: 22000,
    });
    const a = (await as(app, workerA, 'post', `/api/v1/gigs/${gig.id}/acceptances`).expect(201)).body;
    // The accepted worker sees the contact phone.
    expect((await as(app, workerA, 'get', `/api/v1/gigs/${gig.id}`).expect(200)).body).toMatchObject({
      contactPhone: '13812345678',
      mine: { id: a.id, status: 'accepted' },
    });
    expect(
      fields(
        await as(app, workerA, 'post', `/api/v1/gigs/acceptances/${a.id}/check-out`, {
          townshipCode: 'zhaidian',
        }).expect(400),
      ),
    ).toEqual(['at']);
    const inAt = new Date(Date.now() - 3 * 3600_000).toISOString();
    await as(app, workerA, 'post', `/api/v1/gigs/acceptances/${a.id}/check-in`, {
      townshipCode: 'zhaidian',
      at: inAt,
    }).expect(200);
    const early = await as(app, workerA, 'post', `/api/v1/gigs/acceptances/${a.id}/check-out`, {
      townshipCode: 'zhaidian',
      at: new Date(Date.now() - 4 * 3600_000).toISOString(),
    }).expect(400);
    expect(early.body.error.message).toContain('before check-in');
    const out = (
      await as(app, workerA, 'post', `/api/v1/gigs/acceptances/${a.id}/check-out`, {
        townshipCode: 'zhaidian',
      }).expect(200)
    ).body;
    expect(out.checkedInAt).toBe(inAt);
    expect(out.checkOutTownship).toBe('zhaidian');
    // Receipt before the poster confirms the wage: 409; the poster confirms; then the worker.
    await as(app, workerA, 'post', `/api/v1/gigs/acceptances/${a.id}/wage-received`).expect(409);
    expect(
      fields(
        await as(app, employer, 'post', `/api/v1/gigs/acceptances/${a.id}/completion`, {
          wagePaidFen: -5,
        }).expect(400),
      ),
    ).toEqual(['wagePaidFen']);
    const done = (
      await as(app, employer, 'post', `/api/v1/gigs/acceptances/${a.id}/completion`, {
        wagePaidFen: 22000,
      }).expect(200)
    ).body;
    expect(done).toMatchObject({ wagePaidFen: 22000 });
    expect(done.completedAt).not.toBeNull();
    const received = (
      await as(app, workerA, 'post', `/api/v1/gigs/acceptances/${a.id}/wage-received`).expect(200)
    ).body;
    expect(received.wageReceivedAt).not.toBeNull();
    // Ratings both ways; a second rating by the same side keeps the first.
    expect(
      (
        await as(app, employer, 'post', `/api/v1/gigs/acceptances/${a.id}/rating`, {
          stars: 5,
          comment: '干活踏实',
        }).expect(201)
      ).body,
    ).toEqual({ created: true });
    expect(
      (await as(app, employer, 'post', `/api/v1/gigs/acceptances/${a.id}/rating`, { stars: 1 }).expect(200))
        .body,
    ).toEqual({ created: false });
    await as(app, workerA, 'post', `/api/v1/gigs/acceptances/${a.id}/rating`, { stars: 4 }).expect(201);
    expect(
      fields(
        await as(app, workerA, 'post', `/api/v1/gigs/acceptances/${a.id}/rating`, { stars: 6 }).expect(400),
      ),
    ).toEqual(['stars']);
    const mine = (await as(app, workerA, 'get', '/api/v1/gigs/acceptances/mine').expect(200)).body;
    expect(
      mine.items.find((i: { acceptance: { id: string } }) => i.acceptance.id === a.id).acceptance,
    ).toMatchObject({ workerRating: 4, posterRating: 5 });
    const stats = (
      await as(app, staff, 'get', `/api/v1/gigs/statistics?from=${chinaDay(0)}&to=${chinaDay(0)}`).expect(200)
    ).body;
    const row = stats.rows.find(
      (r: { townshipCode: string; trade: string }) => r.townshipCode === 'zhaidian' && r.trade === '搬运装卸',
    );
    const [sql] = await ds.query(
      `SELECT count(DISTINCT a.gig_id) AS completed, coalesce(sum(a.wage_paid_fen) FILTER (WHERE a.wage_received_at IS NOT NULL), 0) AS wages
       FROM gig_acceptances a JOIN gigs g ON g.id = a.gig_id
       WHERE g.gig_date = $1 AND g.township_code = 'zhaidian' AND g.trade = '搬运装卸' AND a.completed_at IS NOT NULL`,
      [chinaDay(0)],
    );
    expect(row).toMatchObject({
      township: '翟店镇',
      completed: Number(sql.completed),
      wagesConfirmedFen: Number(sql.wages),
      peopleServed: 1,
    });
    expect(stats.total.wagesConfirmedFen).toBeGreaterThanOrEqual(22000);
    await as(app, workerA, 'get', `/api/v1/gigs/statistics?from=${chinaDay(0)}&to=${chinaDay(0)}`).expect(
      403,
    );
  });

  it('a dispute (wage not paid) becomes a staff case with its history and outcome', async () => {
    const gig = await postGig(app, otherEmployer, {
      title: '拖欠测试',
      date: chinaDay(0),
      startTime: '00:00',
      endTime: '23:59',
    });
    const a = (await as(app, workerB, 'post', `/api/v1/gigs/${gig.id}/acceptances`).expect(201)).body;
    const d = (
      await as(app, workerB, 'post', `/api/v1/gigs/acceptances/${a.id}/disputes`, {
        kind: 'wage-unpaid',
        description: '干完活没给钱',
      }).expect(201)
    ).body;
    expect(d).toMatchObject({
      kind: 'wage-unpaid',
      kindName: '拖欠工钱',
      status: 'open',
      raisedSide: 'worker',
      gigTitle: '拖欠测试',
    });
    expect(
      (
        await as(app, workerB, 'post', `/api/v1/gigs/acceptances/${a.id}/disputes`, {
          kind: 'wage-unpaid',
          description: '再提一次',
        }).expect(409)
      ).body.error.code,
    ).toBe('dispute-open');
    expect(
      fields(
        await as(app, workerB, 'post', `/api/v1/gigs/acceptances/${a.id}/disputes`, {
          kind: 'robbery',
          description: 'x',
        }).expect(400),
      ),
    ).toEqual(['kind']);
    // Parties read it; an outsider does not; only staff handle it.
    await as(app, otherEmployer, 'get', `/api/v1/gigs/disputes/${d.id}`).expect(200);
    await as(app, workerA, 'get', `/api/v1/gigs/disputes/${d.id}`).expect(404);
    await as(app, workerB, 'post', `/api/v1/gigs/disputes/${d.id}/actions`, {
      action: 'resolve',
      note: '自己结案',
    }).expect(403);
    await as(app, staff, 'post', `/api/v1/gigs/disputes/${d.id}/actions`, {
      action: 'note',
      note: '已电话联系雇主',
    }).expect(200);
    const resolved = (
      await as(app, staff, 'post', `/api/v1/gigs/disputes/${d.id}/actions`, {
        action: 'resolve',
        note: '雇主已补发工钱 200 元',
      }).expect(200)
    ).body;
    expect(resolved).toMatchObject({ status: 'resolved', outcome: '雇主已补发工钱 200 元' });
    expect(resolved.events.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'note', 'resolved']);
    await as(app, staff, 'post', `/api/v1/gigs/disputes/${d.id}/actions`, {
      action: 'note',
      note: '又一条',
    }).expect(409);
    const list = (await as(app, staff, 'get', '/api/v1/gigs/disputes?status=resolved').expect(200)).body;
    expect(list.items.map((x: { id: string }) => x.id)).toContain(d.id);
  });

  it('reports: one tap, staff uphold (the gig comes down) — a poster with two upheld reports is suspended', async () => {
    const shady = await registerEmployer(app, '稷山县可疑劳务公司');
    const g1 = await postGig(app, shady, { title: '招工一' });
    const g2 = await postGig(app, shady, { title: '招工二' });
    const r1 = (
      await as(app, workerA, 'post', `/api/v1/gigs/${g1.id}/reports`, {
        reason: 'fee',
        note: '现场要收服装费',
      }).expect(201)
    ).body;
    expect(
      (await as(app, workerA, 'post', `/api/v1/gigs/${g1.id}/reports`, { reason: 'fake' }).expect(200)).body
        .id,
    ).toBe(r1.id);
    const r2 = (
      await as(app, workerB, 'post', `/api/v1/gigs/${g2.id}/reports`, { reason: 'fake' }).expect(201)
    ).body;
    const open = (await as(app, staff, 'get', '/api/v1/gigs/reports?status=open').expect(200)).body;
    expect(open.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([r1.id, r2.id]));
    await as(app, workerA, 'get', '/api/v1/gigs/reports').expect(403);
    await as(app, staff, 'post', `/api/v1/gigs/reports/${r1.id}/decision`, {
      decision: 'upheld',
      note: '核实收费',
    }).expect(200);
    expect((await as(app, null, 'get', `/api/v1/gigs/${g1.id}`).expect(404)).status).toBe(404);
    await postGig(app, shady, { title: '还能发' });
    await as(app, staff, 'post', `/api/v1/gigs/reports/${r2.id}/decision`, { decision: 'upheld' }).expect(
      200,
    );
    const blocked = await as(app, shady, 'post', '/api/v1/gigs', gigBody()).expect(403);
    expect(blocked.body.error.code).toBe('poster-suspended');
  });

  it('availabilities read together (one query for the crowd) each answer their own worker', async () => {
    const gigs = app.get(GigsService);
    const crowd = await manyUsers(app, 8);
    const towns = ['jifeng', 'xishe', 'huayu', 'zhaidian', 'qinghe', 'caicun', 'taiyang', 'devzone'];
    for (const [i, w] of crowd.entries())
      await gigs.putAvailability(
        { id: w.userId, role: Role.Seeker, organisationId: null, townshipCode: towns[i] },
        {
          trades: [['装卸', '保洁', '摘枣', '护工'][i % 4]],
          weekdays: [1 + (i % 7)],
          townshipCodes: [towns[i]],
          homeTownship: towns[i],
          expectedPayFen: 10000 + i,
          note: `工人 ${i}`,
        },
      );
    const asked = [
      ...crowd.map((w) => w.userId),
      crowd[2].userId, // twice in one batch
      crowd[5].userId.toUpperCase(),
      '00000000-0000-4000-8000-000000000000', // nobody's
      'not-a-uuid',
    ];
    // All in one turn of the event loop: one query.
    const answers = await Promise.all(asked.map((id) => gigs.availability(id)));
    answers.forEach((a, i) => {
      const k = crowd.findIndex((w) => w.userId === asked[i].toLowerCase());
      if (k < 0) return expect(a).toBeNull();
      expect(a).toMatchObject({
        workerUserId: crowd[k].userId,
        homeTownship: towns[k],
        expectedPayFen: 10000 + k,
        note: `工人 ${k}`,
      });
    });
  });

  it('availability, near me today, and the workers free nearby for a gig; the poster invites one', async () => {
    await as(app, workerB, 'put', '/api/v1/gigs/availability/me', {
      trades: ['装卸'],
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      townshipCodes: ['xishe', 'zhaidian'],
      homeTownship: 'xishe',
      expectedPayFen: 18000,
      payUnit: 'day',
    }).expect(200);
    expect(
      fields(
        await as(app, workerB, 'put', '/api/v1/gigs/availability/me', {
          trades: [],
          weekdays: [8],
          townshipCodes: ['xishe'],
          homeTownship: 'xishe',
        }).expect(400),
      ).sort(),
    ).toEqual(['trades', 'weekdays']);
    const gig = await postGig(app, employer, {
      title: '附近装卸',
      date: chinaDay(0),
      startTime: '00:00',
      endTime: '23:59',
      trade: '搬运装卸',
      townshipCode: 'zhaidian',
    });
    // The same trade today, but in a township the worker cannot reach.
    const farAway = await postGig(app, employer, {
      title: '远处装卸',
      date: chinaDay(0),
      startTime: '00:00',
      endTime: '23:59',
      trade: '装卸',
      townshipCode: 'huayu',
    });
    await drainOutbox(worker);
    const near = (await as(app, workerB, 'get', '/api/v1/gigs/near-me?date=today').expect(200)).body;
    expect(near).toMatchObject({
      date: chinaDay(0),
      townshipCode: 'xishe',
      hasAvailability: true,
      offDay: false,
      degraded: false,
    });
    // 装卸 and 搬运装卸 are one trade family in the synonyms.
    const nearIds = near.hits.map((h: { id: string }) => h.id);
    expect(nearIds).toContain(gig.id);
    expect(nearIds).not.toContain(farAway.id);
    expect(
      near.hits.every((h: { townshipCode: string }) => ['xishe', 'zhaidian'].includes(h.townshipCode)),
    ).toBe(true);
    const free = (await as(app, employer, 'get', `/api/v1/gigs/${gig.id}/available-workers`).expect(200))
      .body;
    expect(free.items.map((w: { workerUserId: string }) => w.workerUserId)).toContain(workerB.userId);
    await as(app, otherEmployer, 'get', `/api/v1/gigs/${gig.id}/available-workers`).expect(404);
    const inv = (
      await as(app, employer, 'post', `/api/v1/gigs/${gig.id}/invitations`, {
        workerUserId: workerB.userId,
      }).expect(201)
    ).body;
    expect(inv.status).toBe('invited');
    expect(
      (await as(app, workerB, 'post', `/api/v1/gigs/${gig.id}/acceptances`).expect(201)).body,
    ).toMatchObject({ id: inv.id, status: 'accepted' });

    // Not free tomorrow's weekday: near-me offers nothing that day, and says why.
    const tomorrow = new Date(`${chinaDay(1)}T00:00:00Z`).getUTCDay() || 7;
    await as(app, workerB, 'put', '/api/v1/gigs/availability/me', {
      trades: ['装卸'],
      weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== tomorrow),
      townshipCodes: ['xishe', 'zhaidian'],
      homeTownship: 'xishe',
    }).expect(200);
    await postGig(app, employer, {
      title: '明天装卸',
      date: chinaDay(1),
      trade: '装卸',
      townshipCode: 'xishe',
    });
    await drainOutbox(worker);
    expect(
      (await as(app, workerB, 'get', '/api/v1/gigs/near-me?date=tomorrow').expect(200)).body,
    ).toMatchObject({
      date: chinaDay(1),
      offDay: true,
      hits: [],
      total: 0,
    });
    expect((await as(app, workerB, 'get', '/api/v1/gigs/near-me?date=today').expect(200)).body.offDay).toBe(
      false,
    );
  });

  it('access: posters manage only their gigs, workers only their acceptances, staff routes are staff-only', async () => {
    const gig = await postGig(app, employer, { title: '权限测试' });
    const a = (await as(app, workerA, 'post', `/api/v1/gigs/${gig.id}/acceptances`).expect(201)).body;
    await as(app, otherEmployer, 'post', `/api/v1/gigs/${gig.id}/cancel`, { reason: '捣乱' }).expect(404);
    await as(app, otherEmployer, 'get', `/api/v1/gigs/${gig.id}/acceptances`).expect(404);
    await as(app, otherEmployer, 'post', `/api/v1/gigs/acceptances/${a.id}/completion`, {
      wagePaidFen: 1,
    }).expect(404);
    await as(app, workerB, 'post', `/api/v1/gigs/acceptances/${a.id}/check-in`, {
      townshipCode: 'zhaidian',
    }).expect(404);
    await as(app, employer, 'post', `/api/v1/gigs/acceptances/${a.id}/check-in`, {
      townshipCode: 'zhaidian',
    }).expect(403);
    await as(app, workerA, 'post', `/api/v1/gigs/acceptances/${a.id}/completion`, { wagePaidFen: 1 }).expect(
      404,
    );
    await as(app, employer, 'post', `/api/v1/gigs/${gig.id}/acceptances`).expect(403);
    for (const [method, url] of [
      ['get', '/api/v1/gigs'],
      ['get', `/api/v1/gigs/statistics?from=${chinaDay(0)}&to=${chinaDay(1)}`],
      ['post', `/api/v1/gigs/${gig.id}/review`],
      ['post', '/api/v1/gigs/points'],
      ['get', '/api/v1/gigs/reports'],
    ] as const) {
      await as(app, workerA, method, url, method === 'post' ? {} : undefined).expect(403);
      await as(app, employer, method, url, method === 'post' ? {} : undefined).expect(403);
      await as(app, null, method, url, method === 'post' ? {} : undefined).expect(401);
    }
    await as(app, null, 'post', '/api/v1/gigs', gigBody()).expect(401);
    await as(app, null, 'post', `/api/v1/gigs/${gig.id}/acceptances`).expect(401);
    await as(app, null, 'get', '/api/v1/gigs/acceptances/mine').expect(401);
    await as(app, null, 'get', '/api/v1/gigs/points').expect(200);
    // The poster cancels with a reason: the taker's acceptance ends with it.
    expect(fields(await as(app, employer, 'post', `/api/v1/gigs/${gig.id}/cancel`, {}).expect(400))).toEqual([
      'reason',
    ]);
    expect(
      (await as(app, employer, 'post', `/api/v1/gigs/${gig.id}/cancel`, { reason: '下雨改期' }).expect(200))
        .body,
    ).toMatchObject({ status: 'cancelled', cancelReason: '下雨改期' });
    const mine = (await as(app, workerA, 'get', '/api/v1/gigs/acceptances/mine').expect(200)).body;
    expect(
      mine.items.find((i: { acceptance: { id: string } }) => i.acceptance.id === a.id).acceptance,
    ).toMatchObject({ status: 'cancelled', endReason: '下雨改期' });
  });

  it('gig points (零工驿站) are added by staff and listed publicly', async () => {
    const p = (
      await as(app, staff, 'post', '/api/v1/gigs/points', {
        name: '翟店镇零工驿站',
        townshipCode: 'zhaidian',
        address: '翟店镇人民路便民服务中心',
        openingHours: '每天 6:00—10:00',
        trades: ['搬运装卸', '建筑小工'],
      }).expect(201)
    ).body;
    expect(p).toMatchObject({ township: '翟店镇' });
    expect(
      (await as(app, null, 'get', '/api/v1/gigs/points').expect(200)).body.items.map(
        (x: { id: string }) => x.id,
      ),
    ).toContain(p.id);
    expect(
      fields(
        await as(app, staff, 'post', '/api/v1/gigs/points', {
          name: 'x',
          townshipCode: 'zhaidian',
          address: '',
          openingHours: 'x',
          trades: [],
        }).expect(400),
      ),
    ).toEqual(['address']);
  });

  it('单位核验: staff verify a posting organisation (its gigs carry the mark) or fail it (posting stops, its live gigs come down, takers are told)', async () => {
    const shady = await registerEmployer(app, '稷山县可疑劳务有限公司');
    const honest = await postGig(app, otherEmployer, { title: '核验测试：正规单位' });
    const doubtful = await postGig(app, shady, { title: '核验测试：可疑单位', headcount: 2 });
    expect(honest.posterVerified).toBe(false);
    await as(app, workerA, 'post', `/api/v1/gigs/${doubtful.id}/acceptances`).expect(201);
    await drainOutbox(worker);

    const list = (await as(app, staff, 'get', '/api/v1/gigs/posters?limit=100').expect(200)).body;
    expect(
      list.items.find((o: { organisationId: string }) => o.organisationId === shady.organisationId),
    ).toMatchObject({
      checkStatus: 'unchecked',
      gigs: 1,
      liveGigs: 1,
    });
    // Who may check: staff only; a failed check gives its reason.
    for (const who of [otherEmployer, agency, workerA])
      await as(app, who, 'post', `/api/v1/gigs/posters/${shady.organisationId}/check`, {
        outcome: 'verified',
      }).expect(403);
    expect(
      fields(
        await as(app, staff, 'post', `/api/v1/gigs/posters/${shady.organisationId}/check`, {
          outcome: 'failed',
        }).expect(400),
      ),
    ).toEqual(['note']);
    expect(
      fields(
        await as(app, staff, 'post', `/api/v1/gigs/posters/${shady.organisationId}/check`, {
          outcome: 'maybe',
        }).expect(400),
      ),
    ).toEqual(['outcome']);
    await as(app, staff, 'post', '/api/v1/gigs/posters/00000000-0000-4000-8000-000000000000/check', {
      outcome: 'verified',
    }).expect(404);

    const ok = (
      await as(app, staff, 'post', `/api/v1/gigs/posters/${otherEmployer.organisationId}/check`, {
        outcome: 'verified',
        note: '实地走访，营业执照与经营场所一致',
      }).expect(200)
    ).body;
    expect(ok).toMatchObject({ organisation: { checkStatus: 'verified' }, takenDown: 0 });
    expect((await as(app, null, 'get', `/api/v1/gigs/${honest.id}`).expect(200)).body.posterVerified).toBe(
      true,
    );

    const failed = (
      await as(app, staff, 'post', `/api/v1/gigs/posters/${shady.organisationId}/check`, {
        outcome: 'failed',
        note: '登记地址查无此单位',
      }).expect(200)
    ).body;
    expect(failed).toMatchObject({ organisation: { checkStatus: 'failed', liveGigs: 0 }, takenDown: 1 });
    const gone = (await as(app, staff, 'get', `/api/v1/gigs/${doubtful.id}`).expect(200)).body;
    expect(gone).toMatchObject({ status: 'rejected' });
    expect(gone.reviewNote).toContain('登记地址查无此单位');
    await as(app, null, 'get', `/api/v1/gigs/${doubtful.id}`).expect(404);
    const [taker] = await ds.query(
      `SELECT a.status FROM gig_acceptances a WHERE a.gig_id = $1 AND a.worker_user_id = $2`,
      [doubtful.id, workerA.userId],
    );
    expect(taker.status).toBe('cancelled');
    const told = await ds.query(
      `SELECT title FROM notifications WHERE recipient_user_id = $1 AND subject_id = $2`,
      [workerA.userId, doubtful.id],
    );
    expect(told.map((n: { title: string }) => n.title)).toContain('零工已撤下：核验测试：可疑单位');
    const audit = await ds.query(`SELECT action, reason FROM audit_log WHERE target_id = $1 ORDER BY at`, [
      shady.organisationId,
    ]);
    expect(audit).toEqual([{ action: 'organisation.check-failed', reason: '登记地址查无此单位' }]);
    await drainOutbox(worker);
    expect((await search('q=核验测试')).hits.map((h: { id: string }) => h.id)).toEqual([honest.id]);
    // Posting stops for the failed organisation.
    const refused = await as(app, shady, 'post', '/api/v1/gigs', gigBody({ title: '再发一单' })).expect(403);
    expect(refused.body.error.code).toBe('poster-not-verified');
  });

  it('a gig posted while a failed check is committing waits for it and is refused; nothing is written', async () => {
    const racing = await registerEmployer(app, '稷山县核验竞态测试公司');
    // A staff check in flight: its UPDATE holds the organisation's row until it commits.
    const check = ds.createQueryRunner();
    await check.connect();
    await check.startTransaction();
    try {
      await check.query(
        `UPDATE organisations SET check_status = 'failed', check_note = $2, checked_at = now() WHERE id = $1`,
        [racing.organisationId, '竞态测试'],
      );
      let settled = false;
      const posting = as(app, racing, 'post', '/api/v1/gigs', gigBody({ title: '核验竞态：一单' })).then(
        (r) => {
          settled = true;
          return r;
        },
      );
      await new Promise((r) => setTimeout(r, 500));
      expect(settled).toBe(false); // waiting for the check, not racing past it
      await check.commitTransaction();
      const refused = await posting;
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('poster-not-verified');
    } finally {
      if (check.isTransactionActive) await check.rollbackTransaction();
      await check.release();
    }
    expect(
      Number((await ds.query(`SELECT count(*) AS n FROM gigs WHERE title = '核验竞态：一单'`))[0].n),
    ).toBe(0);
  });

  it('a gig whose day has passed closes itself and leaves the search', async () => {
    const gig = await postGig(app, employer, {
      title: '今天最后一单',
      date: chinaDay(0),
      startTime: '00:00',
      endTime: '23:59',
    });
    await drainOutbox(worker);
    expect((await search('date=today&q=最后一单')).hits.map((h: { id: string }) => h.id)).toContain(gig.id);
    const closed = await worker.get(GigExpiryScheduler).closePast(chinaDay(1));
    expect(closed).toBeGreaterThanOrEqual(1);
    expect((await as(app, null, 'get', `/api/v1/gigs/${gig.id}`).expect(200)).body.status).toBe('closed');
    await drainOutbox(worker);
    expect((await search('date=today&q=最后一单')).hits.map((h: { id: string }) => h.id)).not.toContain(
      gig.id,
    );
    await as(app, workerB, 'post', `/api/v1/gigs/${gig.id}/acceptances`).expect(409);
  });
});
