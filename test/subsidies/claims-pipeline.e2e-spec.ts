import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobName, OutboxService } from '@app/platform';
import { lastEndedMonth } from '@app/subsidies';
import { todayInChina } from '@app/platform/validation';
import { profileBody } from '../seekers/seekers-fixtures';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import {
  ClaimJson,
  ClaimsCast,
  as,
  claimsOf,
  createClaimsCast,
  monthsBetween,
  residentIdOf,
  seekerWithProfile,
} from './claims-fixtures';
import type { Actor } from '../jobs/jobs-fixtures';

jest.setTimeout(240_000);

/**
 * From a hire to its claims (免申即享), through HTTP and the real worker: a placement recorded by
 * staff yields every claim it earns without anyone applying, with its decisions kept ("why didn't I
 * get it"), the beneficiaries told; the same event twice, a second placement of the same person and
 * a late end never pay twice; certificates, businesses, insurance years and a graduate's profile
 * find their people the same way.
 */
describe('subsidy claims: filed after a hire, never twice', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let cast: ClaimsCast;
  const today = todayInChina();
  const lastMonth = lastEndedMonth(today);

  beforeAll(async () => {
    env = await setupSuiteEnv('claims_pipeline', { LOGIN_THROTTLE_LIMIT: '1000' });
    app = await startApi();
    ds = app.get(DataSource);
    cast = await createClaimsCast(app);
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  /** A 就业困难人员, registered unemployed since January 2023, born 1980. */
  const difficultSeeker = () =>
    seekerWithProfile(
      app,
      { birthDate: '1980-04-12', sex: 'male' },
      {
        groups: ['difficult', 'registered-unemployed'],
        registeredUnemployedSince: '2023-01-01',
        unemploymentInsuranceMonths: 24,
      },
    );

  const recordPlacement = async (body: Record<string, unknown>) =>
    (await as(app, cast.countyStaff, 'post', '/api/v1/placements', body).expect(201)).body;

  const sum = (cs: ClaimJson[]) => cs.reduce((s, c) => s + (c.amountFen ?? 0), 0);

  it('a placement’s claims appear without anyone applying: one-time, referral fee and every month up to 36', async () => {
    const seeker = await difficultSeeker();
    const placement = await recordPlacement({
      employerOrganisationId: cast.employerSmall.organisationId,
      seekerUserId: seeker.userId,
      startDate: '2023-09-01',
      contractEndDate: '2026-08-31',
      townshipCode: 'jifeng',
      employerSocialInsuranceMonthlyFen: 90000,
      referringAgencyId: cast.agency.organisationId,
      referralFree: true,
    });
    await drainOutbox(worker);

    const claims = await claimsOf(app, cast.countyStaff, { placementId: placement.id });
    const of = (measure: string) => claims.filter((c) => c.measure === measure);
    // 36 months from September 2023: the cap is reached before the last ended month.
    const months = monthsBetween('2023-09', lastMonth).slice(0, 36);
    expect(months).toHaveLength(36);

    expect(of('hiring-long-unemployed')).toEqual([
      expect.objectContaining({
        beneficiary: {
          kind: 'employer',
          id: cast.employerSmall.organisationId,
          name: '稷山县小型机械有限公司',
        },
        source: { kind: 'placement', id: placement.id },
        period: 'once',
        amountFen: 100000,
        approvedAmountFen: null,
        status: 'pending-review',
        clause: '三(十三)',
        policy: { id: 'jishan-2023', version: '2023.1' },
      }),
    ]);
    expect(of('hiring-long-unemployed')[0].reasons.length).toBeGreaterThan(0);
    expect(of('referral-fee')).toEqual([
      expect.objectContaining({
        beneficiary: expect.objectContaining({ kind: 'agency', id: cast.agency.organisationId }),
        period: 'once',
        amountFen: 30000,
      }),
    ]);
    expect(
      of('post-subsidy')
        .map((c) => c.period)
        .sort(),
    ).toEqual(months);
    expect(of('post-subsidy').every((c) => c.amountFen === 30000)).toBe(true);
    expect(
      of('social-insurance-subsidy')
        .map((c) => c.period)
        .sort(),
    ).toEqual(months);
    // Two thirds of the employer's 900 元 a month.
    expect(of('social-insurance-subsidy').every((c) => c.amountFen === 60000)).toBe(true);
    expect(claims).toHaveLength(2 + 36 + 36);
    expect(sum(claims)).toBe(100000 + 30000 + 36 * 30000 + 36 * 60000);

    // Every decision is kept, the ineligible ones with their reasons.
    const decisions = await as(
      app,
      cast.employerSmall,
      'get',
      `/api/v1/placements/${placement.id}/decisions`,
    ).expect(200);
    const youth = decisions.body.decisions.find(
      (d: { measure: string; period: string }) => d.measure === 'hiring-youth-small' && d.period === 'event',
    );
    expect(youth).toMatchObject({ eligible: false, policy: { id: 'jishan-2023' } });
    expect(youth.reasons.some((r: { ok: boolean }) => !r.ok)).toBe(true);
    await as(app, seeker, 'get', `/api/v1/placements/${placement.id}/decisions`).expect(200);
    await as(app, cast.employerLarge, 'get', `/api/v1/placements/${placement.id}/decisions`).expect(404);
    await as(app, cast.agency, 'get', `/api/v1/placements/${placement.id}/decisions`).expect(403);

    // Beneficiaries see their own claims, and were told.
    const employerSees = await claimsOf(app, cast.employerSmall, { placementId: placement.id });
    expect(employerSees).toHaveLength(1 + 36 + 36);
    const agencySees = await claimsOf(app, cast.agency, { placementId: placement.id });
    expect(agencySees.map((c) => c.measure)).toEqual(['referral-fee']);
    expect(await claimsOf(app, cast.employerLarge, { placementId: placement.id })).toHaveLength(0);
    expect(await claimsOf(app, seeker, { placementId: placement.id })).toHaveLength(0);
    await as(app, cast.employerLarge, 'get', `/api/v1/subsidy-claims/${of('referral-fee')[0].id}`).expect(
      404,
    );
    const told = await as(app, cast.agency, 'get', '/api/v1/notifications').expect(200);
    expect(told.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'subsidy-claim.filed',
        subjectType: 'subsidy-claim',
        subjectId: of('referral-fee')[0].id,
        title: expect.stringContaining('职业介绍补贴'),
      }),
    );
    expect(told.body.unread).toBeGreaterThan(0);
    await as(app, cast.agency, 'post', `/api/v1/notifications/${told.body.items[0].id}/read`).expect(204);

    // Township scoping: 稷峰镇 staff see them, 西社镇 staff do not.
    expect(await claimsOf(app, cast.jifengStaff, { placementId: placement.id })).toHaveLength(74);
    expect(await claimsOf(app, cast.xisheStaff, { placementId: placement.id })).toHaveLength(0);

    // Filters: by measure, beneficiary kind, status and month.
    const one = await claimsOf(app, cast.countyStaff, {
      placementId: placement.id,
      measure: 'post-subsidy',
      period: '2023-10',
      status: 'pending-review',
      beneficiaryKind: 'employer',
    });
    expect(one.map((c) => c.period)).toEqual(['2023-10']);
  });

  it('the same event delivered again, and a second placement of the same person, pay nothing twice', async () => {
    const seeker = await difficultSeeker();
    const first = await recordPlacement({
      employerOrganisationId: cast.employerSmall.organisationId,
      seekerUserId: seeker.userId,
      startDate: '2023-09-01',
      townshipCode: 'jifeng',
    });
    await drainOutbox(worker);
    const before = await claimsOf(app, cast.countyStaff, { placementId: first.id });
    expect(before.map((c) => c.measure).sort()).toEqual([
      'hiring-long-unemployed',
      ...Array(36).fill('post-subsidy'),
    ]);

    // The same event again, as a new outbox row (a replay): nothing new.
    await ds.transaction((m) =>
      app.get(OutboxService).add(m, JobName.PlacementRecorded, { placementId: first.id }),
    );
    await drainOutbox(worker);
    expect(await claimsOf(app, cast.countyStaff, { placementId: first.id })).toHaveLength(before.length);

    // The placement ended after six months: the months filed after it are withdrawn, not paid.
    await as(app, cast.countyStaff, 'post', `/api/v1/placements/${first.id}/end`, {
      endedOn: '2024-02-15',
      reason: '合同解除',
    }).expect(200);
    await drainOutbox(worker);
    const ended = await claimsOf(app, cast.countyStaff, { placementId: first.id, measure: 'post-subsidy' });
    const kept = ended.filter((c) => c.status === 'pending-review').map((c) => c.period);
    expect(kept.sort()).toEqual(monthsBetween('2023-09', '2024-01'));
    const withdrawn = ended.filter((c) => c.status === 'rejected');
    expect(withdrawn).toHaveLength(31);
    expect(withdrawn[0].decisionReason).toContain('2024-02-15');

    // A later job with another employer: no second one-time benefit; the months go on from 5 to 36.
    const second = await recordPlacement({
      employerOrganisationId: cast.employerLarge.organisationId,
      seekerUserId: seeker.userId,
      startDate: '2024-03-01',
      townshipCode: 'jifeng',
    });
    await drainOutbox(worker);
    const later = await claimsOf(app, cast.countyStaff, { placementId: second.id });
    expect(later.filter((c) => c.period === 'once')).toEqual([]);
    const laterMonths = later.filter((c) => c.measure === 'post-subsidy').map((c) => c.period);
    expect(laterMonths.sort()).toEqual(monthsBetween('2024-03', lastMonth).slice(0, 36 - 5));
    const decisions = await as(
      app,
      cast.countyStaff,
      'get',
      `/api/v1/placements/${second.id}/decisions`,
    ).expect(200);
    const oneTime = decisions.body.decisions.find(
      (d: { measure: string; period: string }) =>
        d.measure === 'hiring-long-unemployed' && d.period === 'event',
    );
    expect(oneTime.eligible).toBe(false);
  });

  it('a placement ending before it starts is a 400; an unknown measure in a filter is a 400', async () => {
    const seeker = await difficultSeeker();
    const p = await recordPlacement({
      employerOrganisationId: cast.employerSmall.organisationId,
      seekerUserId: seeker.userId,
      startDate: '2024-05-01',
      townshipCode: 'jifeng',
    });
    const bad = await as(app, cast.countyStaff, 'post', `/api/v1/placements/${p.id}/end`, {
      endedOn: '2024-04-30',
      reason: '录入错误',
    }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('endedOn');
    const contract = await as(app, cast.countyStaff, 'post', '/api/v1/placements', {
      employerOrganisationId: cast.employerSmall.organisationId,
      seekerUserId: seeker.userId,
      startDate: '2024-06-01',
      contractEndDate: '2024-05-31',
      townshipCode: 'jifeng',
    }).expect(400);
    expect(JSON.stringify(contract.body)).toContain('contractEndDate');
    const filter = await as(app, cast.countyStaff, 'get', '/api/v1/subsidy-claims?measure=free-lunch').expect(
      400,
    );
    expect(JSON.stringify(filter.body)).toContain('measure');
    await as(app, cast.countyStaff, 'get', '/api/v1/subsidy-claims?limit=501').expect(400);
    await as(app, cast.countyStaff, 'get', '/api/v1/subsidy-claims?period=2023-13').expect(400);
    await as(app, cast.countyStaff, 'get', '/api/v1/subsidy-claims?beneficiaryKind=nobody').expect(400);
    await as(app, null, 'get', '/api/v1/subsidy-claims').expect(401);
  });

  it('skill certificates: the skill-upgrade subsidy by level, three a year at most, none for a future date', async () => {
    const seeker = await difficultSeeker();
    const future = await as(app, cast.countyStaff, 'post', '/api/v1/skill-certificates', {
      personUserId: seeker.userId,
      level: 'junior',
      occupation: '焊工',
      issuedOn: '2099-01-01',
      issuingBody: '运城市职业技能鉴定中心',
      insuredMonths: 14,
    }).expect(400);
    expect(JSON.stringify(future.body)).toContain('issuedOn');
    const ids: string[] = [];
    for (const [i, level] of (['intermediate', 'junior', 'senior', 'junior'] as const).entries()) {
      const res = await as(app, cast.countyStaff, 'post', '/api/v1/skill-certificates', {
        personUserId: seeker.userId,
        level,
        occupation: ['焊工', '电工', '钳工', '车工'][i],
        issuedOn: `2023-${10 + i > 12 ? 12 : 10 + i}-0${i + 1}`,
        issuingBody: '运城市职业技能鉴定中心',
        insuredMonths: 14,
      }).expect(201);
      ids.push(res.body.id);
    }
    // The same certificate twice is a 409.
    await as(app, cast.countyStaff, 'post', '/api/v1/skill-certificates', {
      personUserId: seeker.userId,
      level: 'intermediate',
      occupation: '焊工',
      issuedOn: '2023-10-01',
      issuingBody: '运城市职业技能鉴定中心',
    }).expect(409);
    await drainOutbox(worker);
    const claims = await claimsOf(app, cast.countyStaff, { measure: 'skill-upgrade' });
    const mine = claims.filter((c) => c.beneficiary.id === seeker.userId);
    expect(mine.map((c) => [c.source.id, c.amountFen])).toEqual(
      expect.arrayContaining([
        [ids[0], 150000],
        [ids[1], 100000],
        [ids[2], 200000],
      ]),
    );
    expect(mine).toHaveLength(3);
    // The seeker sees their certificates and their own claims.
    const own = await as(app, seeker, 'get', '/api/v1/skill-certificates').expect(200);
    expect(own.body.items).toHaveLength(4);
    expect(await claimsOf(app, seeker, { measure: 'skill-upgrade' })).toHaveLength(3);
    await as(app, cast.employerSmall, 'get', `/api/v1/skill-certificates/${ids[0]}`).expect(403);
  });

  it('a sheet of certificates (职业资格证书登记表): all rows or none, people by ID number, never twice', async () => {
    const [a, b] = [await difficultSeeker(), await difficultSeeker()];
    const xishe = await seekerWithProfile(app, { birthDate: '1985-02-03', sex: 'female' }, {}, 'xishe');
    const header = '身份证号,姓名,工种,等级,证书编号,发证日期,发证机构,失业保险参保月数,领取失业保险金';
    const csv = (...rows: string[]) => Buffer.from(`\uFEFF${[header, ...rows].join('\r\n')}\r\n`, 'utf8');
    const upload = (who: Actor, file: Buffer, name = 'certificates.csv') =>
      request(app.getHttpServer())
        .post('/api/v1/skill-certificates/import')
        .set('authorization', `Bearer ${who.token}`)
        .attach('file', file, name);
    const certificates = async () =>
      Number((await ds.query(`SELECT count(*) AS n FROM skill_certificates`))[0].n);
    const sheet = csv(
      `${a.idNumber},甲,焊工,中级,S1,2023-09-01,运城市职业技能鉴定中心,24,否`,
      `${b.idNumber},乙,电工,高级（三级）,,2023/9/15,运城市职业技能鉴定中心,24,否`,
    );

    // A wrong row anywhere: nothing is recorded, and every wrong cell is named by row and column.
    const before = await certificates();
    const unknown = residentIdOf('1990-01-01', 'male');
    const bad = await upload(
      cast.countyStaff,
      csv(
        `${a.idNumber},甲,焊工,中级,S1,2023-09-01,运城市职业技能鉴定中心,24,否`,
        `${unknown},丙,钳工,初级,,2023-09-01,运城市职业技能鉴定中心,,否`,
        `${b.idNumber},乙,电工,特级,,2099-01-01,运城市职业技能鉴定中心,,否`,
        `${a.idNumber},甲,焊工,中级,S1,2023-09-01,运城市职业技能鉴定中心,24,否`,
      ),
    ).expect(400);
    expect(bad.body.error.code).toBe('certificate-import.invalid-rows');
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'rows[3].身份证号',
      'rows[4].等级',
      'rows[4].发证日期',
      'rows[5].身份证号',
    ]);
    expect(await certificates()).toBe(before);

    const first = await upload(cast.countyStaff, sheet).expect(201);
    expect(first.body).toMatchObject({ rows: 2, recorded: 2, alreadyRecorded: 0 });
    expect(first.body.certificates.map((c: { personUserId: string }) => c.personUserId)).toEqual([
      a.userId,
      b.userId,
    ]);
    // The same sheet again records nothing and answers the certificates recorded the first time.
    const again = await upload(cast.countyStaff, sheet).expect(201);
    expect(again.body).toMatchObject({ rows: 2, recorded: 0, alreadyRecorded: 2 });
    expect(again.body.certificates.map((c: { id: string }) => c.id)).toEqual(
      first.body.certificates.map((c: { id: string }) => c.id),
    );

    // An .xlsx sheet works the same way.
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('证书');
    ws.addRow(header.split(','));
    ws.addRow([a.idNumber, '甲', '钳工', '初级', '', '2023-10-06', '运城市职业技能鉴定中心', 24, '否']);
    ws.getColumn(1).numFmt = '@';
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    expect((await upload(cast.countyStaff, xlsx, 'certificates.xlsx').expect(201)).body).toMatchObject({
      recorded: 1,
    });

    await drainOutbox(worker);
    const claims = await claimsOf(app, cast.countyStaff, { measure: 'skill-upgrade' });
    const ids = [...first.body.certificates.map((c: { id: string }) => c.id)];
    expect(
      claims.filter((c) => ids.includes(c.source.id)).map((c) => [c.beneficiary.id, c.amountFen]),
    ).toEqual(
      expect.arrayContaining([
        [a.userId, 150000],
        [b.userId, 200000],
      ]),
    );

    // Township staff record their township's people only; seekers upload nothing; the template is public.
    const outside = await upload(
      cast.jifengStaff,
      csv(`${xishe.idNumber},丁,焊工,初级,,2023-09-01,运城市职业技能鉴定中心,,否`),
    ).expect(400);
    expect(outside.body.error.fields).toEqual([expect.objectContaining({ field: 'rows[2].身份证号' })]);
    await upload(a, sheet).expect(403);
    const template = await request(app.getHttpServer())
      .get('/api/v1/skill-certificates/import/template.csv')
      .expect(200);
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.text).toContain('身份证号');
  });

  it('a startup business: the one-time subsidy in two halves (never more than the whole), no rent for this founder', async () => {
    const founder = await difficultSeeker();
    const res = await as(app, cast.countyStaff, 'post', '/api/v1/startup-businesses', {
      founderUserId: founder.userId,
      name: '稷山县小李电商服务部',
      kind: 'micro-enterprise',
      licensedOn: '2023-09-10',
      firstBusiness: true,
      employees: 3,
      paysTax: true,
      paysSocialInsurance: true,
      townshipCode: 'jifeng',
    }).expect(201);
    await drainOutbox(worker);
    const claims = await claimsOf(app, cast.countyStaff, { measure: 'startup-once' });
    const mine = claims.filter((c) => c.source.id === res.body.id);
    // 3 people × 1,000 元 = 3,000 元: 50% at six months (2024-03), the rest at twelve (2024-09).
    expect(mine.map((c) => [c.period, c.amountFen]).sort()).toEqual([
      ['2024-03', 150000],
      ['2024-09', 150000],
    ]);
    expect(await claimsOf(app, cast.countyStaff, { measure: 'startup-rent' })).toHaveLength(0);
    expect(await claimsOf(app, founder, {})).toHaveLength(2);
  });

  it('an employer’s insurance year: the job-retention refund, once per year', async () => {
    const res = await as(app, cast.countyStaff, 'post', '/api/v1/insurance-years', {
      employerOrganisationId: cast.employerSmall.organisationId,
      year: 2022,
      insuredStaff: 20,
      laidOff: 1,
      premiumsFen: 1_000_000,
    }).expect(201);
    await as(app, cast.countyStaff, 'post', '/api/v1/insurance-years', {
      employerOrganisationId: cast.employerSmall.organisationId,
      year: 2022,
      insuredStaff: 20,
      laidOff: 0,
      premiumsFen: 1_000_000,
    }).expect(409);
    await drainOutbox(worker);
    const claims = await claimsOf(app, cast.employerSmall, { measure: 'uib-refund' });
    // A small employer: 60% of last year's premiums.
    expect(claims).toEqual([
      expect.objectContaining({
        source: { kind: 'insurance-year', id: res.body.id },
        period: '2022',
        amountFen: 600000,
      }),
    ]);
    await as(app, cast.employerSmall, 'get', `/api/v1/insurance-years/${res.body.id}`).expect(200);
    await as(app, cast.employerLarge, 'get', `/api/v1/insurance-years/${res.body.id}`).expect(404);
  });

  it('a graduate’s profile finds its subsidy (政策找人): the job-search subsidy, once', async () => {
    const profile = {
      groups: ['poverty-alleviated'],
      graduation: {
        date: `${today.slice(0, 4)}-07-01`,
        level: 'university',
        province: '山西省',
        fullTime: true,
      },
      registeredUnemployedSince: null,
    };
    const graduate = await seekerWithProfile(app, { birthDate: '2003-05-01', sex: 'female' }, profile);
    await drainOutbox(worker);
    const claims = await claimsOf(app, graduate, { measure: 'job-search' });
    expect(claims).toEqual([
      expect.objectContaining({
        beneficiary: expect.objectContaining({ kind: 'person', id: graduate.userId }),
        source: { kind: 'profile', id: graduate.userId },
        period: 'once',
        amountFen: 120000,
      }),
    ]);
    // Writing the profile again files nothing more.
    await as(app, graduate, 'put', '/api/v1/seekers/me', profileBody('jifeng', profile)).expect(200);
    await drainOutbox(worker);
    expect(await claimsOf(app, graduate, { measure: 'job-search' })).toHaveLength(1);
  });
  it('a public-welfare post assignment (公益性岗位安置): listed, read by its parties only, and paid by the month', async () => {
    const seeker = await difficultSeeker();
    const other = await difficultSeeker();
    const start = `${monthsBetween('2023-09', lastMonth).slice(-3)[0]}-01`;
    const assignment = (
      await as(app, cast.countyStaff, 'post', '/api/v1/public-welfare-assignments', {
        employerOrganisationId: cast.employerSmall.organisationId,
        seekerUserId: seeker.userId,
        startDate: start,
        townshipCode: 'jifeng',
      }).expect(201)
    ).body;
    expect(assignment).toMatchObject({ postKind: 'public-welfare', seekerUserId: seeker.userId });
    const url = `/api/v1/public-welfare-assignments/${assignment.id}`;
    expect((await as(app, cast.countyStaff, 'get', url).expect(200)).body.id).toBe(assignment.id);
    expect((await as(app, seeker, 'get', url).expect(200)).body.id).toBe(assignment.id);
    await as(app, other, 'get', url).expect(404);
    await as(app, null, 'get', url).expect(401);
    const listed = (await as(app, seeker, 'get', '/api/v1/public-welfare-assignments').expect(200)).body;
    expect(listed.items.map((p: { id: string }) => p.id)).toEqual([assignment.id]);
    // A placement on a regular post is no assignment.
    const regular = await recordPlacement({
      employerOrganisationId: cast.employerSmall.organisationId,
      seekerUserId: other.userId,
      startDate: start,
      townshipCode: 'jifeng',
    });
    await as(app, cast.countyStaff, 'get', `/api/v1/public-welfare-assignments/${regular.id}`).expect(404);

    await drainOutbox(worker);
    const months = (await claimsOf(app, cast.countyStaff, { placementId: assignment.id }))
      .filter((c) => c.measure.startsWith('public-welfare-post'))
      .map((c) => c.period)
      .sort();
    expect(months).toEqual(monthsBetween(start.slice(0, 7), lastMonth));
  });
});
