import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Role } from '@app/platform';
import {
  Actor,
  createPrivileged,
  registerAgency,
  registerEmployer,
  registerSeeker,
} from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';
import { as, chinaIso, fairBody, openFair } from './fairs-fixtures';

jest.setTimeout(180_000);

/**
 * Recruitment fairs through HTTP (contracts/fairs.md): staff plan and open a fair, the public
 * calendar shows it, seekers register and get a QR ticket, enterprises register and are given
 * booths, the door checks tickets in (online and offline), a hire at the fair records its
 * placement, and the report counts it all. Bad input is a 4xx naming the field; each route says
 * who may call it.
 */
describe('recruitment fairs', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  let staff: Actor;
  let admin: Actor;
  let seeker: Actor;
  let other: Actor;
  let employer: Actor;
  let agency: Actor;

  beforeAll(async () => {
    env = await setupSuiteEnv('fairs', {
      LOGIN_THROTTLE_LIMIT: '1000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
    });
    app = await startApi();
    ds = app.get(DataSource);
    staff = await createPrivileged(app, Role.Staff);
    admin = await createPrivileged(app, Role.Admin);
    seeker = await seekerWithProfile(
      app,
      { birthDate: '2002-05-01', sex: 'female' },
      {
        groups: ['rural-labourer'],
        graduation: { date: '2026-07-01', level: 'university', province: '山西省', fullTime: true },
        registeredUnemployedSince: null,
      },
    );
    other = await registerSeeker(app);
    employer = await registerEmployer(app, '稷山县招聘会测试机械有限公司');
    agency = await registerAgency(app);
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  const fields = (res: request.Response): string[] =>
    (res.body.error?.fields ?? []).map((f: { field: string }) => f.field);

  it('staff plan a fair (a draft, staff-only), open it, and the public calendar shows it', async () => {
    const draft = (
      await as(app, staff, 'post', '/api/v1/fairs', fairBody({ title: '春风行动专场' })).expect(201)
    ).body;
    expect(draft).toMatchObject({
      status: 'draft',
      title: '春风行动专场',
      seekerCapacity: 300,
      boothCount: 40,
    });
    expect(draft.startsAt).toMatch(/\+08:00$/);
    const publicIds = async () =>
      (
        (await request(app.getHttpServer()).get('/api/v1/fairs?limit=100').expect(200)).body.items as {
          id: string;
        }[]
      ).map((f) => f.id);
    expect(await publicIds()).not.toContain(draft.id);
    await request(app.getHttpServer()).get(`/api/v1/fairs/${draft.id}`).expect(404);
    await as(app, staff, 'get', `/api/v1/fairs/${draft.id}`).expect(200);
    expect((await as(app, staff, 'post', `/api/v1/fairs/${draft.id}/open`).expect(200)).body.status).toBe(
      'open',
    );
    expect(await publicIds()).toContain(draft.id);
    expect(
      (await request(app.getHttpServer()).get(`/api/v1/fairs/${draft.id}`).expect(200)).body.status,
    ).toBe('open');
    // Only staff plan and open fairs.
    for (const who of [seeker, employer, agency, admin]) {
      await as(app, who, 'post', '/api/v1/fairs', fairBody()).expect(403);
    }
    await as(app, null, 'post', '/api/v1/fairs', fairBody()).expect(401);
    await as(app, employer, 'post', `/api/v1/fairs/${draft.id}/open`).expect(403);
  });

  it('a fair ending before it starts, a window out of order, a time without offset: 400 naming the field', async () => {
    const now = Date.now();
    const bad = async (over: Record<string, unknown>) =>
      fields(await as(app, staff, 'post', '/api/v1/fairs', fairBody(over)).expect(400));
    expect(await bad({ endsAt: chinaIso(new Date(now + 23 * 3600_000)) })).toEqual(['endsAt']);
    expect(await bad({ seekerRegistrationClosesAt: chinaIso(new Date(now - 2 * 3600_000)) })).toEqual([
      'seekerRegistrationClosesAt',
    ]);
    expect(await bad({ startsAt: '2027-03-06T09:00:00' })).toEqual(['startsAt']);
    expect(await bad({ theme: 'party' })).toEqual(['theme']);
    expect(await bad({ seekerCapacity: -1 })).toEqual(['seekerCapacity']);
    expect(await bad({ venueId: '00000000-0000-4000-8000-000000000000' })).toEqual(['venueId']);
  });

  it('a venue is never booked for overlapping times; back-to-back is fine; a cancelled fair does not block', async () => {
    const venue = (
      await as(app, staff, 'post', '/api/v1/fair-venues', {
        name: '稷山县人力资源市场一楼',
        boothCount: 60,
        seekerCapacity: 800,
      }).expect(201)
    ).body;
    const at = (h: number) => chinaIso(new Date(Date.UTC(2030, 2, 6, h - 8)));
    const book = (from: number, to: number) =>
      as(
        app,
        staff,
        'post',
        '/api/v1/fairs',
        fairBody({ venueId: venue.id, startsAt: at(from), endsAt: at(to) }),
      );
    const first = (await book(9, 12).expect(201)).body;
    const overlap = await book(11, 14).expect(409);
    expect(overlap.body.error.code).toBe('fair.venue-taken');
    await book(12, 15).expect(201); // back-to-back
    await as(app, staff, 'post', `/api/v1/fairs/${first.id}/cancel`).expect(200);
    await book(10, 11).expect(201); // the cancelled fair no longer holds the morning
    // Booked at once: one of two overlapping requests wins.
    const both = await Promise.all([book(16, 18), book(17, 19)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('a seeker registers once (confirmed, with a ticket), sees it, gets the QR image; nobody else does', async () => {
    const fairId = await openFair(app, staff);
    const first = await as(app, seeker, 'post', `/api/v1/fairs/${fairId}/seeker-registrations`).expect(201);
    expect(first.body).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    expect(first.body.ticketCode).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    const again = await as(app, seeker, 'post', `/api/v1/fairs/${fairId}/seeker-registrations`).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const mine = await as(app, seeker, 'get', `/api/v1/fairs/${fairId}/seeker-registrations/mine`).expect(
      200,
    );
    expect(mine.body.ticketCode).toBe(first.body.ticketCode);
    const png = await as(app, seeker, 'get', `/api/v1/fair-registrations/${first.body.id}/ticket.png`)
      .buffer(true)
      .expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const svg = await as(app, seeker, 'get', `/api/v1/fair-registrations/${first.body.id}/ticket.svg`).expect(
      200,
    );
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    await as(app, other, 'get', `/api/v1/fair-registrations/${first.body.id}/ticket.png`).expect(404);
    await as(app, employer, 'get', `/api/v1/fair-registrations/${first.body.id}/ticket.png`).expect(403);
    await as(app, employer, 'post', `/api/v1/fairs/${fairId}/seeker-registrations`).expect(403);
    await as(app, other, 'get', `/api/v1/fairs/${fairId}/seeker-registrations/mine`).expect(404);
    // Staff see the list with names, never the tickets.
    const list = await as(app, staff, 'get', `/api/v1/fairs/${fairId}/seeker-registrations`).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ seekerUserId: seeker.userId, status: 'confirmed' }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(first.body.ticketCode);
  });

  it('registration outside its window or for a fair not open is a 409; a full fair puts seekers on the list', async () => {
    const now = Date.now();
    const later = await openFair(app, staff, {
      seekerRegistrationOpensAt: chinaIso(new Date(now + 3600_000)),
      seekerRegistrationClosesAt: chinaIso(new Date(now + 20 * 3600_000)),
    });
    const closed = await as(app, other, 'post', `/api/v1/fairs/${later}/seeker-registrations`).expect(409);
    expect(closed.body.error.code).toBe('fair.registration-closed');
    const draft = (await as(app, staff, 'post', '/api/v1/fairs', fairBody()).expect(201)).body.id;
    await as(app, other, 'post', `/api/v1/fairs/${draft}/seeker-registrations`).expect(404);
    const small = await openFair(app, staff, { seekerCapacity: 1 });
    await as(app, seeker, 'post', `/api/v1/fairs/${small}/seeker-registrations`).expect(201);
    const waiting = await as(app, other, 'post', `/api/v1/fairs/${small}/seeker-registrations`).expect(201);
    expect(waiting.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, ticketCode: null });
    await as(app, other, 'get', `/api/v1/fair-registrations/${waiting.body.id}/ticket.png`).expect(409);
    // The confirmed seeker cancels: the first waiting is confirmed and told.
    await as(app, seeker, 'delete', `/api/v1/fairs/${small}/seeker-registrations/mine`).expect(200);
    const promoted = await as(app, other, 'get', `/api/v1/fairs/${small}/seeker-registrations/mine`).expect(
      200,
    );
    expect(promoted.body).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    expect(promoted.body.ticketCode).toBeTruthy();
    const told = await as(app, other, 'get', '/api/v1/notifications').expect(200);
    expect(JSON.stringify(told.body)).toContain('候补成功');
  });

  it('the door: first scan checks in, a repeat on another device says when, a retry answers the same; unknown → 404', async () => {
    const fairId = await openFair(app, staff);
    const otherFair = await openFair(app, staff);
    const ticket = (await as(app, seeker, 'post', `/api/v1/fairs/${fairId}/seeker-registrations`).expect(201))
      .body;
    const scan = (body: object) => as(app, staff, 'post', `/api/v1/fairs/${fairId}/check-ins`, body);
    const first = await scan({ ticketCode: ticket.ticketCode, nonce: 'n1', deviceId: 'door-a' }).expect(200);
    expect(first.body).toMatchObject({ result: 'checked-in', registrationId: ticket.id });
    const repeat = await scan({ ticketCode: ticket.ticketCode, nonce: 'n2', deviceId: 'door-b' }).expect(200);
    expect(repeat.body).toEqual({ ...first.body, result: 'already-checked-in' });
    const retry = await scan({ ticketCode: ticket.ticketCode, nonce: 'n1', deviceId: 'door-a' }).expect(200);
    expect(retry.body).toEqual(first.body);
    const unknown = await scan({
      ticketCode: 'no-such-ticket-code-000000',
      nonce: 'n3',
      deviceId: 'door-a',
    }).expect(404);
    expect(fields(unknown)).toEqual(['ticketCode']);
    await as(app, staff, 'post', `/api/v1/fairs/${otherFair}/check-ins`, {
      ticketCode: ticket.ticketCode,
      nonce: 'n4',
      deviceId: 'door-a',
    }).expect(404);
    expect(
      fields(await scan({ ticketCode: ticket.ticketCode, nonce: '', deviceId: 'door-a' }).expect(400)),
    ).toEqual(['nonce']);
    await as(app, seeker, 'post', `/api/v1/fairs/${fairId}/check-ins`, {
      ticketCode: ticket.ticketCode,
      nonce: 'x',
      deviceId: 'me',
    }).expect(403);
    await as(app, employer, 'post', `/api/v1/fairs/${fairId}/check-ins/batch`, {
      deviceId: 'e',
      scans: [],
    }).expect(403);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM fair_check_ins WHERE fair_id = $1`, [
      fairId,
    ]);
    expect(n).toBe(1);
  });

  it('enterprises register with their posts; staff approve with a booth or reject with a reason; the report counts it all', async () => {
    const fairId = await openFair(app, staff, { boothCount: 2 });
    const reg = await as(app, employer, 'post', `/api/v1/fairs/${fairId}/employer-registrations`, {
      jobPostIds: [],
      staffNames: ['王经理'],
    }).expect(201);
    expect(reg.body).toMatchObject({
      status: 'pending',
      boothNo: null,
      employerName: '稷山县招聘会测试机械有限公司',
    });
    expect(
      (
        await as(app, employer, 'post', `/api/v1/fairs/${fairId}/employer-registrations`, {
          jobPostIds: [],
        }).expect(200)
      ).body.id,
    ).toBe(reg.body.id);
    expect(
      fields(
        await as(app, employer, 'post', `/api/v1/fairs/${fairId}/employer-registrations`, {
          jobPostIds: ['00000000-0000-4000-8000-000000000000'],
        }).expect(200),
      ),
    ).toEqual([]); // the existing registration answers first
    await as(app, seeker, 'post', `/api/v1/fair-employer-registrations/${reg.body.id}/decision`, {
      approve: true,
    }).expect(403);
    const noReason = await as(
      app,
      staff,
      'post',
      `/api/v1/fair-employer-registrations/${reg.body.id}/decision`,
      {
        approve: false,
      },
    ).expect(400);
    expect(fields(noReason)).toEqual(['reason']);
    const approved = await as(
      app,
      staff,
      'post',
      `/api/v1/fair-employer-registrations/${reg.body.id}/decision`,
      {
        approve: true,
      },
    ).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', boothNo: 1 });
    await as(app, staff, 'post', `/api/v1/fair-employer-registrations/${reg.body.id}/decision`, {
      approve: true,
    }).expect(200);
    await as(app, staff, 'post', `/api/v1/fair-employer-registrations/${reg.body.id}/decision`, {
      approve: false,
      reason: '迟到',
    }).expect(409);
    await as(app, staff, 'post', `/api/v1/fair-employer-registrations/${reg.body.id}/attendance`, {
      present: true,
    }).expect(200);
    // The employer sees its own registration; other enterprises' are not listed to it.
    expect(
      (await as(app, employer, 'get', `/api/v1/fairs/${fairId}/employer-registrations`).expect(200)).body,
    ).toHaveLength(1);
    await as(app, seeker, 'get', `/api/v1/fairs/${fairId}/employer-registrations`).expect(403);

    // A seeker comes, is scanned, and is hired at the booth: the hire is a placement.
    const ticket = (await as(app, seeker, 'post', `/api/v1/fairs/${fairId}/seeker-registrations`).expect(201))
      .body;
    await as(app, staff, 'post', `/api/v1/fairs/${fairId}/check-ins`, {
      ticketCode: ticket.ticketCode,
      nonce: 'a',
      deviceId: 'd',
    }).expect(200);
    const walkIn = await as(app, staff, 'post', `/api/v1/fairs/${fairId}/walk-ins`, {
      seekerUserId: other.userId,
    }).expect(201);
    expect(walkIn.body).toMatchObject({ status: 'confirmed', walkIn: true });
    await as(app, staff, 'post', `/api/v1/fairs/${fairId}/check-ins/batch`, {
      deviceId: 'tablet-1',
      scans: [{ ticketCode: walkIn.body.ticketCode, nonce: 'w1', scannedAt: chinaIso(new Date()) }],
    }).expect(200);
    const outcome = (kind: string, hire?: object) =>
      as(app, employer, 'post', `/api/v1/fairs/${fairId}/outcomes`, {
        employerOrganisationId: employer.organisationId,
        seekerUserId: seeker.userId,
        kind,
        ...(hire ? { hire } : {}),
      });
    await outcome('intention').expect(201);
    await outcome('intention').expect(200);
    await outcome('offer').expect(201);
    expect(fields(await outcome('hired').expect(400))).toEqual(['hire']);
    const hired = await outcome('hired', { startDate: '2026-12-15', townshipCode: 'jifeng' }).expect(201);
    expect(hired.body.placementId).toBeTruthy();
    await as(app, staff, 'get', `/api/v1/placements/${hired.body.placementId}`).expect(200);

    const report = (await as(app, staff, 'get', `/api/v1/fairs/${fairId}/report`).expect(200)).body;
    expect(report).toMatchObject({
      seekers: {
        confirmed: 2,
        waitlisted: 0,
        present: 2,
        walkIns: 1,
        keyGroups: { graduate: 1, 'rural-labourer': 1 },
      },
      employers: { registered: 1, approved: 1, present: 1 },
      outcomes: { intention: 1, offer: 1, hired: 1 },
      hires: 1,
    });
    await as(app, employer, 'get', `/api/v1/fairs/${fairId}/report`).expect(403);
    const xlsx = await as(app, staff, 'get', `/api/v1/fairs/${fairId}/report.xlsx`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const cells = book.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toEqual(expect.arrayContaining(['录用', '入场人数']));

    // The year: fairs held of the plan's 18, hires of its 1,000.
    await as(app, staff, 'post', `/api/v1/fairs/${fairId}/held`).expect(200);
    const year = new Date(Date.now() + 24 * 3600_000 + 8 * 3600_000).getUTCFullYear();
    const summary = (await as(app, staff, 'get', `/api/v1/fairs/years/${year}`).expect(200)).body;
    expect(summary).toMatchObject({ fairsTarget: 18, hiresTarget: 1000 });
    expect(summary.fairsHeld).toBeGreaterThanOrEqual(1);
    expect(summary.hires).toBeGreaterThanOrEqual(1);
  });

  it('at the booth: the enterprise offers interview slots and scans visitors’ tickets; the report counts them', async () => {
    const fairId = await openFair(app, staff, { boothCount: 5 });
    const reg = (
      await as(app, employer, 'post', `/api/v1/fairs/${fairId}/employer-registrations`, {
        jobPostIds: [],
      }).expect(201)
    ).body.id;
    // Not approved yet: no slots.
    const at = (min: number) => chinaIso(new Date(Date.now() + 24 * 3600_000 + min * 60_000));
    await as(app, employer, 'post', `/api/v1/fair-employer-registrations/${reg}/interview-slots`, {
      slots: [{ startsAt: at(10), endsAt: at(20) }],
    }).expect(409);
    await as(app, staff, 'post', `/api/v1/fair-employer-registrations/${reg}/decision`, {
      approve: true,
    }).expect(200);
    const outside = await as(
      app,
      employer,
      'post',
      `/api/v1/fair-employer-registrations/${reg}/interview-slots`,
      {
        slots: [{ startsAt: at(-120), endsAt: at(-100) }],
      },
    ).expect(400);
    expect(fields(outside)).toEqual(['slots[0].startsAt']);
    const offered = await as(
      app,
      employer,
      'post',
      `/api/v1/fair-employer-registrations/${reg}/interview-slots`,
      {
        slots: [
          { startsAt: at(10), endsAt: at(20) },
          { startsAt: at(20), endsAt: at(30) },
        ],
      },
    ).expect(201);
    expect(offered.body).toHaveLength(2);
    await as(app, other, 'post', `/api/v1/fair-employer-registrations/${reg}/interview-slots`, {
      slots: [{ startsAt: at(40), endsAt: at(50) }],
    }).expect(403);
    // A seeker books after registering; the list shows it as theirs.
    const ticket = (await as(app, seeker, 'post', `/api/v1/fairs/${fairId}/seeker-registrations`).expect(201))
      .body;
    await as(app, other, 'post', `/api/v1/fair-interview-slots/${offered.body[0].id}/booking`).expect(409);
    await as(app, seeker, 'post', `/api/v1/fair-interview-slots/${offered.body[0].id}/booking`).expect(200);
    const list = (await as(app, seeker, 'get', `/api/v1/fairs/${fairId}/interview-slots`).expect(200)).body;
    expect(list.map((x: { mine: boolean; booked: boolean }) => [x.booked, x.mine])).toEqual([
      [true, true],
      [false, false],
    ]);
    // The enterprise scans her ticket at its booth: a visit, then the résumé.
    const visit = (body: object) => as(app, employer, 'post', `/api/v1/fairs/${fairId}/booth-visits`, body);
    expect((await visit({ ticketCode: ticket.ticketCode }).expect(201)).body).toMatchObject({
      seekerUserId: seeker.userId,
      resumeReceived: false,
    });
    expect(
      (await visit({ ticketCode: ticket.ticketCode, resumeReceived: true }).expect(200)).body.resumeReceived,
    ).toBe(true);
    expect((await visit({ ticketCode: ticket.ticketCode }).expect(200)).body.resumeReceived).toBe(true);
    await visit({ ticketCode: 'nobody-nobody-nobody-000' }).expect(404);
    await as(app, staff, 'post', `/api/v1/fairs/${fairId}/booth-visits`, {
      ticketCode: ticket.ticketCode,
    }).expect(403);
    const report = (await as(app, staff, 'get', `/api/v1/fairs/${fairId}/report`).expect(200)).body;
    expect(report.booth).toEqual({ visits: 1, resumes: 1, slots: 2, interviewsBooked: 1 });
  });

  it('an employer registering for a fair that is not open is refused', async () => {
    const draft = (await as(app, staff, 'post', '/api/v1/fairs', fairBody()).expect(201)).body.id;
    await as(app, employer, 'post', `/api/v1/fairs/${draft}/employer-registrations`, {
      jobPostIds: [],
    }).expect(404);
    const closedWindow = await openFair(app, staff, {
      employerRegistrationOpensAt: chinaIso(new Date(Date.now() - 5 * 3600_000)),
      employerRegistrationClosesAt: chinaIso(new Date(Date.now() - 3600_000)),
    });
    const late = await as(app, employer, 'post', `/api/v1/fairs/${closedWindow}/employer-registrations`, {
      jobPostIds: [],
    }).expect(409);
    expect(late.body.error.code).toBe('fair.registration-closed');
  });
});
