import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Actor, createPrivileged, registerAgency } from '../jobs/jobs-fixtures';
import { as, employerOf, seekerWithProfile } from '../subsidies/claims-fixtures';
import { chinaIso } from '../fairs/fairs-fixtures';

jest.setTimeout(300_000);

interface Target {
  id: string;
  actual: number | null;
  target: number;
  status: string;
  monthly: { month: string; count: number; cumulative: number }[];
  byTownship: { code: string; actual: number }[] | null;
}

const fields = (res: request.Response): string[] =>
  (res.body.error?.fields ?? []).map((f: { field: string }) => f.field);

/**
 * The plan's targets (table B) against the records: a year is seeded through the real routes
 * (certificates, businesses, hires, a labour-export trip, stations, 零就业家庭 households, and this
 * year's fair and internship post); every figure of GET /api/v1/targets equals what the test counts
 * in SQL; one record more moves its figure and no other; the monthly report's claim totals equal
 * the claims' sums, in JSON and in the workbook; the lists behind the figures are staff's.
 */
describe('plan targets', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let staff: Actor;
  let townshipStaff: Actor;
  let employer: Actor;
  let agency: Actor;
  let seekers: Actor[];
  let difficultA: Actor;
  let zeroA: Actor;
  let zeroB: Actor;
  let zeroC: Actor;
  const year = Number(todayInChina().slice(0, 4));

  const targetsOf = async (q: string): Promise<Record<string, Target>> => {
    const body = (await as(app, null, 'get', `/api/v1/targets?${q}`).expect(200)).body;
    return Object.fromEntries(body.targets.map((t: Target) => [t.id, t]));
  };
  const one = async (sql: string, params: unknown[] = []): Promise<number> => {
    const [{ n }] = await ds.query(sql, params);
    return Number(n);
  };

  /** What the figures must be, counted straight from the tables. */
  async function countedInSql(y: number, asOf: string): Promise<Record<string, number>> {
    return {
      'fairs-held': await one(
        `SELECT count(*) AS n FROM fairs WHERE status IN ('held', 'reported')
           AND extract(year FROM starts_at AT TIME ZONE 'Asia/Shanghai') = $1
           AND (starts_at AT TIME ZONE 'Asia/Shanghai')::date <= $2::date`,
        [y, asOf],
      ),
      'fair-hires': await one(
        `SELECT count(*) AS n FROM fair_outcomes o JOIN fairs f ON f.id = o.fair_id WHERE o.kind = 'hired'
           AND f.status IN ('held', 'reported') AND extract(year FROM f.starts_at AT TIME ZONE 'Asia/Shanghai') = $1
           AND (f.starts_at AT TIME ZONE 'Asia/Shanghai')::date <= $2::date`,
        [y, asOf],
      ),
      'startup-businesses': await one(
        `SELECT count(*) AS n FROM startup_businesses WHERE extract(year FROM licensed_on) = $1 AND licensed_on <= $2`,
        [y, asOf],
      ),
      'startup-jobs': await one(
        `SELECT coalesce(sum(employees), 0) AS n FROM startup_businesses
          WHERE extract(year FROM licensed_on) = $1 AND licensed_on <= $2`,
        [y, asOf],
      ),
      'subsidised-training': await one(
        `SELECT count(DISTINCT s.person_user_id) AS n FROM subsidy_claims c JOIN skill_certificates s ON s.id = c.source_id
          WHERE c.measure = 'skill-upgrade' AND c.status <> 'rejected' AND extract(year FROM s.issued_on) = $1
            AND s.issued_on <= $2`,
        [y, asOf],
      ),
      'new-skilled-workers': await one(
        `SELECT count(DISTINCT person_user_id) AS n FROM skill_certificates
          WHERE extract(year FROM issued_on) = $1 AND issued_on <= $2`,
        [y, asOf],
      ),
      'new-highly-skilled-workers': await one(
        `SELECT count(DISTINCT person_user_id) AS n FROM skill_certificates
          WHERE level = 'senior' AND extract(year FROM issued_on) = $1 AND issued_on <= $2`,
        [y, asOf],
      ),
      'export-trips': await one(
        `SELECT count(*) AS n FROM export_trips WHERE cancelled_at IS NULL
           AND extract(year FROM departure_date) = $1 AND departure_date <= $2`,
        [y, asOf],
      ),
      'export-people': await one(
        `SELECT count(DISTINCT p.seeker_user_id) AS n FROM export_trip_participants p JOIN export_trips t ON t.id = p.trip_id
          WHERE p.status IN ('departed', 'placed') AND t.cancelled_at IS NULL
            AND extract(year FROM p.departed_on) = $1 AND p.departed_on <= $2`,
        [y, asOf],
      ),
      'internship-posts': await one(
        `SELECT count(*) AS n FROM job_posts WHERE is_internship AND first_published_at IS NOT NULL
           AND extract(year FROM first_published_at AT TIME ZONE 'Asia/Shanghai') = $1
           AND (first_published_at AT TIME ZONE 'Asia/Shanghai')::date <= $2::date`,
        [y, asOf],
      ),
      'difficult-persons-placed': await one(
        `SELECT count(DISTINCT seeker_user_id) AS n FROM placements
          WHERE extract(year FROM start_date) = $1 AND start_date <= $2 AND snapshot -> 'person' -> 'groups' ? 'difficult'`,
        [y, asOf],
      ),
      'zero-employment-families': await one(
        `WITH m AS (SELECT user_id, coalesce(household_code, 'person:' || user_id) AS h, groups FROM seeker_profiles),
              flagged AS (SELECT DISTINCT h FROM m WHERE 'zero-employment-family' = ANY (groups))
         SELECT count(DISTINCT m.h) AS n FROM m JOIN flagged USING (h)
          WHERE EXISTS (SELECT 1 FROM placements p WHERE p.seeker_user_id = m.user_id
                          AND p.start_date <= $1::date AND (p.ended_on IS NULL OR p.ended_on > $1::date))`,
        [asOf],
      ),
      'township-stations': await one(
        `SELECT count(*) AS n FROM service_stations WHERE kind = 'township' AND trained_staff >= 3
           AND opened_on <= $1 AND (closed_on IS NULL OR closed_on > $1)`,
        [asOf],
      ),
      'community-stations': await one(
        `SELECT count(*) AS n FROM service_stations WHERE kind = 'community' AND trained_staff >= 3
           AND opened_on <= $1 AND (closed_on IS NULL OR closed_on > $1)`,
        [asOf],
      ),
    };
  }

  const actuals = (t: Record<string, Target>): Record<string, number | null> =>
    Object.fromEntries(Object.entries(t).map(([id, x]) => [id, x.actual]));

  async function certificate(
    who: Actor,
    level: string,
    issuedOn: string,
    occupation = '焊工',
  ): Promise<void> {
    await as(app, staff, 'post', '/api/v1/skill-certificates', {
      personUserId: who.userId,
      level,
      occupation,
      issuedOn,
      issuingBody: '稷山县职业技能鉴定所',
      insuredMonths: 18,
    }).expect(201);
  }

  async function hire(who: Actor, startDate: string): Promise<void> {
    await as(app, staff, 'post', '/api/v1/placements', {
      employerOrganisationId: employer.organisationId,
      seekerUserId: who.userId,
      startDate,
      townshipCode: 'xishe',
    }).expect(201);
  }

  beforeAll(async () => {
    env = await setupSuiteEnv('targets');
    app = await startApi();
    worker = await startWorker();
    ds = app.get(DataSource);
    staff = await createPrivileged(app, Role.Staff);
    townshipStaff = await createPrivileged(app, Role.Staff, 'taiyang');
    employer = await employerOf(app, '稷山县目标测试机械有限公司', { townshipCode: 'xishe', size: 'medium' });
    agency = await registerAgency(app);
    const birth = { birthDate: '1985-03-01', sex: 'male' as const };
    seekers = [];
    for (let i = 0; i < 3; i++)
      seekers.push(await seekerWithProfile(app, birth, { groups: ['rural-labourer'] }));
    difficultA = await seekerWithProfile(app, birth, { groups: ['difficult'] }, 'huayu');
    zeroA = await seekerWithProfile(app, birth, {
      groups: ['zero-employment-family'],
      householdCode: 'H-0001',
    });
    zeroB = await seekerWithProfile(
      app,
      { birthDate: '1990-05-01', sex: 'female' },
      { householdCode: 'H-0001' },
    );
    zeroC = await seekerWithProfile(
      app,
      birth,
      { groups: ['zero-employment-family', 'difficult'] },
      'taiyang',
    );

    // 2023, through the routes: certificates (one person twice), two businesses, hires, a trip, stations.
    await certificate(seekers[0], 'junior', '2023-09-10');
    await certificate(seekers[0], 'intermediate', '2023-11-02', '电工');
    await certificate(seekers[1], 'senior', '2023-10-15');
    await certificate(seekers[2], 'junior', '2022-12-30'); // the year before: not counted
    for (const [name, employees, licensedOn] of [
      ['稷山县麻花小作坊', 4, '2023-04-01'],
      ['稷山县板枣电商工作室', 6, '2023-10-20'],
    ] as const) {
      await as(app, staff, 'post', '/api/v1/startup-businesses', {
        founderUserId: seekers[2].userId,
        name,
        kind: 'individual',
        licensedOn,
        firstBusiness: true,
        employees,
      }).expect(201);
    }
    await hire(difficultA, '2023-05-10');
    await hire(seekers[2], '2023-06-01');
    await hire(zeroB, '2023-07-01'); // household H-0001 has someone employed from July
    const trip = (
      await as(app, staff, 'post', '/api/v1/export-trips', {
        destination: { province: '江苏', city: '苏州市' },
        departureDate: '2023-09-06',
        plannedHeadcount: 10,
        organisingAgencyId: agency.organisationId,
        employerName: '昆山精密电子有限公司',
      }).expect(201)
    ).body;
    for (const s of seekers.slice(0, 2)) {
      await as(app, staff, 'post', `/api/v1/export-trips/${trip.id}/participants`, {
        seekerUserId: s.userId,
      }).expect(201);
    }
    await as(app, staff, 'post', `/api/v1/export-trips/${trip.id}/departure`, {}).expect(200);
    for (const [name, kind, townshipCode, trainedStaff] of [
      ['西社镇就业服务站', 'township', 'xishe', 3],
      ['化峪镇就业服务站', 'township', 'huayu', 2],
      ['稷峰镇城区社区就业服务站', 'community', 'jifeng', 3],
    ] as const) {
      await as(app, staff, 'post', '/api/v1/service-stations', {
        name,
        kind,
        townshipCode,
        address: `${name}一楼`,
        trainedStaff,
        openedOn: '2023-03-01',
      }).expect(201);
    }

    // This year: a fair held with a hire made there, an internship post published.
    const now = Date.now();
    const hour = 3600_000;
    const fair = (
      await as(app, staff, 'post', '/api/v1/fairs', {
        title: '装备制造业专场招聘会',
        theme: 'industry',
        mode: 'onsite',
        // Starting now, not in two hours: within two hours of Beijing midnight a later start is
        // tomorrow, and tomorrow's fair does not count today.
        startsAt: chinaIso(new Date(now)),
        endsAt: chinaIso(new Date(now + 5 * hour)),
        seekerCapacity: 100,
        boothCount: 10,
        seekerRegistrationOpensAt: chinaIso(new Date(now - hour)),
        seekerRegistrationClosesAt: chinaIso(new Date(now + 2 * hour)),
        employerRegistrationOpensAt: chinaIso(new Date(now - hour)),
        employerRegistrationClosesAt: chinaIso(new Date(now + hour)),
        townshipCode: 'jifeng',
      }).expect(201)
    ).body;
    await as(app, staff, 'post', `/api/v1/fairs/${fair.id}/open`).expect(200);
    const reg = (
      await as(app, employer, 'post', `/api/v1/fairs/${fair.id}/employer-registrations`, {
        jobPostIds: [],
        staffNames: ['王经理'],
      }).expect(201)
    ).body;
    await as(app, staff, 'post', `/api/v1/fair-employer-registrations/${reg.id}/decision`, {
      approve: true,
    }).expect(200);
    await as(app, staff, 'post', `/api/v1/fairs/${fair.id}/held`).expect(200);
    await as(app, staff, 'post', `/api/v1/fairs/${fair.id}/outcomes`, {
      employerOrganisationId: employer.organisationId,
      seekerUserId: seekers[1].userId,
      kind: 'hired',
      hire: { startDate: todayInChina(), townshipCode: 'jifeng' },
    }).expect(201);
    const post = await as(app, employer, 'post', '/api/v1/job-posts', {
      title: '行政助理见习',
      headcount: 3,
      townshipCode: 'xishe',
      employmentType: 'internship',
      wageMinFen: 180000,
      wageMaxFen: 200000,
      deadline: '2099-12-31',
    }).expect(201);
    await as(app, employer, 'post', `/api/v1/job-posts/${post.body.id}/submit`).expect(200);
    await as(app, staff, 'post', `/api/v1/job-posts/${post.body.id}/approve`).expect(200);
    await drainOutbox(worker);
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  it('2023: every figure equals what the records count in SQL; the shares and states follow', async () => {
    const t = await targetsOf('year=2023');
    const sql = await countedInSql(2023, '2023-12-31');
    const got = actuals(t);
    for (const [id, n] of Object.entries(sql)) expect([id, got[id]]).toEqual([id, n]);
    // The seeded values themselves, so a query that counts nothing cannot pass.
    expect(got).toMatchObject({
      'new-skilled-workers': 2,
      'new-highly-skilled-workers': 1,
      'subsidised-training': 2,
      'startup-businesses': 2,
      'startup-jobs': 10,
      'export-trips': 1,
      'export-people': 2,
      'difficult-persons-placed': 1,
      'zero-employment-families': 1,
      'township-stations': 1,
      'community-stations': 1,
      'public-institution-recruits': null,
    });
    expect(t['zero-employment-families']).toMatchObject({ target: 2, status: 'missed' });
    expect(t['community-stations']).toMatchObject({ target: 1, status: 'met' });
    expect(t['public-institution-recruits']).toMatchObject({ target: 236, status: 'not-tracked' });
    expect(t['fairs-held']).toMatchObject({ target: 18, status: 'missed' });
    // By month (cumulative) and township.
    expect(t['new-skilled-workers'].monthly.find((m) => m.month === '2023-09')).toEqual({
      month: '2023-09',
      count: 1,
      cumulative: 1,
    });
    expect(t['new-skilled-workers'].monthly.find((m) => m.month === '2023-10')?.cumulative).toBe(2);
    expect(t['difficult-persons-placed'].byTownship?.find((x) => x.code === 'xishe')?.actual).toBe(1);
    expect(t['export-trips'].byTownship).toBeNull();
    expect(t['zero-employment-families'].monthly.find((m) => m.month === '2023-06')?.cumulative).toBe(0);
    expect(t['zero-employment-families'].monthly.find((m) => m.month === '2023-07')?.cumulative).toBe(1);

    // As of a day in the year: records after it do not count; a steady pace says on track or behind.
    const oct = await targetsOf('year=2023&asOf=2023-10-01');
    const sqlOct = await countedInSql(2023, '2023-10-01');
    for (const id of ['new-skilled-workers', 'new-highly-skilled-workers', 'startup-jobs', 'export-people'])
      expect([id, oct[id].actual]).toEqual([id, sqlOct[id]]);
    expect(oct['new-skilled-workers'].actual).toBe(1);
    expect(oct['startup-jobs']).toMatchObject({ actual: 4, status: 'behind' });
    expect(oct['community-stations'].status).toBe('met');
  });

  it('this year carries the 2023 targets on, flagged; the fair and the internship post count', async () => {
    const body = (await as(app, null, 'get', '/api/v1/targets').expect(200)).body;
    expect(body).toMatchObject({ year, carriedFrom: 2023, years: [2023], policy: { id: 'jishan-2023' } });
    const t = Object.fromEntries(body.targets.map((x: Target) => [x.id, x]));
    const sql = await countedInSql(year, todayInChina());
    for (const id of ['fairs-held', 'fair-hires', 'internship-posts'])
      expect([id, t[id].actual]).toEqual([id, sql[id]]);
    expect(t['fair-hires'].actual).toBe(1);
    expect(t['internship-posts'].actual).toBe(1);
    expect(
      body.targets.find((x: Target & { due: string }) => x.id === 'public-institution-recruits').due,
    ).toBe(`${year}-08-31`);
    // The public figures name nobody.
    expect(JSON.stringify(body)).not.toContain(seekers[1].userId);
  });

  it('one record more moves its own figure and no other', async () => {
    const before = actuals(await targetsOf('year=2023'));
    await certificate(seekers[2], 'senior', '2023-12-01', '数控车工');
    await drainOutbox(worker);
    const after = actuals(await targetsOf('year=2023'));
    const moved = Object.keys(after).filter((id) => after[id] !== before[id]);
    expect(moved.sort()).toEqual([
      'new-highly-skilled-workers',
      'new-skilled-workers',
      'subsidised-training',
    ]);
    expect(after['new-highly-skilled-workers']).toBe((before['new-highly-skilled-workers'] as number) + 1);

    // A hire of the household without work empties the list the plan says must be empty.
    await hire(zeroC, '2023-12-10');
    const t = await targetsOf('year=2023');
    expect(t['zero-employment-families']).toMatchObject({ actual: 2, target: 2, status: 'met' });
    expect(t['difficult-persons-placed'].actual).toBe((before['difficult-persons-placed'] as number) + 1);
  });

  it('the records behind a figure are staff’s, by month and township; the lists of families and difficult persons', async () => {
    const r = (
      await as(app, staff, 'get', '/api/v1/targets/new-skilled-workers/records?year=2023').expect(200)
    ).body;
    const t = await targetsOf('year=2023');
    expect(r.total).toBe(t['new-skilled-workers'].actual);
    expect(r.items).toHaveLength(r.total);
    expect(r.items[0]).toMatchObject({ on: '2023-09-10', personName: expect.any(String) });
    const oct = (
      await as(
        app,
        staff,
        'get',
        '/api/v1/targets/new-skilled-workers/records?year=2023&month=2023-10',
      ).expect(200)
    ).body;
    expect(oct.items.map((i: { on: string }) => i.on)).toEqual(['2023-10-15']);
    const jobs = (await as(app, staff, 'get', '/api/v1/targets/startup-jobs/records?year=2023').expect(200))
      .body;
    expect(jobs.total).toBe(10);
    await as(app, null, 'get', '/api/v1/targets/new-skilled-workers/records?year=2023').expect(401);
    await as(app, seekers[0], 'get', '/api/v1/targets/new-skilled-workers/records?year=2023').expect(403);
    await as(app, staff, 'get', '/api/v1/targets/no-such-target/records?year=2023').expect(404);

    const families = (await as(app, staff, 'get', '/api/v1/targets/zero-employment-families').expect(200))
      .body;
    expect(families).toMatchObject({ families: 2, employed: 2 });
    const h1 = families.items.find((f: { householdCode: string }) => f.householdCode === 'H-0001');
    expect(h1.members.map((m: { userId: string }) => m.userId).sort()).toEqual(
      [zeroA.userId, zeroB.userId].sort(),
    );
    expect(h1.members.find((m: { userId: string }) => m.userId === zeroB.userId).employed).toBe(true);

    // One-to-one help: a note makes the helper and the last contact.
    await as(app, staff, 'post', `/api/v1/seekers/${difficultA.userId}/assistance-notes`, {
      note: '电话回访，已稳定就业',
    }).expect(201);
    const difficult = (await as(app, staff, 'get', '/api/v1/targets/difficult-persons').expect(200)).body;
    const a = difficult.items.find((p: { userId: string }) => p.userId === difficultA.userId);
    expect(a).toMatchObject({ state: 'placed', lastContactOn: todayInChina(), noRecentContact: false });
    expect(difficult.placed).toBe(2);
    // Township staff see their own township's people only.
    const mine = (await as(app, townshipStaff, 'get', '/api/v1/targets/difficult-persons').expect(200)).body;
    expect(mine.items.map((p: { userId: string }) => p.userId)).toEqual([zeroC.userId]);
    await as(app, seekers[0], 'get', '/api/v1/targets/zero-employment-families').expect(403);
  });

  it('the monthly report: every target, the claims per measure summing to the claims, the workbook and the page agree', async () => {
    // Approve one claim lower than computed and pay it: each step of the report has money in it.
    const claims: { id: string; amountFen: number }[] = await ds.query(
      `SELECT id, amount_fen::int AS "amountFen" FROM subsidy_claims WHERE measure = 'skill-upgrade' ORDER BY id LIMIT 1`,
    );
    expect(claims).toHaveLength(1);
    await as(app, staff, 'post', `/api/v1/subsidy-claims/${claims[0].id}/approve`, {
      amountFen: claims[0].amountFen - 100,
      reason: '按实际金额核定',
    }).expect(200);
    await as(app, staff, 'post', '/api/v1/subsidy-claims/payments', {
      claimIds: [claims[0].id],
      reference: `targets-${process.pid}`,
    }).expect(200);

    const month = todayInChina().slice(0, 7);
    const r = (await as(app, staff, 'get', `/api/v1/targets/monthly-report?month=${month}`).expect(200)).body;
    const [sums] = await ds.query(
      `SELECT count(*) FILTER (WHERE source_kind <> 'adjustment')::int AS filed,
              coalesce(sum(amount_fen), 0)::bigint AS filed_fen,
              count(*) FILTER (WHERE status IN ('approved', 'paid'))::int AS approved,
              coalesce(sum(approved_amount_fen) FILTER (WHERE status IN ('approved', 'paid')), 0)::bigint AS approved_fen,
              count(*) FILTER (WHERE status = 'paid')::int AS paid,
              coalesce(sum(approved_amount_fen) FILTER (WHERE status = 'paid'), 0)::bigint AS paid_fen
         FROM subsidy_claims`,
    );
    // Every claim of this suite was filed, decided and paid this month.
    expect(r.claims.monthTotal).toMatchObject({
      filed: sums.filed,
      filedFen: Number(sums.filed_fen),
      approved: sums.approved,
      approvedFen: Number(sums.approved_fen),
      paid: 1,
      paidFen: claims[0].amountFen - 100,
    });
    expect(r.claims.yearTotal.filedFen).toBe(Number(sums.filed_fen));
    expect(sums.filed).toBeGreaterThan(0);
    const byMeasure = r.claims.month.find((m: { measure: string }) => m.measure === 'skill-upgrade');
    const [skill] = await ds.query(
      `SELECT count(*)::int AS n, sum(amount_fen)::bigint AS fen FROM subsidy_claims WHERE measure = 'skill-upgrade'`,
    );
    expect(byMeasure).toMatchObject({ filed: skill.n, filedFen: Number(skill.fen), name: '技能提升补贴' });
    expect(r.targets).toHaveLength(15);
    expect(r.fairs).toEqual([expect.objectContaining({ title: '装备制造业专场招聘会', hires: 1 })]);

    const sheet = await as(app, staff, 'get', `/api/v1/targets/monthly-report.xlsx?month=${month}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['目标进度', '本月补贴', '本年补贴', '本月招聘会']);
    const monthSheet = wb.getWorksheet('本月补贴')!;
    const totalRow = monthSheet.getRow(monthSheet.rowCount);
    expect(totalRow.getCell(2).value).toBe('合计');
    expect(totalRow.getCell(4).value).toBe(Number(sums.filed_fen) / 100);
    expect(totalRow.getCell(8).value).toBe((claims[0].amountFen - 100) / 100);

    const page = await as(app, staff, 'get', `/api/v1/targets/monthly-report.html?month=${month}`).expect(
      200,
    );
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain(r.title);
    expect(page.text).toContain('@page { size: A4');
    await as(app, null, 'get', `/api/v1/targets/monthly-report?month=${month}`).expect(401);
  });

  it('bad input names its field; years without targets are 404; stations keep one per township', async () => {
    expect(fields(await as(app, null, 'get', '/api/v1/targets?year=abc').expect(400))).toEqual(['year']);
    expect(
      fields(await as(app, null, 'get', '/api/v1/targets?year=2023&asOf=2023-02-30').expect(400)),
    ).toEqual(['asOf']);
    expect(
      fields(await as(app, null, 'get', '/api/v1/targets?year=2023&asOf=2022-12-31').expect(400)),
    ).toEqual(['asOf']);
    expect((await as(app, null, 'get', '/api/v1/targets?year=2022').expect(404)).body.error.code).toBe(
      'no-targets',
    );
    expect(
      fields(await as(app, staff, 'get', '/api/v1/targets/monthly-report?month=2023-13').expect(400)),
    ).toEqual(['month']);
    expect(
      fields(await as(app, staff, 'get', `/api/v1/targets/monthly-report?month=${year + 1}-01`).expect(400)),
    ).toEqual(['month']);
    const bad = await as(app, staff, 'post', '/api/v1/service-stations', {
      name: '清河镇就业服务站',
      kind: 'office',
      townshipCode: 'qinghe',
      address: '清河镇',
      trainedStaff: -1,
      openedOn: '2023-02-30',
    }).expect(400);
    expect(fields(bad).sort()).toEqual(['kind', 'openedOn', 'trainedStaff']);
    const dup = await as(app, staff, 'post', '/api/v1/service-stations', {
      name: '西社镇第二就业服务站',
      kind: 'township',
      townshipCode: 'xishe',
      address: '西社镇',
      trainedStaff: 3,
      openedOn: '2023-05-01',
    }).expect(409);
    expect(dup.body.error.code).toBe('station-exists');
    await as(app, seekers[0], 'post', '/api/v1/service-stations', {}).expect(403);
    const list = (await as(app, null, 'get', '/api/v1/service-stations').expect(200)).body.items;
    expect(list).toHaveLength(3);
    const huayu = list.find((s: { townshipCode: string }) => s.townshipCode === 'huayu');
    // Trained a third person: the station now counts.
    const before = (await targetsOf('year=2023'))['township-stations'].actual as number;
    await as(app, staff, 'patch', `/api/v1/service-stations/${huayu.id}`, { trainedStaff: 3 }).expect(200);
    expect((await targetsOf('year=2023'))['township-stations'].actual).toBe(before + 1);
    expect(
      fields(
        await as(app, staff, 'patch', `/api/v1/service-stations/${huayu.id}`, {
          closedOn: '2023-01-01',
        }).expect(400),
      ),
    ).toEqual(['closedOn']);
  });
});
