import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Actor } from '../jobs/jobs-fixtures';
import {
  ClaimJson,
  ClaimsCast,
  as,
  claimsOf,
  createClaimsCast,
  employerOf,
  seekerWithProfile,
} from './claims-fixtures';

jest.setTimeout(240_000);

/** Reads a binary answer (xlsx) as a Buffer. */
function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * Review and payment (contract: subsidy-claims.md): staff approve (never above the entitlement,
 * lowering with a reason), reject with a reason, pay batches all-or-nothing, each action once
 * however often it is sent; every action audited and told to the beneficiary; the roster
 * (补贴发放花名册) as xlsx and csv with masked ID numbers, a totals row and the reasons.
 */
describe('subsidy claims: review, payment and rosters', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let cast: ClaimsCast;
  let claims: ClaimJson[];
  let seekerIdNumber: string;
  let certificateClaim: ClaimJson;
  let formulaEmployer: string;
  let trickyEmployer: Actor;

  const month = (period: string) => claims.find((c) => c.measure === 'post-subsidy' && c.period === period)!;
  const audited = async (action: string, targetId: string) =>
    Number(
      (
        await ds.query(`SELECT count(*) AS n FROM audit_log WHERE action = $1 AND target_id = $2`, [
          action,
          targetId,
        ])
      )[0].n,
    );

  beforeAll(async () => {
    env = await setupSuiteEnv('claims_review', { LOGIN_THROTTLE_LIMIT: '1000' });
    app = await startApi();
    ds = app.get(DataSource);
    cast = await createClaimsCast(app);
    worker = await startWorker();
    // An enterprise whose name a spreadsheet would run as a formula.
    const tricky = await employerOf(app, '=HYPERLINK("http://x","稷山")有限公司', {
      townshipCode: 'jifeng',
      size: 'small',
    });
    formulaEmployer = tricky.organisationId!;
    trickyEmployer = tricky;
    const seeker = await seekerWithProfile(
      app,
      { birthDate: '1979-02-03', sex: 'female' },
      { groups: ['difficult', 'registered-unemployed'], registeredUnemployedSince: '2023-01-01' },
    );
    seekerIdNumber = seeker.idNumber;
    const placement = await as(app, cast.countyStaff, 'post', '/api/v1/placements', {
      employerOrganisationId: formulaEmployer,
      seekerUserId: seeker.userId,
      startDate: '2023-09-01',
      townshipCode: 'jifeng',
    }).expect(201);
    await as(app, cast.countyStaff, 'post', '/api/v1/skill-certificates', {
      personUserId: seeker.userId,
      level: 'senior',
      occupation: '电工',
      issuedOn: '2023-11-20',
      issuingBody: '运城市职业技能鉴定中心',
      insuredMonths: 30,
    }).expect(201);
    await drainOutbox(worker);
    claims = await claimsOf(app, cast.countyStaff, { placementId: placement.body.id });
    certificateClaim = (await claimsOf(app, cast.countyStaff, { measure: 'skill-upgrade' }))[0];
    expect(claims.length).toBe(37);
    expect(certificateClaim.amountFen).toBe(200000);
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  it('approve: never above the entitlement (422), lowering needs a reason, twice answers the same', async () => {
    const c = month('2023-09');
    const above = await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${c.id}/approve`, {
      amountFen: 30001,
    }).expect(422);
    expect(above.body.error).toMatchObject({ code: 'subsidy-claim.above-entitlement' });
    expect(JSON.stringify(above.body)).toContain('amountFen');
    const noReason = await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${c.id}/approve`, {
      amountFen: 20000,
    }).expect(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${c.id}/approve`, {
      amountFen: -1,
    }).expect(400);
    // Refusals changed nothing.
    const still = await as(app, cast.countyStaff, 'get', `/api/v1/subsidy-claims/${c.id}`).expect(200);
    expect(still.body).toMatchObject({ status: 'pending-review', approvedAmountFen: null, decidedAt: null });

    const ok = await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${c.id}/approve`, {
      amountFen: 20000,
      reason: '当月实际在岗20天，按比例核定',
    }).expect(200);
    expect(ok.body).toMatchObject({
      status: 'approved',
      amountFen: 30000,
      approvedAmountFen: 20000,
      decisionReason: '当月实际在岗20天，按比例核定',
    });
    const again = await as(
      app,
      cast.countyStaff,
      'post',
      `/api/v1/subsidy-claims/${c.id}/approve`,
      {},
    ).expect(200);
    expect(again.body).toEqual(ok.body);
    expect(await audited('subsidy-claim.approve', c.id)).toBe(1);

    // Approving at the entitlement needs no reason.
    const full = await as(
      app,
      cast.jifengStaff,
      'post',
      `/api/v1/subsidy-claims/${month('2023-10').id}/approve`,
      {},
    ).expect(200);
    expect(full.body).toMatchObject({ status: 'approved', approvedAmountFen: 30000 });

    // Not staff, or another township's staff: no.
    await as(
      app,
      cast.employerSmall,
      'post',
      `/api/v1/subsidy-claims/${month('2023-11').id}/approve`,
      {},
    ).expect(403);
    await as(
      app,
      cast.xisheStaff,
      'post',
      `/api/v1/subsidy-claims/${month('2023-11').id}/approve`,
      {},
    ).expect(404);
    await as(
      app,
      cast.countyStaff,
      'post',
      `/api/v1/subsidy-claims/00000000-0000-4000-8000-000000000000/approve`,
      {},
    ).expect(404);
  });

  it('reject: a reason is required; a rejected claim is never approved or paid', async () => {
    const c = month('2023-12');
    const bad = await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${c.id}/reject`, {}).expect(
      400,
    );
    expect(JSON.stringify(bad.body)).toContain('reason');
    const res = await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${c.id}/reject`, {
      reason: '当月未缴纳社会保险',
    }).expect(200);
    expect(res.body).toMatchObject({ status: 'rejected', decisionReason: '当月未缴纳社会保险' });
    await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${c.id}/reject`, {
      reason: '重复',
    }).expect(200);
    await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${c.id}/approve`, {}).expect(409);
    // An approved claim cannot be rejected.
    await as(app, cast.countyStaff, 'post', `/api/v1/subsidy-claims/${month('2023-10').id}/reject`, {
      reason: '改判',
    }).expect(409);
    expect(await audited('subsidy-claim.reject', c.id)).toBe(1);
  });

  it('pay: all or nothing — a pending or rejected claim in the batch is a 409 and nothing changes; the same batch again changes nothing', async () => {
    const approved = [month('2023-09'), month('2023-10')];
    const pending = month('2024-01');
    const rejected = month('2023-12');
    for (const bad of [pending, rejected]) {
      const res = await as(app, cast.countyStaff, 'post', '/api/v1/subsidy-claims/payments', {
        claimIds: [...approved.map((c) => c.id), bad.id],
        reference: 'JS-2024-01-001',
      }).expect(409);
      expect(JSON.stringify(res.body)).toContain(bad.id);
    }
    for (const c of approved) {
      const now = await as(app, cast.countyStaff, 'get', `/api/v1/subsidy-claims/${c.id}`).expect(200);
      expect(now.body).toMatchObject({ status: 'approved', paidAt: null, paymentReference: null });
    }
    expect(Number((await ds.query(`SELECT count(*) AS n FROM subsidy_payment_batches`))[0].n)).toBe(0);

    const paid = await as(app, cast.countyStaff, 'post', '/api/v1/subsidy-claims/payments', {
      claimIds: approved.map((c) => c.id),
      reference: 'JS-2024-01-001',
    }).expect(200);
    expect(paid.body).toMatchObject({ reference: 'JS-2024-01-001', totalFen: 20000 + 30000 });
    expect(
      paid.body.claims.every(
        (c: ClaimJson) => c.status === 'paid' && c.paymentReference === 'JS-2024-01-001',
      ),
    ).toBe(true);
    const again = await as(app, cast.countyStaff, 'post', '/api/v1/subsidy-claims/payments', {
      claimIds: approved.map((c) => c.id),
      reference: 'JS-2024-01-001',
    }).expect(200);
    expect(again.body.batchId).toBe(paid.body.batchId);
    expect(again.body.paidAt).toBe(paid.body.paidAt);
    // A paid claim in another batch: 409, never a second payment.
    await as(app, cast.countyStaff, 'post', '/api/v1/subsidy-claims/payments', {
      claimIds: [approved[0].id],
      reference: 'JS-2024-01-002',
    }).expect(409);
    // Approving a paid claim answers it unchanged.
    const re = await as(
      app,
      cast.countyStaff,
      'post',
      `/api/v1/subsidy-claims/${approved[0].id}/approve`,
      {},
    ).expect(200);
    expect(re.body.status).toBe('paid');
    expect(Number((await ds.query(`SELECT count(*) AS n FROM subsidy_payment_batches`))[0].n)).toBe(1);
    expect(await audited('subsidy-claim.pay', paid.body.batchId)).toBe(1);
    // Bad batches: empty, not uuids, no reference.
    await as(app, cast.countyStaff, 'post', '/api/v1/subsidy-claims/payments', {
      claimIds: [],
      reference: 'x',
    }).expect(400);
    await as(app, cast.countyStaff, 'post', '/api/v1/subsidy-claims/payments', {
      claimIds: ['nope'],
      reference: 'x',
    }).expect(400);
    await as(app, cast.countyStaff, 'post', '/api/v1/subsidy-claims/payments', {
      claimIds: [pending.id],
    }).expect(400);

    // The beneficiary was told of every step.
    const told = await as(app, cast.countyStaff, 'get', '/api/v1/notifications').expect(200);
    expect(told.body.total).toBe(0); // staff are no beneficiary
    const kinds = (
      await as(app, trickyEmployer, 'get', '/api/v1/notifications?limit=100').expect(200)
    ).body.items.map((n: { kind: string; subjectId: string }) => `${n.kind}:${n.subjectId}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        `subsidy-claim.filed:${approved[0].id}`,
        `subsidy-claim.approved:${approved[0].id}`,
        `subsidy-claim.paid:${approved[0].id}`,
        `subsidy-claim.rejected:${rejected.id}`,
      ]),
    );
  });

  it('the roster as xlsx: masked ID numbers, a totals row, a sheet of reasons, formula-safe names', async () => {
    const res = await as(
      app,
      cast.countyStaff,
      'get',
      '/api/v1/subsidy-claims/roster.xlsx?measure=skill-upgrade',
    )
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('补贴发放花名册'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.getWorksheet('补贴发放花名册')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(3); // header, one claim, totals
    const line = rows[1].slice(1);
    expect(line[1]).toBe('技能提升补贴');
    const masked = String(line[6]);
    expect(masked).toMatch(/^\d{6}\*+[\dX]{2}$/);
    expect(masked).not.toBe(seekerIdNumber);
    expect(JSON.stringify(rows)).not.toContain(seekerIdNumber);
    expect(rows[2].slice(1)).toEqual(expect.arrayContaining(['合计', '1笔', 2000]));
    const reasons = wb.getWorksheet('审核依据')!;
    expect(reasons.rowCount).toBe(1 + certificateClaim.reasons.length);

    // The employer whose name starts with "=": a text cell, never a formula.
    const posts = await as(
      app,
      cast.countyStaff,
      'get',
      '/api/v1/subsidy-claims/roster.xlsx?measure=post-subsidy&period=2023-09',
    )
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(posts.body as never);
    const cell = wb2.getWorksheet('补贴发放花名册')!.getRow(2).getCell(6);
    expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(String(cell.value)).toContain('HYPERLINK');
    expect(String(cell.value).startsWith('=')).toBe(false);
  });

  it('the roster as csv (UTF-8 with BOM): the same lines, totals in yuan; staff only; bad filters are a 400', async () => {
    const res = await as(
      app,
      cast.countyStaff,
      'get',
      '/api/v1/subsidy-claims/roster.csv?measure=post-subsidy',
    ).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const lines = res.text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toContain('身份证号/统一社会信用代码');
    expect(lines).toHaveLength(1 + 36 + 1);
    const total = lines[lines.length - 1];
    expect(total).toContain('合计');
    expect(total).toContain('36笔');
    expect(total).toContain(String((36 * 30000) / 100));
    expect(res.text).not.toContain('"=HYPERLINK');
    await as(app, cast.employerSmall, 'get', '/api/v1/subsidy-claims/roster.csv').expect(403);
    await as(app, cast.countyStaff, 'get', '/api/v1/subsidy-claims/roster.csv?measure=nothing').expect(400);
  });
});
