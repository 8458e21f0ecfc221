import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { Role } from '@app/platform';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { Actor, createPrivileged } from '../jobs/jobs-fixtures';
import { as, chinaIso, manyUsers, openFair } from './fairs-fixtures';

jest.setTimeout(300_000);

/**
 * The fair under the crowd, on the real Postgres: simultaneous registrations never pass the
 * capacity and keep the waiting list's order; one seeker submitting twenty times holds one
 * registration; simultaneous approvals never share a booth; the door keeps one attendance per
 * person whatever arrives twice, late or out of order.
 */
describe('recruitment fairs under the crowd', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  let staff: Actor;

  beforeAll(async () => {
    env = await setupSuiteEnv('fairs_crowd', { PUBLIC_THROTTLE_PER_MINUTE: '1000000' });
    app = await startApi();
    ds = app.get(DataSource);
    staff = await createPrivileged(app, Role.Staff);
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  const register = (who: Actor, fairId: string) =>
    as(app, who, 'post', `/api/v1/fairs/${fairId}/seeker-registrations`);
  const rows = (fairId: string) =>
    ds.query(
      `SELECT seeker_user_id, status, waitlist_seq FROM fair_seeker_registrations WHERE fair_id = $1 ORDER BY created_at`,
      [fairId],
    ) as Promise<{ seeker_user_id: string; status: string; waitlist_seq: number | null }[]>;

  it('500 simultaneous registrations for 300 places: exactly 300 confirmed, 200 waitlisted in order', async () => {
    const fairId = await openFair(app, staff, { seekerCapacity: 300 });
    const crowd = await manyUsers(app, 500);
    const answers = await Promise.all(crowd.map((s) => register(s, fairId)));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    const confirmed = answers.filter((r) => r.body.status === 'confirmed');
    const waiting = answers.filter((r) => r.body.status === 'waitlisted');
    expect([confirmed.length, waiting.length]).toEqual([300, 200]);
    // The list's positions are 1..200, each once, in the order the database took them.
    expect(waiting.map((r) => r.body.waitlistPosition as number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    const stored = await rows(fairId);
    expect(stored.filter((r) => r.status === 'confirmed')).toHaveLength(300);
    // Each place on the list once: the order the fair's lock let them in.
    const seqs = stored.filter((r) => r.status === 'waitlisted').map((r) => r.waitlist_seq as number);
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const [{ confirmed_count }] = await ds.query(`SELECT confirmed_count FROM fairs WHERE id = $1`, [fairId]);
    expect(confirmed_count).toBe(300);
  });

  it('one seeker submitting twenty times at once holds one registration', async () => {
    const fairId = await openFair(app, staff);
    const [one] = await manyUsers(app, 1);
    const answers = await Promise.all(Array.from({ length: 20 }, () => register(one, fairId)));
    expect(answers.map((r) => r.status).sort((a, b) => a - b)).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(await rows(fairId)).toHaveLength(1);
  });

  it('ten cancellations while a hundred registrations arrive: capacity never exceeded, promotion in order', async () => {
    const fairId = await openFair(app, staff, { seekerCapacity: 20 });
    const first = await manyUsers(app, 30);
    for (const s of first) await register(s, fairId).expect(201); // 20 confirmed, 10 waiting (in this order)
    const waitingBefore = (await rows(fairId))
      .filter((r) => r.status === 'waitlisted')
      .map((r) => r.seeker_user_id);
    const arriving = await manyUsers(app, 100);
    await Promise.all([
      ...first
        .slice(0, 10)
        .map((s) => as(app, s, 'delete', `/api/v1/fairs/${fairId}/seeker-registrations/mine`).expect(200)),
      ...arriving.map((s) => register(s, fairId).expect(201)),
    ]);
    const stored = await rows(fairId);
    const confirmed = stored.filter((r) => r.status === 'confirmed').map((r) => r.seeker_user_id);
    expect(confirmed).toHaveLength(20);
    // The ten who waited first were promoted before anyone who arrived meanwhile.
    expect(confirmed).toEqual(expect.arrayContaining(waitingBefore));
    expect(stored.filter((r) => r.status === 'waitlisted')).toHaveLength(100);
    const [{ confirmed_count }] = await ds.query(`SELECT confirmed_count FROM fairs WHERE id = $1`, [fairId]);
    expect(confirmed_count).toBe(20);
  });

  it('50 simultaneous approvals for 40 booths: 40 booths, each once, 10 told none is left', async () => {
    const fairId = await openFair(app, staff, { boothCount: 40 });
    const employers = await manyUsers(app, 50, 'employer');
    const regs = await Promise.all(
      employers.map(
        async (e) =>
          (
            await as(app, e, 'post', `/api/v1/fairs/${fairId}/employer-registrations`, {
              jobPostIds: [],
            }).expect(201)
          ).body.id as string,
      ),
    );
    const decided = await Promise.all(
      regs.map((id) =>
        as(app, staff, 'post', `/api/v1/fair-employer-registrations/${id}/decision`, { approve: true }),
      ),
    );
    const ok = decided.filter((r) => r.status === 200);
    expect(ok).toHaveLength(40);
    expect(
      decided.filter((r) => r.status === 409).every((r) => r.body.error.code === 'fair.no-booth-left'),
    ).toBe(true);
    expect(new Set(ok.map((r) => r.body.boothNo)).size).toBe(40);
    expect(ok.map((r) => r.body.boothNo as number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('two seekers for the last interview slot: one booking; a seeker never in two overlapping slots', async () => {
    const now = Date.now();
    const fairId = await openFair(app, staff, {
      startsAt: chinaIso(new Date(now + 24 * 3600_000)),
      endsAt: chinaIso(new Date(now + 27 * 3600_000)),
    });
    const [employer] = await manyUsers(app, 1, 'employer');
    const reg = (
      await as(app, employer, 'post', `/api/v1/fairs/${fairId}/employer-registrations`, {
        jobPostIds: [],
      }).expect(201)
    ).body.id;
    await as(app, staff, 'post', `/api/v1/fair-employer-registrations/${reg}/decision`, {
      approve: true,
    }).expect(200);
    const at = (min: number) => chinaIso(new Date(now + 24 * 3600_000 + min * 60_000));
    const slots = (
      await as(app, employer, 'post', `/api/v1/fair-employer-registrations/${reg}/interview-slots`, {
        slots: [
          { startsAt: at(0), endsAt: at(15) },
          { startsAt: at(10), endsAt: at(25) },
        ],
      }).expect(201)
    ).body as { id: string }[];
    const seekers = await manyUsers(app, 2);
    for (const s of seekers)
      await as(app, s, 'post', `/api/v1/fairs/${fairId}/seeker-registrations`).expect(201);
    const tries = await Promise.all(
      seekers.map((s) => as(app, s, 'post', `/api/v1/fair-interview-slots/${slots[0].id}/booking`)),
    );
    expect(tries.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(tries.find((r) => r.status === 409)!.body.error.code).toBe('fair.slot-taken');
    const winner = seekers[tries.findIndex((r) => r.status === 200)];
    // The winner's second, overlapping slot is refused, however it is asked.
    const overlap = await as(
      app,
      winner,
      'post',
      `/api/v1/fair-interview-slots/${slots[1].id}/booking`,
    ).expect(409);
    expect(overlap.body.error.code).toBe('fair.slot-overlaps');
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM fair_interview_slots WHERE seeker_user_id IS NOT NULL`,
    );
    expect(n).toBe(1);
  });

  it('the same QR on two devices at once: one attendance, the other says when', async () => {
    const fairId = await openFair(app, staff);
    const [s] = await manyUsers(app, 1);
    const ticket = (await register(s, fairId).expect(201)).body.ticketCode;
    const scans = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        as(app, staff, 'post', `/api/v1/fairs/${fairId}/check-ins`, {
          ticketCode: ticket,
          nonce: `n${i}`,
          deviceId: `door-${i}`,
        }).expect(200),
      ),
    );
    expect(scans.filter((r) => r.body.result === 'checked-in')).toHaveLength(1);
    expect(new Set(scans.map((r) => r.body.checkedInAt)).size).toBe(1);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM fair_check_ins WHERE fair_id = $1`, [
      fairId,
    ]);
    expect(n).toBe(1);
  });

  it('the door at opening: scans arriving together are each answered as if alone', async () => {
    const fairId = await openFair(app, staff);
    const otherFair = await openFair(app, staff);
    const people = await manyUsers(app, 30);
    const tickets: string[] = [];
    for (const p of people) tickets.push((await register(p, fairId).expect(201)).body.ticketCode);
    const elsewhere = (await register(people[0], otherFair).expect(201)).body.ticketCode;
    const scan = (ticketCode: string, nonce: string, deviceId: string) =>
      as(app, staff, 'post', `/api/v1/fairs/${fairId}/check-ins`, { ticketCode, nonce, deviceId });
    for (let round = 0; round < 2; round++) {
      // Round 2 repeats round 1 entirely: every answer the same, nothing new written.
      const answers = await Promise.all([
        ...tickets.flatMap((t, i) => [
          scan(t, `a${i}`, 'door-1'),
          scan(t, `b${i}`, 'door-2'),
          scan(t, `a${i}`, 'door-1'), // a retry of the first
        ]),
        scan('no-such-ticket-000000000', 'u1', 'door-3'),
        scan(elsewhere, 'u2', 'door-3'),
      ]);
      tickets.forEach((_, i) => {
        const [a, b, retry] = answers.slice(i * 3, i * 3 + 3);
        expect([a.status, b.status, retry.status]).toEqual([200, 200, 200]);
        // Exactly one of the two devices made the attendance; the retry answers as its first scan did.
        expect([a.body.result, b.body.result].sort()).toEqual(['already-checked-in', 'checked-in']);
        expect(retry.body).toEqual(a.body);
        expect(new Set([a, b, retry].map((r) => r.body.checkedInAt)).size).toBe(1);
        expect(new Set([a, b, retry].map((r) => r.body.registrationId)).size).toBe(1);
      });
      expect(answers.slice(-2).map((r) => [r.status, r.body.error?.code])).toEqual([
        [404, 'fair.unknown-ticket'],
        [404, 'fair.unknown-ticket'],
      ]);
      const [{ attendances, scans }] = await ds.query(
        `SELECT (SELECT count(*)::int FROM fair_check_ins WHERE fair_id = $1) AS attendances,
                (SELECT count(*)::int FROM fair_scans WHERE fair_id = $1) AS scans`,
        [fairId],
      );
      expect([attendances, scans]).toEqual([30, 62]);
    }
  });

  it('two offline batches with the same person, out of order and twice: the earliest time, the duplicate flagged, totals unchanged', async () => {
    // A fair under way: started two hours ago.
    const now = Date.now();
    const fairId = await openFair(app, staff, {
      startsAt: chinaIso(new Date(now - 2 * 3600_000)),
      endsAt: chinaIso(new Date(now + 2 * 3600_000)),
      seekerRegistrationClosesAt: chinaIso(new Date(now + 3600_000)),
      employerRegistrationOpensAt: chinaIso(new Date(now - 48 * 3600_000)),
      employerRegistrationClosesAt: chinaIso(new Date(now - 24 * 3600_000)),
      seekerRegistrationOpensAt: chinaIso(new Date(now - 48 * 3600_000)),
    });
    const people = await manyUsers(app, 3);
    const tickets: string[] = [];
    for (const p of people) tickets.push((await register(p, fairId).expect(201)).body.ticketCode);
    // One clock for the whole case: a second ticking between the upload and the check moved t(5).
    const base = Date.now();
    const t = (min: number) => chinaIso(new Date(base - 60 * 60_000 + min * 60_000));
    // Device B (uploaded first) saw person 0 at 09:20; device A saw person 0 at 09:05 and person 1.
    const batchB = {
      deviceId: 'tablet-b',
      scans: [
        { ticketCode: tickets[0], nonce: 'b1', scannedAt: t(20) },
        { ticketCode: 'nobody', nonce: 'b2', scannedAt: t(21) },
      ],
    };
    const batchA = {
      deviceId: 'tablet-a',
      scans: [
        { ticketCode: tickets[1], nonce: 'a1', scannedAt: t(10) },
        { ticketCode: tickets[0], nonce: 'a2', scannedAt: t(5) },
      ],
    };
    const upload = (b: object) =>
      as(app, staff, 'post', `/api/v1/fairs/${fairId}/check-ins/batch`, b).expect(200);
    expect((await upload(batchB)).body).toEqual({ accepted: 1, duplicates: 0, unknown: 1 });
    expect((await upload(batchA)).body).toEqual({ accepted: 2, duplicates: 0, unknown: 0 });
    // Both again: nothing changes.
    expect((await upload(batchB)).body).toEqual({ accepted: 0, duplicates: 1, unknown: 1 });
    expect((await upload(batchA)).body).toEqual({ accepted: 0, duplicates: 2, unknown: 0 });
    const attendance = await ds.query(
      `SELECT r.ticket_code, c.checked_in_at, c.device_id FROM fair_check_ins c JOIN fair_seeker_registrations r ON r.id = c.registration_id
        WHERE c.fair_id = $1 ORDER BY c.checked_in_at`,
      [fairId],
    );
    expect(attendance).toHaveLength(2);
    const zero = attendance.find((a: { ticket_code: string }) => a.ticket_code === tickets[0]);
    expect(zero.device_id).toBe('tablet-a');
    expect(new Date(zero.checked_in_at).toISOString()).toBe(new Date(t(5)).toISOString());
    // An online scan of person 0 now answers the earliest time.
    const online = await as(app, staff, 'post', `/api/v1/fairs/${fairId}/check-ins`, {
      ticketCode: tickets[0],
      nonce: 'x',
      deviceId: 'door',
    }).expect(200);
    expect(online.body.result).toBe('already-checked-in');
    expect(new Date(online.body.checkedInAt).toISOString()).toBe(new Date(t(5)).toISOString());
    const report = (await as(app, staff, 'get', `/api/v1/fairs/${fairId}/report`).expect(200)).body;
    expect(report.seekers.present).toBe(2);
    expect(report.scans).toMatchObject({ total: 5, duplicates: 2, unknown: 1 });
  });
});
