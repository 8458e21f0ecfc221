/**
 * The demo's fairs (专场招聘会): the year's plan (18 fairs, 1,000 hires), the county's venue, one
 * fair held and reported, one open for registration next week — the demo enterprise approved on
 * booth 1 with its posts, the demo seeker holding a ticket — and one in preparation. Idempotent:
 * a fair of the same title this year is left as it is.
 */
import { INestApplicationContext } from '@nestjs/common';
import { UsersService } from '@app/identity';
import { FairEmployers, FairSeekers, FairsService, RecordFairOutcome } from '@app/fairs';
import { JobPostService } from '@app/jobs';
import { AuthUser, Role } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { DEMO_SEEKER_COUNT, demoSeekerLogin } from './seed-demo-seekers';

const DAY = 86_400_000;
const VENUE = '稷山县人力资源市场';

/** 09:00 China time, `days` from today. */
function nineAm(days: number): Date {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return new Date(new Date(`${today}T09:00:00+08:00`).getTime() + days * DAY);
}

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

export async function seedDemoFairs(app: INestApplicationContext): Promise<{ created: string[] }> {
  const users = app.get(UsersService);
  const fairs = app.get(FairsService);
  const staffUser = await users.findByLogin('demo.staff.county');
  const employerUser = await users.findByLogin('demo.employer');
  const seekerUser = await users.findByLogin('demo.seeker');
  if (!staffUser) return { created: [] };
  const staff = actorOf({ ...staffUser, organisationId: null, townshipCode: null });
  const year = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
  );
  await fairs.saveYearPlan(
    staff,
    {
      year,
      fairsTarget: 18,
      hiresTarget: 1000,
      note: '稷山县就业工作方案一(一)：全年举办专场招聘会18场，帮助企业招聘1000人',
    },
    null,
  );
  const venue =
    (await fairs.venues()).find((v) => v.name === VENUE) ??
    (await fairs.addVenue({
      name: VENUE,
      address: '稷山县稷峰镇',
      townshipCode: 'jifeng',
      boothCount: 60,
      seekerCapacity: 800,
    }));
  const existing = new Set((await fairs.ofYear(year)).map((f) => f.title));
  const created: string[] = [];
  const plan = async (
    title: string,
    days: number,
    more: {
      theme: 'industry' | 'area' | 'general';
      industry?: string;
      townshipCode?: string;
      venue?: boolean;
    },
  ) => {
    const startsAt = nineAm(days);
    const f = await fairs.plan(
      staff,
      {
        title,
        theme: more.theme,
        mode: 'onsite',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
        seekerCapacity: 300,
        boothCount: 40,
        seekerRegistrationOpensAt: new Date(Math.min(Date.now(), startsAt.getTime()) - 7 * DAY),
        seekerRegistrationClosesAt: new Date(startsAt.getTime() + 2 * 3600_000),
        employerRegistrationOpensAt: new Date(Math.min(Date.now(), startsAt.getTime()) - 7 * DAY),
        employerRegistrationClosesAt: new Date(startsAt.getTime() - DAY),
        venueId: more.venue ? venue.id : undefined,
        townshipCode: more.townshipCode ?? 'jifeng',
        industry: more.industry,
        description: '现场招聘、政策咨询、技能培训报名一站办理。请求职者携带身份证，凭入场二维码入场。',
      },
      null,
    );
    created.push(title);
    return f;
  };

  const held = '新春招聘月·综合招聘会';
  if (!existing.has(held)) {
    const f = await plan(held, -30, { theme: 'general', venue: true });
    for (const to of ['open', 'held', 'reported'] as const) await fairs.move(staff, f.id, to, null);
  }
  const upcoming = '装备制造业专场招聘会';
  if (!existing.has(upcoming)) {
    const f = await plan(upcoming, 7, { theme: 'industry', industry: '装备制造', venue: true });
    await fairs.move(staff, f.id, 'open', null);
    if (employerUser?.organisationId) {
      const employer = actorOf(employerUser);
      const posts = await app
        .get(JobPostService)
        .list(employer, { status: 'published', limit: 5, offset: 0 });
      const { registration } = await app.get(FairEmployers).register(employer, f.id, {
        jobPostIds: posts.items.map((p) => p.id),
        staffNames: ['人事部 王经理'],
      });
      await app.get(FairEmployers).decide(staff, registration.id, { approve: true }, null);
    }
    if (seekerUser)
      await app.get(FairSeekers).register(actorOf({ ...seekerUser, organisationId: null }), f.id);
  }
  // Today's fair, on now: the enterprise took part and hired at its booth, so the year's count of
  // people recruited through fairs (一(一): 1,000) has real hires behind it, each a placement.
  const today = '民营企业招聘月·现场招聘会（今日）';
  if (!existing.has(today) && employerUser?.organisationId) {
    const now = Date.now();
    const startsAt = new Date(now - 2 * 3600_000);
    const f = await fairs.plan(
      staff,
      {
        title: today,
        theme: 'general',
        // On-site with online booths and a livestream (直播带岗) beside it.
        mode: 'hybrid',
        livestreamUrl: 'https://live.example.com/jishan/minqi', // a placeholder: the county's live room goes here
        startsAt,
        endsAt: new Date(now + 2 * 3600_000),
        seekerCapacity: 300,
        boothCount: 30,
        seekerRegistrationOpensAt: new Date(now - 7 * DAY),
        seekerRegistrationClosesAt: new Date(now + 3600_000),
        employerRegistrationOpensAt: new Date(now - 7 * DAY),
        employerRegistrationClosesAt: new Date(now + 3600_000),
        townshipCode: 'huayu',
        description: '现场招聘、政策咨询一站办理。',
      },
      null,
    );
    created.push(today);
    await fairs.move(staff, f.id, 'open', null);
    const employer = actorOf(employerUser);
    const brought = await app
      .get(JobPostService)
      .list(employer, { status: 'published', limit: 5, offset: 0 });
    const { registration } = await app.get(FairEmployers).register(employer, f.id, {
      jobPostIds: brought.items.map((p) => p.id),
      staffNames: ['人事部 李经理'],
    });
    await app.get(FairEmployers).decide(staff, registration.id, { approve: true }, null);
    const outcomes = app.get(RecordFairOutcome);
    let hired = 0;
    for (let n = DEMO_SEEKER_COUNT - 20; n > 0 && hired < 6; n -= 3) {
      const u = await users.findByLogin(demoSeekerLogin(n));
      if (!u) continue;
      const who = { employerOrganisationId: employerUser.organisationId, seekerUserId: u.id };
      await outcomes.record(staff, f.id, { ...who, kind: 'intention' }, null);
      if (n % 2 === 0) continue;
      await outcomes.record(
        staff,
        f.id,
        {
          ...who,
          kind: 'hired',
          hire: {
            startDate: todayInChina(),
            contractEndDate: null,
            townshipCode: 'jifeng',
            postKind: 'regular',
            employerSocialInsuranceMonthlyFen: null,
          },
        },
        null,
      );
      hired++;
    }
    await fairs.move(staff, f.id, 'held', null);
  }
  const draft = '返乡人员区域专场（翟店镇）';
  if (!existing.has(draft)) await plan(draft, 30, { theme: 'area', townshipCode: 'zhaidian' });
  return { created };
}
