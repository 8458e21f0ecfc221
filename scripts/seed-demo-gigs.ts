/**
 * The demo's gig market (公益性零工市场): gigs today and tomorrow in every township, posted by the
 * demo enterprise, the agency and the county staff (one on a household's behalf); a gig point per
 * town seat; generated seekers' availability; some gigs taken, one done and paid with ratings, one
 * under dispute; the demo enterprise checked by staff (单位核验). Idempotent: when the demo enterprise has gigs dated today or later, nothing is added.
 */
import { INestApplicationContext } from '@nestjs/common';
import { GigAcceptances, GigCases, GigsService, PosterChecks } from '@app/gigs';
import { UsersService } from '@app/identity';
import { AuthUser, Role } from '@app/platform';
import { TOWNSHIPS } from '@app/platform/geo';
import { todayInChina } from '@app/platform/validation';
import { demoSeekerLogin } from './seed-demo-seekers';

const DAY_MS = 86_400_000;
const day = (n: number): string =>
  new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

const GIGS: {
  title: string;
  trade: string;
  payFen: number;
  payUnit: 'day' | 'hour' | 'piece';
  headcount: number;
  start: string;
  end: string;
  description: string;
  olderWorkersWelcome?: boolean;
}[] = [
  {
    title: '板枣采摘',
    trade: '红枣采摘',
    payFen: 15000,
    payUnit: 'day',
    headcount: 6,
    start: '07:00',
    end: '17:00',
    description: '枣园采摘，管午饭，自带手套',
    olderWorkersWelcome: true,
  },
  {
    title: '货车卸货',
    trade: '搬运装卸',
    payFen: 20000,
    payUnit: 'day',
    headcount: 4,
    start: '08:00',
    end: '16:00',
    description: '建材卸车，力气活',
  },
  {
    title: '家庭保洁半天',
    trade: '家政保洁',
    payFen: 3000,
    payUnit: 'hour',
    headcount: 1,
    start: '09:00',
    end: '12:00',
    description: '三室一厅打扫，工具齐全',
    olderWorkersWelcome: true,
  },
  {
    title: '工地小工',
    trade: '建筑小工',
    payFen: 22000,
    payUnit: 'day',
    headcount: 3,
    start: '07:30',
    end: '17:30',
    description: '搬砖和灰，需有力气',
  },
  {
    title: '麻花包装',
    trade: '食品包装',
    payFen: 50,
    payUnit: 'piece',
    headcount: 5,
    start: '08:30',
    end: '17:00',
    description: '稷山麻花装袋封口，按件计酬',
    olderWorkersWelcome: true,
  },
];

const actorOf = (u: {
  id: string;
  role: Role;
  organisationId: string | null;
  townshipCode: string | null;
}): AuthUser => ({
  id: u.id,
  role: u.role,
  organisationId: u.organisationId,
  townshipCode: u.townshipCode,
});

export async function seedDemoGigs(app: INestApplicationContext): Promise<{ created: number }> {
  const users = app.get(UsersService);
  const gigs = app.get(GigsService);
  const takes = app.get(GigAcceptances);
  const cases = app.get(GigCases);
  const [employerUser, agencyUser, staffUser] = await Promise.all(
    ['demo.employer', 'demo.agency', 'demo.staff.county'].map((l) => users.findByLogin(l)),
  );
  if (!employerUser || !agencyUser || !staffUser) return { created: 0 };
  const employer = actorOf(employerUser);
  const agency = actorOf(agencyUser);
  const staff = actorOf({ ...staffUser, organisationId: null });
  // Seeded already when the employer's latest gig (newest day first) is today's or later.
  const latest = (await gigs.ofPoster(employer, 1, 0)).items[0];
  if (latest && latest.date >= day(0)) return { created: 0 };

  if ((await gigs.points()).length === 0) {
    for (const t of TOWNSHIPS.filter((x) => x.kind !== 'zone')) {
      await gigs.addPoint(staff, {
        name: `${t.name}零工驿站`,
        townshipCode: t.code,
        address: `${t.name}便民服务中心一楼`,
        openingHours: '每天 6:00—10:00（农忙时延长到中午）',
        trades: ['搬运装卸', '建筑小工', '农活采摘'],
      });
    }
  }

  const workers: AuthUser[] = [];
  for (let i = 1; i <= 40; i++) {
    const u = await users.findByLogin(demoSeekerLogin(i));
    if (u) workers.push(actorOf(u));
  }
  for (const [i, w] of workers.entries()) {
    const home = TOWNSHIPS[i % TOWNSHIPS.length].code;
    await gigs.putAvailability(w, {
      trades: [GIGS[i % GIGS.length].trade, GIGS[(i + 1) % GIGS.length].trade],
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      townshipCodes: [home, TOWNSHIPS[(i + 3) % TOWNSHIPS.length].code],
      homeTownship: home,
      expectedPayFen: 15000 + (i % 5) * 1000,
      payUnit: 'day',
    });
  }

  let created = 0;
  const posted: string[] = [];
  const now = new Date();
  // China time (UTC+8, no DST): late at night there is no "today" left to post a gig for.
  const clock = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  const days = clock >= '23:30' ? [1, 2] : [0, 1];
  for (const [ti, t] of TOWNSHIPS.entries()) {
    for (const d of days) {
      for (const k of [0, 1]) {
        const g = GIGS[(ti + d + k * 2) % GIGS.length];
        const poster = [employer, agency, staff][(ti + k) % 3];
        // Today's gigs are moved to the evening (until 23:59) so the demo shows them live at any hour.
        const start = d === 0 ? (clock < '18:00' ? '18:00' : clock) : g.start;
        const end = d === 0 ? '23:59' : g.end;
        const gig = await gigs.post(
          poster,
          {
            title: `${t.name.replace(/[镇乡区]$/, '')}${g.title}`,
            trade: g.trade,
            date: day(d),
            startTime: start,
            endTime: end,
            townshipCode: t.code,
            address: `${t.name}${['东街', '北村', '工业园'][k % 3]}`,
            payFen: g.payFen,
            payUnit: g.payUnit,
            headcount: g.headcount,
            description: g.description,
            olderWorkersWelcome: g.olderWorkersWelcome ?? false,
            contactName: ['王师傅', '李经理', '张主任'][(ti + k) % 3],
            onBehalfOf: poster === staff ? `${t.name}${['北街村', '南关村'][k]}农户` : null,
          },
          undefined,
          now,
        );
        posted.push(gig.id);
        created++;
      }
    }
  }
  // Some gigs taken; a few full.
  for (const [i, id] of posted.entries()) {
    const want = i % 3 === 0 ? 3 : i % 3 === 1 ? 1 : 0;
    for (let j = 0; j < want; j++) {
      const w = workers[(i * 3 + j) % workers.length];
      if (w) await takes.accept(w, id).catch(() => undefined);
    }
  }
  // Yesterday's gig, done: checked in and out, completed and paid, rated; another under dispute.
  // Written through the services as of yesterday morning (each takes the clock it runs at); the
  // worker's expiry closes it within the minute, as it closes every past gig.
  const yesterdayAt = (hhmm: string) => new Date(`${day(-1)}T${hhmm}:00+08:00`);
  const yesterdayMorning = yesterdayAt('07:00');
  const y = await gigs.post(
    employer,
    {
      title: '稷峰货场卸货',
      trade: '搬运装卸',
      date: day(-1),
      startTime: '08:00',
      endTime: '16:00',
      townshipCode: 'jifeng',
      address: '稷峰镇货场',
      payFen: 20000,
      payUnit: 'day',
      headcount: 2,
      description: '货场卸水泥和化肥，两个人一天，中午管饭',
      olderWorkersWelcome: false,
      contactName: '王师傅',
      onBehalfOf: null,
    },
    undefined,
    yesterdayMorning,
  );
  const done: { acceptanceId: string; worker: AuthUser }[] = [];
  for (const w of workers.slice(0, 2)) {
    const { acceptance } = await takes.accept(w, y.id, yesterdayMorning);
    await takes.step(w, acceptance.id, {
      kind: 'check-in',
      townshipCode: 'jifeng',
      at: yesterdayAt('08:02'),
    });
    await takes.step(w, acceptance.id, {
      kind: 'check-out',
      townshipCode: 'jifeng',
      at: yesterdayAt('16:05'),
    });
    done.push({ acceptanceId: acceptance.id, worker: w });
  }
  const [paid, unpaid] = done;
  if (paid) {
    await takes.step(employer, paid.acceptanceId, { kind: 'complete', wagePaidFen: 20000 });
    await takes.step(paid.worker, paid.acceptanceId, { kind: 'wage-received' });
    await takes.rate(employer, paid.acceptanceId, 5, '干活麻利');
    await takes.rate(paid.worker, paid.acceptanceId, 5, '按时结账');
  }
  if (unpaid) {
    await cases.raiseDispute(
      unpaid.worker,
      unpaid.acceptanceId,
      'wage-unpaid',
      '活干完了，工钱说下周给，想请中心帮忙催一下',
    );
  }
  // 单位核验: staff have visited the demo enterprise; the agency waits for its check.
  await app
    .get(PosterChecks)
    .check(staff, employer.organisationId!, 'verified', '实地走访，营业执照与经营场所一致');
  return { created };
}
