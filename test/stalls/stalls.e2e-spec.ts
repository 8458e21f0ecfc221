import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Actor, createPrivileged, registerAgency, registerEmployer } from '../jobs/jobs-fixtures';
import { Method, as } from '../fairs/fairs-fixtures';
import { IdentityScriptModule, seedDemo } from '../../scripts/seed-demo';
import { seedDemoSeekers } from '../../scripts/seed-demo-seekers';
import { seedDemoStalls } from '../../scripts/seed-demo-stalls';
import { NOT_PRIORITY, resident, zoneBody, zoneWithStalls } from './stalls-fixtures';

jest.setTimeout(240_000);

/**
 * Street-stall zones (地摊经济, plan 一(四)) through HTTP: staff designate zones and stalls,
 * residents apply once per zone, rounds serve difficult persons first then first come, never give
 * one stall twice (also two rounds at once), staff take stalls back with a reason (audited),
 * holders give them up, the public sees counts without names, and every route says who may call it.
 */
describe('street stalls', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  let staff: Actor;
  let admin: Actor;
  let employer: Actor;
  let agency: Actor;
  let seeker: Actor;

  beforeAll(async () => {
    env = await setupSuiteEnv('stalls', {
      LOGIN_THROTTLE_LIMIT: '100000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
      REGISTRATION_THROTTLE_PER_HOUR: '100000',
    });
    app = await startApi();
    ds = app.get(DataSource);
    staff = await createPrivileged(app, Role.Staff);
    admin = await createPrivileged(app, Role.Admin);
    employer = await registerEmployer(app, '稷山县摊位测试有限公司');
    agency = await registerAgency(app);
    seeker = await resident(app, NOT_PRIORITY);
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  /** PATCH as well as the fixtures' methods. */
  const call = (who: Actor | null, method: Method | 'patch', url: string, body?: object) => {
    let r = request(app.getHttpServer())[method](url);
    if (who) r = r.set('authorization', `Bearer ${who.token}`);
    return body ? r.send(body) : r;
  };
  const fields = (res: request.Response): string[] =>
    (res.body.error?.fields ?? []).map((f: { field: string }) => f.field);
  const apply = (who: Actor, zoneId: string, body: Record<string, unknown> = { goods: '烤红薯' }) =>
    as(app, who, 'post', `/api/v1/stalls/zones/${zoneId}/applications`, body);
  const round = (zoneId: string, who: Actor = staff) =>
    as(app, who, 'post', `/api/v1/stalls/zones/${zoneId}/rounds`);
  const mine = async (who: Actor) => (await as(app, who, 'get', '/api/v1/stalls/mine').expect(200)).body;
  const zoneOf = async (id: string) =>
    (await as(app, null, 'get', `/api/v1/stalls/zones/${id}`).expect(200)).body;

  it('staff create a zone and its stalls; everyone sees it with its opening hours and free stalls', async () => {
    const z = (
      await as(app, staff, 'post', '/api/v1/stalls/zones', zoneBody({ name: '稷峰镇后稷广场夜市' })).expect(
        201,
      )
    ).body;
    expect(z).toMatchObject({
      name: '稷峰镇后稷广场夜市',
      township: '稷峰镇',
      kind: 'night',
      kindName: '夜市',
      openingHours: '18:00–22:30',
      active: true,
      occupancy: { stalls: 0, held: 0, free: 0, waiting: 0 },
    });
    const added = await as(app, staff, 'post', `/api/v1/stalls/zones/${z.id}/stalls`, {
      stalls: [{ code: 'A-10', note: '2米×2米，有电源' }, { code: 'A-2' }, { code: 'A-01' }],
    }).expect(201);
    expect(added.body.items.map((s: { code: string }) => s.code)).toEqual(['A-01', 'A-2', 'A-10']);
    const pub = await zoneOf(z.id);
    expect(pub.occupancy).toEqual({ stalls: 3, held: 0, free: 3, waiting: 0 });
    expect(pub.stalls[2]).toMatchObject({ code: 'A-10', note: '2米×2米，有电源', free: true });
    const list = (await as(app, null, 'get', '/api/v1/stalls/zones?townshipCode=jifeng').expect(200)).body;
    expect(list.items.map((i: { id: string }) => i.id)).toContain(z.id);

    // A number already in the zone: 409, and nothing of the batch is added.
    const dup = await as(app, staff, 'post', `/api/v1/stalls/zones/${z.id}/stalls`, {
      stalls: [{ code: 'B-01' }, { code: 'A-2' }],
    }).expect(409);
    expect(dup.body.error.code).toBe('stall-code-taken');
    expect((await zoneOf(z.id)).occupancy.stalls).toBe(3);
    // The same name twice in a township: 409.
    const again = await as(
      app,
      admin,
      'post',
      '/api/v1/stalls/zones',
      zoneBody({ name: '稷峰镇后稷广场夜市' }),
    );
    expect([again.status, again.body.error.code]).toEqual([409, 'zone-name-taken']);
    // An inactive zone leaves the public list and takes no applications.
    await call(staff, 'patch', `/api/v1/stalls/zones/${z.id}`, { active: false }).expect(200);
    expect(
      (await as(app, null, 'get', '/api/v1/stalls/zones').expect(200)).body.items.map(
        (i: { id: string }) => i.id,
      ),
    ).not.toContain(z.id);
    expect(
      (await as(app, staff, 'get', '/api/v1/stalls/occupancy').expect(200)).body.items.map(
        (i: { id: string }) => i.id,
      ),
    ).toContain(z.id);
    expect((await apply(seeker, z.id).expect(409)).body.error.code).toBe('zone-inactive');
    expect((await round(z.id).expect(409)).body.error.code).toBe('zone-inactive');
  });

  it('bad input is a 400 naming the field and writes nothing; unknown ids are 404', async () => {
    const before = Number((await ds.query(`SELECT count(*) AS n FROM stall_zones`))[0].n);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ townshipCode: 'nowhere' }, 'townshipCode'],
      [{ townshipCode: 'JIFENG!' }, 'townshipCode'],
      [{ kind: 'market' }, 'kind'],
      [{ openingHours: '' }, 'openingHours'],
      [{ address: 5 }, 'address'],
      [{ active: 'yes' }, 'active'],
      [{ extra: 1 }, 'extra'],
    ];
    for (const [over, field] of cases) {
      const res = await as(app, staff, 'post', '/api/v1/stalls/zones', zoneBody(over));
      expect([res.status, fields(res)]).toEqual([400, [field]]);
    }
    expect(Number((await ds.query(`SELECT count(*) AS n FROM stall_zones`))[0].n)).toBe(before);

    const z = await zoneWithStalls(app, staff, 1);
    const stallCases: [unknown, string][] = [
      [[], 'stalls'],
      [[{ code: '' }], 'stalls[0].code'],
      [[{ code: 'A 01' }], 'stalls[0].code'],
      [[{ code: 'B-1' }, { code: 'B-1' }], 'stalls[1].code'],
    ];
    for (const [stalls, field] of stallCases) {
      const res = await as(app, staff, 'post', `/api/v1/stalls/zones/${z.id}/stalls`, { stalls });
      expect([res.status, fields(res)]).toEqual([400, [field]]);
    }
    expect(fields(await apply(seeker, z.id, { goods: '' }).expect(400))).toEqual(['goods']);
    expect(fields(await apply(seeker, z.id, { goods: '凉皮', preferredStallId: 'x' }).expect(400))).toEqual([
      'preferredStallId',
    ]);
    // A stall of another zone is not a stall of this one.
    const other = await zoneWithStalls(app, staff, 1);
    expect(
      fields(await apply(seeker, z.id, { goods: '凉皮', preferredStallId: other.stalls[0].id }).expect(400)),
    ).toEqual(['preferredStallId']);
    expect(
      fields(await as(app, staff, 'post', '/api/v1/stalls/holdings/x/revoke', { reason: 'r' }).expect(400)),
    ).toEqual(['id']);
    const nobody = '00000000-0000-4000-8000-000000000000';
    await as(app, null, 'get', `/api/v1/stalls/zones/${nobody}`).expect(404);
    await apply(seeker, nobody).expect(404);
    await round(nobody).expect(404);
    await as(app, staff, 'post', `/api/v1/stalls/zones/${nobody}/stalls`, { stalls: [{ code: 'A' }] }).expect(
      404,
    );
    await as(app, staff, 'get', `/api/v1/stalls/zones/${nobody}/applications`).expect(404);
    await as(app, staff, 'post', `/api/v1/stalls/holdings/${nobody}/revoke`, { reason: '测试' }).expect(404);
    await as(app, seeker, 'post', `/api/v1/stalls/holdings/${nobody}/give-up`, {}).expect(404);
    await as(app, seeker, 'post', `/api/v1/stalls/applications/${nobody}/withdraw`).expect(404);
    expect(fields(await as(app, staff, 'post', `/api/v1/stalls/zones/${z.id}/rounds`).expect(201))).toEqual(
      [],
    );
    expect(
      fields(await as(app, staff, 'post', `/api/v1/stalls/holdings/${nobody}/revoke`, {}).expect(400)),
    ).toEqual(['reason']);
  });

  it('one open application per seeker per zone (409), also when sent twice at once; withdrawing frees the slot', async () => {
    const z = await zoneWithStalls(app, staff, 2);
    const p = await resident(app, NOT_PRIORITY);
    const [a, b] = await Promise.all([apply(p, z.id), apply(p, z.id, { goods: '糖葫芦' })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((a.status === 409 ? a : b).body.error.code).toBe('application-open');
    const again = await apply(p, z.id).expect(409);
    expect(again.body.error.code).toBe('application-open');
    const open = (a.status === 201 ? a : b).body;
    expect(open).toMatchObject({ status: 'waiting', statusName: '等待分配', zoneId: z.id });
    // Another zone is another application.
    const z2 = await zoneWithStalls(app, staff, 1);
    await apply(p, z2.id).expect(201);
    const w = await as(app, p, 'post', `/api/v1/stalls/applications/${open.id}/withdraw`).expect(200);
    expect(w.body.status).toBe('withdrawn');
    await as(app, p, 'post', `/api/v1/stalls/applications/${open.id}/withdraw`).expect(409);
    // Somebody else's application is not theirs to withdraw.
    const mineNow = await apply(p, z.id).expect(201);
    await as(app, seeker, 'post', `/api/v1/stalls/applications/${mineNow.body.id}/withdraw`).expect(404);
    const m = await mine(p);
    expect(m.applications.map((x: { status: string }) => x.status).sort()).toEqual([
      'waiting',
      'waiting',
      'withdrawn',
    ]);
  });

  it('a round serves difficult persons first in application order, then first come; the rest keep waiting', async () => {
    const z = await zoneWithStalls(app, staff, 4);
    const plain1 = await resident(app, NOT_PRIORITY);
    const hard1 = await resident(app, ['difficult']);
    const plain2 = await resident(app, NOT_PRIORITY);
    const hard2 = await resident(app, ['rural-labourer', 'zero-employment-family']);
    const plain3 = await resident(app, []);
    const disabled = await resident(app, ['disabled']);
    for (const who of [plain1, hard1, plain2, hard2, plain3]) await apply(who, z.id).expect(201);
    // The difficult applicant wants A-04.
    await apply(disabled, z.id, { goods: '手工编织', preferredStallId: z.stalls[3].id }).expect(201);

    // The staff queue shows names, who is served first and the place in the queue.
    const q = (await as(app, staff, 'get', `/api/v1/stalls/zones/${z.id}/applications`).expect(200)).body;
    expect(q.total).toBe(6);
    const byUser = new Map(q.items.map((i: { seekerUserId: string }) => [i.seekerUserId, i]));
    expect(byUser.get(hard1.userId)).toMatchObject({ priority: true, queuePosition: 1 });
    expect(byUser.get(hard2.userId)).toMatchObject({ priority: true, queuePosition: 2 });
    expect(byUser.get(disabled.userId)).toMatchObject({
      priority: true,
      queuePosition: 3,
      preferredStallCode: 'A-04',
    });
    expect(byUser.get(plain1.userId)).toMatchObject({ priority: false, queuePosition: 4 });
    expect((byUser.get(plain1.userId) as { seekerName: string }).seekerName).toMatch(/^求职者/);

    const r = (await round(z.id).expect(201)).body;
    expect(r.round).toMatchObject({ allocated: 4, waitingLeft: 2, freeLeft: 0 });
    expect(r.allocations.map((x: { seekerUserId: string }) => x.seekerUserId)).toEqual([
      hard1.userId,
      hard2.userId,
      disabled.userId,
      plain1.userId,
    ]);
    expect(r.allocations.map((x: { priority: boolean }) => x.priority)).toEqual([true, true, true, false]);
    expect(
      r.allocations.find((x: { seekerUserId: string }) => x.seekerUserId === disabled.userId).stallCode,
    ).toBe('A-04');
    expect(new Set(r.allocations.map((x: { stallId: string }) => x.stallId)).size).toBe(4);

    const m = await mine(hard1);
    expect(m.holdings[0]).toMatchObject({
      status: 'active',
      statusName: '使用中',
      zone: { openingHours: '18:00–22:30' },
    });
    expect(m.applications[0].status).toBe('allocated');
    expect((await mine(plain2)).applications[0].status).toBe('waiting');
    expect((await zoneOf(z.id)).occupancy).toEqual({ stalls: 4, held: 4, free: 0, waiting: 2 });
    // A winner cannot apply again in the zone while holding a stall.
    expect((await apply(hard1, z.id).expect(409)).body.error.code).toBe('stall-held');
    // A round with no free stall gives nothing and keeps the queue.
    expect((await round(z.id).expect(201)).body.round).toMatchObject({ allocated: 0, waitingLeft: 2 });
    // The winner is told.
    const notes = (await as(app, hard1, 'get', '/api/v1/notifications').expect(200)).body;
    expect(JSON.stringify(notes)).toContain('已分到摊位');
  });

  it('two people for the last stall: exactly one wins, and priority is honoured in the same round', async () => {
    const z = await zoneWithStalls(app, staff, 1);
    const early = await resident(app, NOT_PRIORITY);
    const lateDifficult = await resident(app, ['difficult']);
    await apply(early, z.id).expect(201);
    await apply(lateDifficult, z.id).expect(201);
    const r = (await round(z.id).expect(201)).body;
    expect(r.allocations.map((x: { seekerUserId: string }) => x.seekerUserId)).toEqual([
      lateDifficult.userId,
    ]);
    expect(r.round).toMatchObject({ allocated: 1, waitingLeft: 1, freeLeft: 0 });
    expect((await mine(early)).holdings).toEqual([]);
    expect((await mine(lateDifficult)).holdings).toHaveLength(1);
    const rows = await ds.query(
      `SELECT count(*) AS n FROM stall_holdings WHERE zone_id = $1 AND status = 'active'`,
      [z.id],
    );
    expect(Number(rows[0].n)).toBe(1);

    // Two equal applicants for the last stall: the first to apply wins.
    const z2 = await zoneWithStalls(app, staff, 1);
    const first = await resident(app, NOT_PRIORITY);
    const second = await resident(app, NOT_PRIORITY);
    await apply(first, z2.id).expect(201);
    await apply(second, z2.id).expect(201);
    const r2 = (await round(z2.id, admin).expect(201)).body;
    expect(r2.allocations.map((x: { seekerUserId: string }) => x.seekerUserId)).toEqual([first.userId]);
  });

  it('rounds run at the same moment never give one stall twice, nor two stalls to one person', async () => {
    const z = await zoneWithStalls(app, staff, 3);
    const people = await Promise.all(
      Array.from({ length: 7 }, (_, i) => resident(app, i % 3 === 0 ? ['difficult'] : NOT_PRIORITY)),
    );
    for (const p of people) await apply(p, z.id).expect(201);
    const results = await Promise.all([round(z.id), round(z.id, admin), round(z.id)]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const allocations = results.flatMap(
      (r) => r.body.allocations as { stallId: string; seekerUserId: string }[],
    );
    expect(allocations).toHaveLength(3);
    expect(new Set(allocations.map((a) => a.stallId)).size).toBe(3);
    expect(new Set(allocations.map((a) => a.seekerUserId)).size).toBe(3);
    // The three difficult persons (people 0, 3, 6) are the three served.
    expect(allocations.map((a) => a.seekerUserId).sort()).toEqual(
      [people[0], people[3], people[6]].map((p) => p.userId).sort(),
    );
    const rows: { stall_id: string; n: string }[] = await ds.query(
      `SELECT stall_id, count(*) AS n FROM stall_holdings WHERE zone_id = $1 AND status = 'active' GROUP BY stall_id`,
      [z.id],
    );
    expect(rows.map((r) => Number(r.n))).toEqual([1, 1, 1]);
    expect((await zoneOf(z.id)).occupancy).toEqual({ stalls: 3, held: 3, free: 0, waiting: 4 });
  });

  it('the database itself refuses a second holder of a stall and a second stall per seeker in a zone', async () => {
    const z = await zoneWithStalls(app, staff, 2);
    const a = await resident(app, NOT_PRIORITY);
    const b = await resident(app, NOT_PRIORITY);
    await apply(a, z.id).expect(201);
    await apply(b, z.id).expect(201);
    await round(z.id).expect(201);
    const [h] = await ds.query(
      `SELECT * FROM stall_holdings WHERE zone_id = $1 ORDER BY started_at LIMIT 1`,
      [z.id],
    );
    const insert = (stallId: string, seekerId: string) =>
      ds.query(
        `INSERT INTO stall_holdings (stall_id, zone_id, seeker_user_id, application_id, round_id, goods, status)
         SELECT $1, zone_id, $2, application_id, round_id, goods, 'active' FROM stall_holdings WHERE id = $3`,
        [stallId, seekerId, h.id],
      );
    await expect(insert(h.stall_id, b.userId)).rejects.toThrow(/stall_holdings_(one_per_stall|application)/);
    const other = z.stalls.find((s) => s.id !== h.stall_id)!;
    await ds.query(
      `UPDATE stall_holdings SET status = 'given-up', ended_at = now() WHERE zone_id = $1 AND id <> $2`,
      [z.id, h.id],
    );
    await expect(
      ds.query(
        `INSERT INTO stall_holdings (stall_id, zone_id, seeker_user_id, application_id, round_id, goods, status)
         SELECT $1, zone_id, seeker_user_id, (SELECT id FROM stall_applications WHERE seeker_user_id = $3 AND zone_id = $4),
                round_id, goods, 'active' FROM stall_holdings WHERE id = $2`,
        [other.id, h.id, b.userId, z.id],
      ),
    ).rejects.toThrow(/stall_holdings_one_per_seeker_zone/);
  });

  it('staff revoke a holding with a reason (audited); the stall is free for the next round; a holder gives up', async () => {
    const z = await zoneWithStalls(app, staff, 1);
    const holder = await resident(app, ['difficult']);
    const next = await resident(app, NOT_PRIORITY);
    await apply(holder, z.id, { goods: '炒凉粉' }).expect(201);
    await apply(next, z.id, { goods: '烤冷面' }).expect(201);
    const h = (await round(z.id).expect(201)).body.allocations[0];
    expect(h.seekerUserId).toBe(holder.userId);

    // Only the holder gives up their own stall.
    await as(app, next, 'post', `/api/v1/stalls/holdings/${h.id}/give-up`, {}).expect(404);
    expect(
      fields(
        await as(app, staff, 'post', `/api/v1/stalls/holdings/${h.id}/revoke`, { reason: '' }).expect(400),
      ),
    ).toEqual(['reason']);
    expect(
      fields(
        await as(app, staff, 'post', `/api/v1/stalls/holdings/${h.id}/revoke`, { reason: '   ' }).expect(400),
      ),
    ).toEqual(['reason']);
    const revoked = await as(app, staff, 'post', `/api/v1/stalls/holdings/${h.id}/revoke`, {
      reason: '多次占道经营，经劝导不改',
    }).expect(200);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      statusName: '已收回',
      endReason: '多次占道经营，经劝导不改',
    });
    const audit = await ds.query(`SELECT actor_id, action, reason FROM audit_log WHERE target_id = $1`, [
      h.id,
    ]);
    expect(audit).toEqual([
      { actor_id: staff.userId, action: 'stall-holding.revoke', reason: '多次占道经营，经劝导不改' },
    ]);
    expect(
      (await as(app, staff, 'post', `/api/v1/stalls/holdings/${h.id}/revoke`, { reason: '再收' }).expect(409))
        .body.error.code,
    ).toBe('holding-ended');
    expect((await zoneOf(z.id)).occupancy).toMatchObject({ held: 0, free: 1, waiting: 1 });
    expect((await mine(holder)).holdings[0]).toMatchObject({
      status: 'revoked',
      endReason: '多次占道经营，经劝导不改',
    });

    // The freed stall goes to the next in the queue.
    const r = (await round(z.id).expect(201)).body;
    expect(r.allocations.map((x: { seekerUserId: string }) => x.seekerUserId)).toEqual([next.userId]);
    expect(r.allocations[0].stallId).toBe(h.stallId);
    const staffList = (await as(app, staff, 'get', `/api/v1/stalls/zones/${z.id}/holdings`).expect(200)).body;
    expect(staffList.items).toHaveLength(1);
    expect(staffList.items[0]).toMatchObject({ seekerUserId: next.userId, stallCode: 'A-01' });

    // The holder gives up: free again, and they may apply again.
    const g = await as(app, next, 'post', `/api/v1/stalls/holdings/${r.allocations[0].id}/give-up`, {
      reason: '找到工作了',
    }).expect(200);
    expect(g.body).toMatchObject({ status: 'given-up', statusName: '已退摊' });
    await as(app, next, 'post', `/api/v1/stalls/holdings/${r.allocations[0].id}/give-up`, {}).expect(409);
    expect((await zoneOf(z.id)).occupancy).toMatchObject({ held: 0, free: 1 });
    await apply(next, z.id).expect(201);
    // The holder revoked earlier may apply again and is served first.
    await apply(holder, z.id).expect(201);
    expect((await round(z.id).expect(201)).body.allocations[0].seekerUserId).toBe(holder.userId);
    const rounds = (await as(app, staff, 'get', `/api/v1/stalls/zones/${z.id}/rounds`).expect(200)).body;
    expect(rounds.items).toHaveLength(3);
  });

  it('township staff manage the zones of their own township only', async () => {
    const xishe = await createPrivileged(app, Role.Staff, 'xishe');
    const jifengZone = (
      await as(app, staff, 'post', '/api/v1/stalls/zones', zoneBody({ name: '乡镇范围测试摊区' })).expect(201)
    ).body;
    expect(
      fields(
        await as(app, xishe, 'post', '/api/v1/stalls/zones', zoneBody({ name: '别镇的摊区' })).expect(400),
      ),
    ).toEqual(['townshipCode']);
    await round(jifengZone.id, xishe).expect(404);
    await as(app, xishe, 'get', `/api/v1/stalls/zones/${jifengZone.id}/applications`).expect(404);
    await as(app, xishe, 'get', `/api/v1/stalls/zones/${jifengZone.id}/holdings`).expect(404);
    await as(app, xishe, 'post', `/api/v1/stalls/zones/${jifengZone.id}/stalls`, {
      stalls: [{ code: 'Z-01' }],
    }).expect(404);
    const own = await as(
      app,
      xishe,
      'post',
      '/api/v1/stalls/zones',
      zoneBody({ name: '西社镇集市', townshipCode: 'xishe', address: '西社镇街口' }),
    ).expect(201);
    await as(app, xishe, 'get', `/api/v1/stalls/zones/${own.body.id}/applications`).expect(200);
    // A second zone of the same name in the township: a 409, also when renaming one.
    const twin = await as(
      app,
      staff,
      'post',
      '/api/v1/stalls/zones',
      zoneBody({ name: '乡镇范围测试摊区二' }),
    ).expect(201);
    expect(
      (
        await call(staff, 'patch', `/api/v1/stalls/zones/${twin.body.id}`, {
          name: '乡镇范围测试摊区',
        }).expect(409)
      ).body.error.code,
    ).toBe('zone-name-taken');
  });

  it('the public occupancy and zone pages carry no personal data', async () => {
    const z = await zoneWithStalls(app, staff, 2);
    const p = await resident(app, NOT_PRIORITY);
    await apply(p, z.id, { goods: '卖袜子' }).expect(201);
    await round(z.id).expect(201);
    const q = await resident(app, NOT_PRIORITY);
    await apply(q, z.id, { goods: '卖手机壳' }).expect(201);
    const detail = await zoneOf(z.id);
    expect(detail.occupancy).toEqual({ stalls: 2, held: 1, free: 1, waiting: 1 });
    expect(detail.stalls.map((s: { free: boolean }) => s.free).sort()).toEqual([false, true]);
    const list = (await as(app, null, 'get', '/api/v1/stalls/zones').expect(200)).body;
    for (const text of [JSON.stringify(detail), JSON.stringify(list)]) {
      expect(text).not.toMatch(/求职者|卖袜子|卖手机壳/);
      expect(text).not.toContain(p.userId);
      expect(text).not.toContain(q.userId);
      expect(text).not.toMatch(/seeker|displayName|goods/i);
    }
  });

  it('every stalls route answers each role as declared (access matrix)', async () => {
    const z = await zoneWithStalls(app, staff, 2);
    const holder = await resident(app, NOT_PRIORITY);
    const appl = (await apply(holder, z.id).expect(201)).body;
    const h = (await round(z.id).expect(201)).body.allocations[0];
    const pending = await resident(app, NOT_PRIORITY);
    const pendingAppl = (await apply(pending, z.id).expect(201)).body;
    const who: Record<string, Actor | null> = { anonymous: null, seeker, employer, agency, staff, admin };
    type Row = [Method | 'patch', string, object | undefined, 'public' | 'seeker' | 'staff'];
    const routes: Row[] = [
      ['get', '/api/v1/stalls/vocabulary', undefined, 'public'],
      ['get', '/api/v1/stalls/zones', undefined, 'public'],
      ['get', `/api/v1/stalls/zones/${z.id}`, undefined, 'public'],
      ['get', '/api/v1/stalls/occupancy', undefined, 'staff'],
      ['post', '/api/v1/stalls/zones', zoneBody(), 'staff'],
      ['patch', `/api/v1/stalls/zones/${z.id}`, { openingHours: '18:30–22:30' }, 'staff'],
      ['post', `/api/v1/stalls/zones/${z.id}/stalls`, { stalls: [{ code: 'Z-1' }] }, 'staff'],
      ['get', `/api/v1/stalls/zones/${z.id}/applications`, undefined, 'staff'],
      ['get', `/api/v1/stalls/zones/${z.id}/holdings`, undefined, 'staff'],
      ['get', `/api/v1/stalls/zones/${z.id}/rounds`, undefined, 'staff'],
      ['post', `/api/v1/stalls/zones/${z.id}/rounds`, undefined, 'staff'],
      ['post', `/api/v1/stalls/holdings/${h.id}/revoke`, { reason: '矩阵测试' }, 'staff'],
      ['post', `/api/v1/stalls/zones/${z.id}/applications`, { goods: '矩阵测试' }, 'seeker'],
      ['get', '/api/v1/stalls/mine', undefined, 'seeker'],
      ['post', `/api/v1/stalls/applications/${pendingAppl.id}/withdraw`, undefined, 'seeker'],
      ['post', `/api/v1/stalls/holdings/${h.id}/give-up`, {}, 'seeker'],
    ];
    const got: string[] = [];
    const want: string[] = [];
    for (const [method, url, body, access] of routes) {
      for (const [name, actor] of Object.entries(who)) {
        const res = await call(actor, method, url, body);
        const allowed =
          access === 'public' ||
          (access === 'staff' && (name === 'staff' || name === 'admin')) ||
          (access === 'seeker' && name === 'seeker');
        const expected = allowed ? 'allowed' : actor ? '403' : '401';
        // Allowed: any answer of the route itself (2xx, or a 404/409 of the business rule), never a 500.
        const seen =
          res.status >= 500
            ? String(res.status)
            : res.status === 401 || res.status === 403
              ? String(res.status)
              : 'allowed';
        got.push(`${method.toUpperCase()} ${url} ${name}: ${seen}`);
        want.push(`${method.toUpperCase()} ${url} ${name}: ${expected}`);
      }
    }
    expect(got).toEqual(want);
    // The seeker's own calls above had their effect; other seekers' ids stay 404 (not theirs).
    expect(appl.status).toBe('waiting');
    await as(app, seeker, 'post', `/api/v1/stalls/applications/${pendingAppl.id}/withdraw`).expect(404);
  });

  it('the demo seed makes one night market in 稷峰镇 with holders, once', async () => {
    // The demo's script module has no StallsModule: the seed loads it itself.
    const ctx = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: false });
    try {
      await seedDemo(ctx);
      await seedDemoSeekers(ctx);
      const first = await seedDemoStalls(ctx);
      expect(first.allocated).toBe(12);
      expect(await seedDemoStalls(ctx)).toEqual({ created: 0, allocated: 0 });
    } finally {
      await ctx.close();
    }
    const zones = (await as(app, null, 'get', '/api/v1/stalls/zones?townshipCode=jifeng').expect(200)).body;
    const night = zones.items.find((z: { name: string }) => z.name === '后稷广场夜市');
    expect(night).toMatchObject({ kind: 'night', occupancy: { stalls: 12, held: 12, free: 0, waiting: 4 } });
  });
});
