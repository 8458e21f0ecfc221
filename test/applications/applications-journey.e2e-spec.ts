import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { JobName } from '@app/platform';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Actors, HIRE, caller, createCast, publishedPost, toOffer } from './applications-fixtures';
import { residentIdOf } from '../subsidies/claims-fixtures';
import { consentToBeFound, fieldsOf, seekerWithProfile } from '../seekers/seekers-fixtures';

jest.setTimeout(180_000);

/**
 * Applications and placements through HTTP with the real worker: the whole journey from a
 * published post to a placement whose `placement.recorded` outbox row the worker processes, the
 * refusals (409/400) and that a refused hire leaves nothing behind, staff records and ends, and an
 * agency's referral ending in a placement the agency sees.
 */
describe('applications and placements: journeys', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let actors: Actors;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    env = await setupSuiteEnv('applications_journey', { LOGIN_THROTTLE_LIMIT: '1000' });
    app = await startApi();
    ds = app.get(DataSource);
    actors = await createCast(app);
    call = caller(app, actors);
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await ds.query(`SELECT count(*) AS n FROM ${sql}`, params))[0].n);
  const placementOutbox = (placementId: string, job = JobName.PlacementRecorded) =>
    count(`outbox WHERE job_name = $1 AND payload->>'placementId' = $2`, [job, placementId]);

  it('published post → application → every step → hired: placement, outbox row processed by the worker', async () => {
    const postId = await publishedPost(app, actors, 'employerA');
    // Idempotency-Key: the repeat returns the first answer and creates nothing.
    const first = await call('seekerA', 'post', `/api/v1/job-posts/${postId}/applications`, {
      coverNote: '有三年电焊经验',
    })
      .set('Idempotency-Key', 'apply-journey-0001')
      .expect(201);
    const again = await call('seekerA', 'post', `/api/v1/job-posts/${postId}/applications`, {
      coverNote: '有三年电焊经验',
    })
      .set('Idempotency-Key', 'apply-journey-0001')
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await count(`applications WHERE job_post_id = $1`, [postId])).toBe(1);
    const id: string = first.body.id;
    expect(first.body).toMatchObject({
      status: 'applied',
      jobPostId: postId,
      employerId: actors.employerA.organisationId,
      seekerUserId: actors.seekerA.userId,
      coverNote: '有三年电焊经验',
      referredByAgencyId: null,
      placementId: null,
    });

    const mine = await call('seekerA', 'get', '/api/v1/applications/mine').expect(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(id);

    await toOffer(app, actors, 'employerA', id);
    const hired = await call('employerA', 'post', `/api/v1/applications/${id}/transitions`, {
      ...HIRE,
      startDate: '2025-09-01',
      note: '九月一日报到',
    }).expect(200);
    expect(hired.body.status).toBe('hired');
    expect(hired.body.placementId).toEqual(expect.any(String));

    // Every step, timestamped, visible to the seeker.
    const seen = await call('seekerA', 'get', `/api/v1/applications/${id}`).expect(200);
    expect(
      seen.body.events.map((e: { fromStatus: string | null; toStatus: string }) => [
        e.fromStatus,
        e.toStatus,
      ]),
    ).toEqual([
      [null, 'applied'],
      ['applied', 'screening'],
      ['screening', 'interview'],
      ['interview', 'offer'],
      ['offer', 'hired'],
    ]);
    for (const e of seen.body.events) expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    expect(seen.body.events[4].note).toBe('九月一日报到');

    const placementId: string = hired.body.placementId;
    const list = await call('employerA', 'get', '/api/v1/placements').expect(200);
    const placement = list.body.items.find((p: { id: string }) => p.id === placementId);
    expect(placement).toMatchObject({
      applicationId: id,
      jobPostId: postId,
      employerOrganisationId: actors.employerA.organisationId,
      seekerUserId: actors.seekerA.userId,
      startDate: '2025-09-01',
      contractEndDate: '2027-08-31',
      jobLocation: { province: '山西省', city: '运城市', county: '稷山县', townshipCode: 'jifeng' },
      postKind: 'regular',
      employerSocialInsuranceMonthlyFen: 90000,
      referringAgencyId: null,
      referralFree: false,
      organisedExportTripId: null,
      source: 'application',
      endedOn: null,
      hire: {
        startDate: '2025-09-01',
        contractEndDate: '2027-08-31',
        jobLocation: { province: '山西省', city: '运城市', county: '稷山县' },
        postKind: 'regular',
        employerSocialInsuranceMonthlyFen: 90000,
      },
    });
    expect(placement.hire.referral).toBeUndefined();
    expect(await placementOutbox(placementId)).toBe(1);
    expect(await count(`audit_log WHERE action = 'placement.record' AND target_id = $1`, [placementId])).toBe(
      1,
    );

    await drainOutbox(worker);
    const processed = await ds.query(
      `SELECT processed_at FROM outbox WHERE job_name = $1 AND payload->>'placementId' = $2`,
      [JobName.PlacementRecorded, placementId],
    );
    expect(processed[0].processed_at).not.toBeNull();
    // The worker evaluated the hire: its decisions are kept (the subsidy pipeline's own suites say which).
    expect(
      await count(`subsidy_decisions WHERE source_kind = 'placement' AND source_id = $1`, [placementId]),
    ).toBeGreaterThan(0);

    // A hired application is final.
    await call('employerA', 'post', `/api/v1/applications/${id}/transitions`, { to: 'rejected' }).expect(409);
    await call('seekerA', 'post', `/api/v1/applications/${id}/withdraw`, {}).expect(409);
  });

  it('a post outside the county places the hire at the post’s own place', async () => {
    const postId = await publishedPost(app, actors, 'employerA', { outsidePlace: '江苏省苏州市昆山市' });
    const res = await call('seekerB', 'post', `/api/v1/job-posts/${postId}/applications`, {}).expect(201);
    await toOffer(app, actors, 'countyStaff', res.body.id);
    const hired = await call('countyStaff', 'post', `/api/v1/applications/${res.body.id}/transitions`, {
      to: 'hired',
      startDate: '2025-10-01',
      contractEndDate: '2026-09-30',
    }).expect(200);
    const rows = await ds.query(
      `SELECT job_province, job_city, job_county, township_code FROM placements WHERE id = $1`,
      [hired.body.placementId],
    );
    expect(rows[0]).toEqual({
      job_province: '江苏省',
      job_city: '苏州市',
      job_county: '昆山市',
      township_code: null,
    });
  });

  it('applying twice → 409; after a withdrawal the seeker may apply again', async () => {
    const postId = await publishedPost(app, actors, 'employerA');
    const first = await call('seekerB', 'post', `/api/v1/job-posts/${postId}/applications`, {}).expect(201);
    const twice = await call('seekerB', 'post', `/api/v1/job-posts/${postId}/applications`, {}).expect(409);
    expect(twice.body.error.code).toBe('application.duplicate');

    const withdrawn = await call('seekerB', 'post', `/api/v1/applications/${first.body.id}/withdraw`, {
      note: '已在别处就业',
    }).expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.events.at(-1)).toMatchObject({ fromStatus: 'applied', toStatus: 'withdrawn' });
    await call('seekerB', 'post', `/api/v1/applications/${first.body.id}/withdraw`, {}).expect(409);
    // The employer cannot move a withdrawn application.
    await call('employerA', 'post', `/api/v1/applications/${first.body.id}/transitions`, {
      to: 'screening',
    }).expect(409);
    await call('seekerB', 'post', `/api/v1/job-posts/${postId}/applications`, {}).expect(201);
    expect(await count(`applications WHERE job_post_id = $1`, [postId])).toBe(2);
  });

  it('a closed post → 409; a draft post → 404; an unknown post → 404', async () => {
    const closed = await publishedPost(app, actors, 'employerA');
    await call('employerA', 'post', `/api/v1/job-posts/${closed}/close`).expect(200);
    const res = await call('seekerA', 'post', `/api/v1/job-posts/${closed}/applications`, {}).expect(409);
    expect(res.body.error.code).toBe('application.post-not-open');

    const draft = await call('employerA', 'post', '/api/v1/job-posts', {
      title: '草稿岗位',
      headcount: 1,
      townshipCode: 'jifeng',
    }).expect(201);
    await call('seekerA', 'post', `/api/v1/job-posts/${draft.body.id}/applications`, {}).expect(404);
    await call(
      'seekerA',
      'post',
      `/api/v1/job-posts/00000000-0000-4000-8000-000000000000/applications`,
      {},
    ).expect(404);
    await call('seekerA', 'post', `/api/v1/job-posts/not-a-uuid/applications`, {}).expect(400);
    expect(await count(`applications WHERE job_post_id IN ($1, $2)`, [closed, draft.body.id])).toBe(0);
  });

  it('illegal transitions → 409 and change nothing', async () => {
    const postId = await publishedPost(app, actors, 'employerA');
    const res = await call('seekerA', 'post', `/api/v1/job-posts/${postId}/applications`, {}).expect(201);
    const id: string = res.body.id;
    for (const body of [HIRE, { to: 'interview' }, { to: 'applied' }, { to: 'withdrawn' }]) {
      const r = await call('employerA', 'post', `/api/v1/applications/${id}/transitions`, body).expect(409);
      expect(r.body.error.code).toBe('application.invalid-transition');
    }
    const bad = await call('employerA', 'post', `/api/v1/applications/${id}/transitions`, {
      to: 'hiredd',
    }).expect(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['to']);
    const after = await call('seekerA', 'get', `/api/v1/applications/${id}`).expect(200);
    expect(after.body.status).toBe('applied');
    expect(after.body.events).toHaveLength(1);
    // Rejection from any open step.
    await call('employerA', 'post', `/api/v1/applications/${id}/transitions`, { to: 'screening' }).expect(
      200,
    );
    const rejected = await call('employerA', 'post', `/api/v1/applications/${id}/transitions`, {
      to: 'rejected',
      note: '经验不符',
    }).expect(200);
    expect(rejected.body.status).toBe('rejected');
  });

  it('nothing half-written: a bad hire is a 400 naming the field, with no placement and no outbox row', async () => {
    const postId = await publishedPost(app, actors, 'employerA');
    const res = await call('seekerA', 'post', `/api/v1/job-posts/${postId}/applications`, {}).expect(201);
    const id: string = res.body.id;
    await toOffer(app, actors, 'employerA', id);
    const outboxBefore = await count(`outbox WHERE job_name = $1`, [JobName.PlacementRecorded]);

    const cases: [object, string][] = [
      [{ ...HIRE, startDate: '2025-09-01', contractEndDate: '2025-08-31' }, 'contractEndDate'],
      [{ to: 'hired', contractEndDate: '2027-08-31' }, 'startDate'],
      [{ to: 'hired', startDate: '2025-09-01' }, 'contractEndDate'],
      [{ ...HIRE, startDate: '2025-02-30' }, 'startDate'],
      [{ ...HIRE, employerSocialInsuranceMonthlyFen: 900.5 }, 'employerSocialInsuranceMonthlyFen'],
      [{ ...HIRE, postKind: 'temp' }, 'postKind'],
      [{ to: 'rejected', startDate: '2025-09-01' }, 'startDate'],
    ];
    for (const [body, field] of cases) {
      const r = await call('employerA', 'post', `/api/v1/applications/${id}/transitions`, body).expect(400);
      expect({ body, fields: r.body.error.fields.map((f: { field: string }) => f.field) }).toEqual({
        body,
        fields: [field],
      });
    }
    expect(await count(`placements WHERE application_id = $1`, [id])).toBe(0);
    expect(await count(`outbox WHERE job_name = $1`, [JobName.PlacementRecorded])).toBe(outboxBefore);
    const after = await call('seekerA', 'get', `/api/v1/applications/${id}`).expect(200);
    expect(after.body.status).toBe('offer');
    expect(after.body.events).toHaveLength(4);
    // The same hire done right then succeeds.
    await call('employerA', 'post', `/api/v1/applications/${id}/transitions`, HIRE).expect(200);
    expect(await count(`placements WHERE application_id = $1`, [id])).toBe(1);
  });

  it('staff record a placement directly and record its end; the worker receives both events', async () => {
    const body = {
      employerOrganisationId: actors.employerB.organisationId,
      seekerUserId: actors.seekerB.userId,
      startDate: '2025-03-01',
      contractEndDate: '2026-02-28',
      townshipCode: 'xishe',
      postKind: 'public-welfare',
      employerSocialInsuranceMonthlyFen: 120000,
      referringAgencyId: actors.agencyA.organisationId,
      referralFree: true,
      organisedExportTripId: 'trip-2025-03-fair',
    };
    // Bad inputs: each 400 names its field, and nothing is written.
    const before = await count(`placements`, []);
    const bad: [object, string][] = [
      [{ ...body, contractEndDate: '2025-02-01' }, 'contractEndDate'],
      [{ ...body, townshipCode: 'nowhere' }, 'townshipCode'],
      [{ ...body, townshipCode: undefined }, 'townshipCode'],
      [{ ...body, outsideProvince: '江苏省' }, 'outsideProvince'],
      [{ ...body, referringAgencyId: undefined }, 'referralFree'],
      [{ ...body, recordedBy: actors.admin.userId }, 'recordedBy'],
    ];
    for (const [b, field] of bad) {
      const r = await call('countyStaff', 'post', '/api/v1/placements', b).expect(400);
      expect({ b, fields: r.body.error.fields.map((f: { field: string }) => f.field) }).toEqual({
        b,
        fields: [field],
      });
    }
    await call('countyStaff', 'post', '/api/v1/placements', {
      ...body,
      seekerUserId: actors.employerA.userId,
    }).expect(404);
    await call('countyStaff', 'post', '/api/v1/placements', {
      ...body,
      referringAgencyId: actors.employerA.organisationId,
    }).expect(404);
    expect(await count(`placements`, [])).toBe(before);

    const created = await call('countyStaff', 'post', '/api/v1/placements', body).expect(201);
    expect(created.body).toMatchObject({
      applicationId: null,
      jobPostId: null,
      source: 'staff',
      jobLocation: { province: '山西省', city: '运城市', county: '稷山县', townshipCode: 'xishe' },
      postKind: 'public-welfare',
      referringAgencyKind: 'hr-firm',
      referralFree: true,
      organisedExportTripId: 'trip-2025-03-fair',
      hire: { referral: { agencyKind: 'hr-firm', free: true, organisedExport: true } },
    });
    const id: string = created.body.id;
    expect(await placementOutbox(id)).toBe(1);

    const early = await call('countyStaff', 'post', `/api/v1/placements/${id}/end`, {
      endedOn: '2025-02-01',
      reason: '合同期满',
    }).expect(400);
    expect(early.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['endedOn']);
    const ended = await call('countyStaff', 'post', `/api/v1/placements/${id}/end`, {
      endedOn: '2025-12-31',
      reason: '个人辞职',
    }).expect(200);
    expect(ended.body).toMatchObject({ endedOn: '2025-12-31', endReason: '个人辞职' });
    const twice = await call('countyStaff', 'post', `/api/v1/placements/${id}/end`, {
      endedOn: '2025-12-31',
      reason: '个人辞职',
    }).expect(409);
    expect(twice.body.error.code).toBe('placement.already-ended');
    expect(await placementOutbox(id, JobName.PlacementEnded)).toBe(1);
    expect(await count(`audit_log WHERE action = 'placement.end' AND target_id = $1`, [id])).toBe(1);

    // With a post: the place of work is the post's.
    const postId = await publishedPost(app, actors, 'employerB', { townshipCode: 'xishe' });
    const withPost = await call('countyStaff', 'post', '/api/v1/placements', {
      employerOrganisationId: actors.employerB.organisationId,
      seekerUserId: actors.seekerA.userId,
      jobPostId: postId,
      startDate: '2025-05-01',
    }).expect(201);
    expect(withPost.body).toMatchObject({
      jobPostId: postId,
      contractEndDate: null,
      jobLocation: { townshipCode: 'xishe' },
    });
    await call('countyStaff', 'post', '/api/v1/placements', {
      employerOrganisationId: actors.employerA.organisationId,
      seekerUserId: actors.seekerA.userId,
      jobPostId: postId,
      startDate: '2025-05-01',
    }).expect(400);

    await drainOutbox(worker);
    // The placements queue runs several jobs at once: the two events may be handled in either order.
    const handled = await ds.query(
      `SELECT job_name FROM outbox WHERE payload->>'placementId' = $1 AND processed_at IS NOT NULL ORDER BY job_name`,
      [id],
    );
    expect(handled.map((k: { job_name: string }) => k.job_name)).toEqual([
      JobName.PlacementEnded,
      JobName.PlacementRecorded,
    ]);
    expect(
      await count(`subsidy_decisions WHERE source_kind = 'placement' AND source_id = $1`, [id]),
    ).toBeGreaterThan(0);
  });

  it('an agency refers a seeker by the ID number on their card; one of no consenting seeker is not found', async () => {
    const postId = await publishedPost(app, actors, 'employerA');
    const idNumber = residentIdOf('1991-06-18', 'female');
    const seeker = await seekerWithProfile(
      app,
      { login: `card.${Date.now()}`, displayName: '韩晓梅', idNumber },
      false,
    );
    const refer = (body: Record<string, unknown>) =>
      call('agencyA', 'post', '/api/v1/agency/referrals', { jobPostId: postId, free: true, ...body });
    // Registered, but no consent to be found yet: the same 404 as a number nobody has.
    await refer({ seekerIdNumber: idNumber }).expect(404);
    await refer({ seekerIdNumber: residentIdOf('1970-01-01', 'male') }).expect(404);
    await consentToBeFound(app, seeker.bearer);
    const before = await count('applications', []);
    // Neither, both, or a number that is no ID number: 400 naming the field, nothing written.
    expect(fieldsOf(await refer({}).expect(400))).toEqual(['seekerUserId']);
    const both = await refer({ seekerIdNumber: idNumber, seekerUserId: seeker.userId }).expect(400);
    expect(fieldsOf(both)).toEqual(['seekerIdNumber']);
    const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    const bad = await refer({ seekerIdNumber: wrongCheck }).expect(400);
    expect(fieldsOf(bad)).toEqual(['seekerIdNumber']);
    expect(await count('applications', [])).toBe(before);

    const referred = await refer({
      seekerIdNumber: idNumber.toLowerCase(),
      note: '持身份证来中介登记',
    }).expect(201);
    expect(referred.body.application).toMatchObject({
      seekerUserId: seeker.userId,
      referredByAgencyId: actors.agencyA.organisationId,
      status: 'applied',
    });
  });

  it('agency referral → hire → the agency sees its placement; refusals for no consent and twice', async () => {
    const postId = await publishedPost(app, actors, 'employerA');
    // Seeker B has not consented to be found: not found for an agency.
    await call('agencyA', 'post', '/api/v1/agency/referrals', {
      seekerUserId: actors.seekerB.userId,
      jobPostId: postId,
      free: true,
    }).expect(404);
    await call('agencyA', 'post', '/api/v1/agency/referrals', {
      seekerUserId: actors.employerA.userId,
      jobPostId: postId,
      free: true,
    }).expect(404);
    const referred = await call('agencyA', 'post', '/api/v1/agency/referrals', {
      seekerUserId: actors.seekerA.userId,
      jobPostId: postId,
      free: true,
      note: '本人有焊工证',
    }).expect(201);
    const appId: string = referred.body.application.id;
    expect(referred.body.application).toMatchObject({
      status: 'applied',
      referredByAgencyId: actors.agencyA.organisationId,
      referralFree: true,
      seekerUserId: actors.seekerA.userId,
    });
    expect(await count(`agency_referrals WHERE application_id = $1`, [appId])).toBe(1);
    await call('agencyB', 'post', '/api/v1/agency/referrals', {
      seekerUserId: actors.seekerA.userId,
      jobPostId: postId,
      free: false,
    }).expect(409);
    await call('seekerA', 'post', `/api/v1/job-posts/${postId}/applications`, {}).expect(409);
    // The seeker sees the referral among their applications; the agency sees its application.
    const mine = await call('seekerA', 'get', '/api/v1/applications/mine').expect(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(appId);
    await call('agencyA', 'get', `/api/v1/applications/${appId}`).expect(200);
    await call('agencyB', 'get', `/api/v1/applications/${appId}`).expect(404);

    await toOffer(app, actors, 'employerA', appId);
    const hired = await call('employerA', 'post', `/api/v1/applications/${appId}/transitions`, HIRE).expect(
      200,
    );
    const placementId: string = hired.body.placementId;

    const seen = await call('agencyA', 'get', '/api/v1/agency/placements').expect(200);
    const p = seen.body.items.find((x: { id: string }) => x.id === placementId);
    expect(p).toMatchObject({
      referringAgencyId: actors.agencyA.organisationId,
      referringAgencyKind: 'hr-firm',
      referralFree: true,
      hire: { referral: { agencyKind: 'hr-firm', free: true, organisedExport: false } },
    });
    // Agency A also sees the staff record it referred; agency B sees neither.
    for (const item of seen.body.items) expect(item.referringAgencyId).toBe(actors.agencyA.organisationId);
    const other = await call('agencyB', 'get', '/api/v1/agency/placements').expect(200);
    expect(other.body.items.map((x: { id: string }) => x.id)).not.toContain(placementId);
    const general = await call('agencyA', 'get', '/api/v1/placements').expect(200);
    expect(general.body.items.map((x: { id: string }) => x.id)).toContain(placementId);

    await drainOutbox(worker);
    expect(
      await count(
        `subsidy_decisions WHERE source_kind = 'placement' AND source_id = $1 AND measure = 'referral-fee'`,
        [placementId],
      ),
    ).toBe(1);
  });
});
