import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { drainOutbox, startApi, startWorker } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Actor, createPrivileged, registerAgency, registerEmployer } from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';
import { as } from '../fairs/fairs-fixtures';

jest.setTimeout(180_000);

/**
 * 有组织劳务输出 through HTTP (contracts/gigs-internships.md, labour-export trips): staff plan a trip,
 * enrol participants (poverty-alleviated people flagged), confirm departure, record each hire at
 * the destination as a placement of the trip — and the pipeline files the organising agency's
 * referral fee by location class and the transport subsidy; progress toward 12 and 1,200; the
 * 3-month follow-up; bad input and access.
 */
describe('labour export', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let staff: Actor;
  let admin: Actor;
  let agency: Actor;
  let employer: Actor;
  let seeker: Actor;
  let poorA: Actor;
  let poorB: Actor;
  let rural: Actor;
  let tripOut: string;
  let tripShanxi: string;

  const fields = (res: request.Response): string[] =>
    (res.body.error?.fields ?? []).map((f: { field: string }) => f.field);
  const claimsOf = (placementId: string) =>
    ds.query(
      `SELECT measure, beneficiary_kind, beneficiary_id, amount_fen::int AS amount_fen FROM subsidy_claims
        WHERE source_kind = 'placement' AND source_id = $1 ORDER BY measure`,
      [placementId],
    ) as Promise<{ measure: string; beneficiary_kind: string; beneficiary_id: string; amount_fen: number }[]>;

  beforeAll(async () => {
    env = await setupSuiteEnv('export', {
      LOGIN_THROTTLE_LIMIT: '100000',
      REGISTRATION_THROTTLE_PER_HOUR: '100000',
    });
    app = await startApi();
    worker = await startWorker();
    ds = app.get(DataSource);
    staff = await createPrivileged(app, Role.Staff);
    admin = await createPrivileged(app, Role.Admin);
    agency = await registerAgency(app);
    employer = await registerEmployer(app, '昆山精密电子有限公司');
    seeker = await seekerWithProfile(
      app,
      { birthDate: '1990-02-01', sex: 'male' },
      { groups: ['rural-labourer'] },
    );
    const poor = { groups: ['rural-labourer', 'poverty-alleviated'], registeredUnemployedSince: null };
    poorA = await seekerWithProfile(app, { birthDate: '1985-05-01', sex: 'male' }, poor);
    poorB = await seekerWithProfile(app, { birthDate: '1988-07-01', sex: 'female' }, poor);
    rural = await seekerWithProfile(
      app,
      { birthDate: '1979-09-09', sex: 'male' },
      { groups: ['rural-labourer'], registeredUnemployedSince: null },
    );
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await env?.cleanup();
  });

  it('staff plan trips (the contract body); bad input names its field', async () => {
    const t = (
      await as(app, staff, 'post', '/api/v1/export-trips', {
        destination: { province: '江苏', city: '苏州市', county: '昆山市' },
        departureDate: '2023-09-06',
        plannedHeadcount: 40,
        organisingAgencyId: agency.organisationId,
        employerName: '昆山精密电子有限公司',
        stationContact: '稷山县驻昆山劳务工作站 李站长',
      }).expect(201)
    ).body;
    expect(t).toMatchObject({
      id: expect.any(String),
      destination: { province: '江苏省', city: '苏州市', county: '昆山市' },
      destinationText: '江苏省苏州市昆山市',
      crossProvince: true,
      plannedHeadcount: 40,
      counts: { enrolled: 0, departed: 0, placed: 0, stillEmployed: 0 },
    });
    tripOut = t.id;
    tripShanxi = (
      await as(app, staff, 'post', '/api/v1/export-trips', {
        destination: { province: '山西省', city: '太原市' },
        departureDate: '2023-10-10',
        plannedHeadcount: 20,
        organisingAgencyId: agency.organisationId,
      }).expect(201)
    ).body.id;

    const bad = async (body: object) =>
      fields(await as(app, staff, 'post', '/api/v1/export-trips', body).expect(400));
    const ok = { destination: { province: '江苏省' }, departureDate: '2023-09-06', plannedHeadcount: 10 };
    expect(await bad({ ...ok, destination: { province: '火星' } })).toEqual(['destination.province']);
    expect(await bad({ ...ok, destination: { province: '山西', city: '运城市', county: '稷山县' } })).toEqual(
      ['destination.county'],
    );
    expect(await bad({ ...ok, departureDate: '2023-02-30' })).toEqual(['departureDate']);
    expect(await bad({ ...ok, plannedHeadcount: 0 })).toEqual(['plannedHeadcount']);
    expect(await bad({ ...ok, organisingAgencyId: employer.organisationId })).toEqual(['organisingAgencyId']);
    expect((await bad({ departureDate: '2023-09-06', plannedHeadcount: 10 }))[0]).toMatch(/^destination/);
    expect((await ds.query(`SELECT count(*)::int AS n FROM export_trips`))[0].n).toBe(2);
  });

  it('participants enrol (poverty-alleviated flagged), once per trip and on one trip at a time; departure', async () => {
    const first = await as(app, staff, 'post', `/api/v1/export-trips/${tripOut}/participants`, {
      seekerUserId: poorA.userId,
    }).expect(201);
    expect(first.body).toMatchObject({
      status: 'enrolled',
      statusName: '已报名',
      povertyAlleviated: true,
      ruralLabourer: true,
    });
    const again = await as(app, staff, 'post', `/api/v1/export-trips/${tripOut}/participants`, {
      seekerUserId: poorA.userId,
    }).expect(200);
    expect(again.body.enrolledAt).toBe(first.body.enrolledAt);
    // A seeker enrols themself (and nobody else) — only before the trip leaves; staff may record it late.
    const later = (
      await as(app, staff, 'post', '/api/v1/export-trips', {
        destination: { province: '浙江' },
        departureDate: '2099-03-01',
        plannedHeadcount: 10,
      }).expect(201)
    ).body.id;
    const late = await as(app, seeker, 'post', `/api/v1/export-trips/${tripOut}/participants`, {}).expect(
      409,
    );
    expect(late.body.error.code).toBe('trip-departed');
    await as(app, seeker, 'post', `/api/v1/export-trips/${later}/participants`, {}).expect(201);
    await as(app, seeker, 'post', `/api/v1/export-trips/${later}/participants`, {
      seekerUserId: rural.userId,
    }).expect(403);
    // Having withdrawn, they may enrol again (201), elsewhere too.
    await as(
      app,
      seeker,
      'post',
      `/api/v1/export-trips/${later}/participants/${seeker.userId}/withdrawal`,
    ).expect(200);
    await as(app, seeker, 'post', `/api/v1/export-trips/${later}/participants`, {}).expect(201);
    await as(
      app,
      seeker,
      'post',
      `/api/v1/export-trips/${later}/participants/${seeker.userId}/withdrawal`,
    ).expect(200);
    await as(app, staff, 'post', `/api/v1/export-trips/${tripOut}/participants`, {
      seekerUserId: seeker.userId,
    }).expect(201);
    // Township staff see the figures, not the people: the county center runs the trips.
    const township = await createPrivileged(app, Role.Staff, 'jifeng');
    expect(
      (
        await as(app, township, 'post', `/api/v1/export-trips/${tripOut}/participants`, {
          seekerUserId: rural.userId,
        }).expect(403)
      ).body.error.code,
    ).toBe('county-staff-only');
    await as(app, township, 'get', `/api/v1/export-trips/${tripOut}`).expect(403);
    await as(app, township, 'get', '/api/v1/export-trips/progress').expect(200);
    await as(app, staff, 'post', `/api/v1/export-trips/${tripShanxi}/participants`, {
      seekerUserId: poorB.userId,
    }).expect(201);
    await as(app, staff, 'post', `/api/v1/export-trips/${tripShanxi}/participants`, {
      seekerUserId: rural.userId,
    }).expect(201);
    const busy = await as(app, staff, 'post', `/api/v1/export-trips/${tripShanxi}/participants`, {
      seekerUserId: poorA.userId,
    }).expect(409);
    expect(busy.body.error.code).toBe('on-another-trip');
    await as(app, staff, 'post', `/api/v1/export-trips/${tripOut}/participants`, {
      seekerUserId: employer.userId,
    }).expect(404);
    expect(
      fields(
        await as(app, staff, 'post', `/api/v1/export-trips/${tripOut}/departure`, {
          departedOn: '2023-09-01',
        }).expect(400),
      ),
    ).toEqual(['departedOn']);
    const departed = (
      await as(app, staff, 'post', `/api/v1/export-trips/${tripOut}/departure`, {}).expect(200)
    ).body;
    expect(departed.counts).toMatchObject({ enrolled: 2, departed: 2 });
    expect(departed.participants.every((p: { departedOn: string }) => p.departedOn === '2023-09-06')).toBe(
      true,
    );
  });

  it('the hire at the destination is a placement of the trip: the referral fee by location class and the transport subsidy follow', async () => {
    const path = (trip: string, who: Actor) =>
      `/api/v1/export-trips/${trip}/participants/${who.userId}/placement`;
    // Arriving before departing is a 400, and nothing is written.
    expect(
      fields(
        await as(app, staff, 'post', path(tripOut, poorA), {
          employerOrganisationId: employer.organisationId,
          startDate: '2023-09-01',
        }).expect(400),
      ),
    ).toEqual(['startDate']);
    // A hire not started yet is not recorded.
    expect(
      fields(
        await as(app, staff, 'post', path(tripOut, poorA), {
          employerOrganisationId: employer.organisationId,
          startDate: '2099-01-01',
        }).expect(400),
      ),
    ).toEqual(['startDate']);
    expect((await ds.query(`SELECT count(*)::int AS n FROM placements`))[0].n).toBe(0);

    const out = (
      await as(app, staff, 'post', path(tripOut, poorA), {
        employerOrganisationId: employer.organisationId,
        startDate: '2023-09-08',
        contractEndDate: '2024-09-07',
      }).expect(201)
    ).body;
    expect(out.participant).toMatchObject({ status: 'placed', placementId: out.placementId });
    const again = await as(app, staff, 'post', path(tripOut, poorA), {
      employerOrganisationId: employer.organisationId,
      startDate: '2023-09-08',
    }).expect(409);
    expect(again.body.error.code).toBe('already-placed');
    const [pl] = await ds.query(
      `SELECT job_province AS province, job_city AS city, job_county AS county, organised_export_trip_id,
              referring_agency_id FROM placements WHERE id = $1`,
      [out.placementId],
    );
    expect(pl).toEqual({
      province: '江苏省',
      city: '苏州市',
      county: '昆山市',
      organised_export_trip_id: tripOut,
      referring_agency_id: agency.organisationId,
    });

    // Within Shanxi, outside the county: placed without a departure step (departed on the trip's date).
    const inShanxi = (
      await as(app, staff, 'post', path(tripShanxi, poorB), {
        employerOrganisationId: employer.organisationId,
        startDate: '2023-10-12',
      }).expect(201)
    ).body;
    expect(inShanxi.participant.departedOn).toBe('2023-10-10');

    await drainOutbox(worker);
    const outClaims = await claimsOf(out.placementId);
    expect(outClaims.filter((c) => c.measure === 'referral-fee')).toEqual([
      {
        measure: 'referral-fee',
        beneficiary_kind: 'agency',
        beneficiary_id: agency.organisationId,
        amount_fen: 80000,
      },
    ]);
    expect(outClaims.filter((c) => c.measure.startsWith('transport'))).toEqual([
      {
        measure: 'transport-cross-province',
        beneficiary_kind: 'person',
        beneficiary_id: poorA.userId,
        amount_fen: 150000,
      },
    ]);
    const shanxiClaims = await claimsOf(inShanxi.placementId);
    expect(shanxiClaims.find((c) => c.measure === 'referral-fee')?.amount_fen).toBe(50000);
    expect(shanxiClaims.filter((c) => c.measure.startsWith('transport'))).toEqual([
      {
        measure: 'transport-organised',
        beneficiary_kind: 'person',
        beneficiary_id: poorB.userId,
        amount_fen: 60000,
      },
    ]);
  });

  it('the follow-up 3 months on; withdrawal; progress toward 12 trips and 1,200 people', async () => {
    const fu = (who: Actor, body: object) =>
      as(app, staff, 'post', `/api/v1/export-trips/${tripOut}/participants/${who.userId}/follow-up`, body);
    expect(fields(await fu(poorA, { onDate: '2023-11-01', stillEmployed: true }).expect(400))).toEqual([
      'onDate',
    ]);
    expect(fields(await fu(poorA, { onDate: '2023-12-08', stillEmployed: 'yes' }).expect(400))).toEqual([
      'stillEmployed',
    ]);
    expect(
      (await fu(seeker, { onDate: '2023-12-08', stillEmployed: true }).expect(409)).body.error.code,
    ).toBe('not-placed');
    expect(
      (await fu(poorA, { onDate: '2023-12-08', stillEmployed: true, note: '电话回访，在岗' }).expect(200))
        .body,
    ).toMatchObject({
      followUpOn: '2023-12-08',
      stillEmployed: true,
    });
    // The rural labourer leaves the Shanxi trip before a placement (themself).
    await as(
      app,
      rural,
      'post',
      `/api/v1/export-trips/${tripShanxi}/participants/${rural.userId}/withdrawal`,
    ).expect(200);
    await as(
      app,
      seeker,
      'post',
      `/api/v1/export-trips/${tripShanxi}/participants/${poorB.userId}/withdrawal`,
    ).expect(404);

    const p = (await as(app, staff, 'get', '/api/v1/export-trips/progress').expect(200)).body;
    expect(p).toMatchObject({
      targetTrips: 12,
      targetPeople: 1200,
      trips: 3,
      enrolled: 3,
      departed: 3,
      placed: 2,
      stillEmployedAfter3Months: 1,
    });
    const [{ placed }] = await ds.query(
      `SELECT count(*)::int AS placed FROM placements WHERE organised_export_trip_id IS NOT NULL`,
    );
    expect(p.placed).toBe(placed);
    expect(
      (await as(app, staff, 'get', '/api/v1/export-trips/progress?year=2024').expect(200)).body,
    ).toMatchObject({ trips: 0, placed: 0 });
    const mine = (await as(app, poorA, 'get', '/api/v1/export-trips/mine').expect(200)).body;
    expect(mine.items.map((i: { trip: { id: string } }) => i.trip.id)).toEqual([tripOut]);
  });

  it('access: every trip route for every role', async () => {
    const who: Record<string, Actor | null> = { anonymous: null, seeker, employer, agency, staff, admin };
    const matrix = async (
      label: string,
      expected: Record<string, number>,
      make: (a: Actor | null) => Promise<number>,
    ) => {
      const got: Record<string, number> = {};
      for (const [k, a] of Object.entries(who)) got[k] = await make(a);
      expect({ label, got }).toEqual({ label, got: expected });
    };
    const staffOnly = { anonymous: 401, seeker: 403, employer: 403, agency: 403, staff: 200, admin: 200 };
    await matrix('list', staffOnly, async (a) => (await as(app, a, 'get', '/api/v1/export-trips')).status);
    await matrix(
      'progress',
      staffOnly,
      async (a) => (await as(app, a, 'get', '/api/v1/export-trips/progress')).status,
    );
    await matrix(
      'detail',
      staffOnly,
      async (a) => (await as(app, a, 'get', `/api/v1/export-trips/${tripOut}`)).status,
    );
    await matrix(
      'upcoming',
      { anonymous: 200, seeker: 200, employer: 200, agency: 200, staff: 200, admin: 200 },
      async (a) => (await as(app, a, 'get', '/api/v1/export-trips/upcoming')).status,
    );
    await matrix(
      'mine',
      { anonymous: 401, seeker: 200, employer: 403, agency: 403, staff: 403, admin: 403 },
      async (a) => (await as(app, a, 'get', '/api/v1/export-trips/mine')).status,
    );
    await matrix(
      'create',
      { anonymous: 401, seeker: 403, employer: 403, agency: 403, staff: 201, admin: 201 },
      async (a) =>
        (
          await as(app, a, 'post', '/api/v1/export-trips', {
            destination: { province: '浙江' },
            departureDate: '2099-05-01',
            plannedHeadcount: 5,
          })
        ).status,
    );
    await matrix(
      'placement',
      { anonymous: 401, seeker: 403, employer: 403, agency: 403, staff: 409, admin: 409 },
      async (a) =>
        (
          await as(app, a, 'post', `/api/v1/export-trips/${tripOut}/participants/${poorA.userId}/placement`, {
            employerOrganisationId: employer.organisationId,
            startDate: '2023-09-08',
          })
        ).status,
    );
    const upcoming = (await as(app, null, 'get', '/api/v1/export-trips/upcoming').expect(200)).body;
    expect(JSON.stringify(upcoming)).not.toMatch(/seekerUserId|displayName/);
  });
});
