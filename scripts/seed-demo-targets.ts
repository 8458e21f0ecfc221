/**
 * The demo's records behind the plan's targets that no other demo seeds: the county's employment
 * service stations (三(十五)), skill certificates and startup businesses of this year (一(四), 一(五)),
 * hires of 就业困难人员 and of 零就业家庭 members (三(十三)), and one-to-one assistance notes — all
 * through the platform's own services, so claims and audit follow as they would. Idempotent: a
 * second run finds the stations and the demo's certificates and changes nothing.
 */
import { INestApplicationContext } from '@nestjs/common';
import { PlacementService } from '@app/applications';
import { UsersService } from '@app/identity';
import { AuthUser } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { SeekerProfiles, SeekerService } from '@app/seekers';
import { RecordSubsidySources } from '@app/subsidies';
import { ServiceStations } from '@app/targets';
import { DEMO_SEEKER_COUNT, demoSeekerLogin } from './seed-demo-seekers';

const ISSUER = '稷山县职业技能鉴定指导中心';

/** Township stations and how many of their staff are trained (two still short of the plan's three). */
const STATIONS = [
  ['稷峰镇就业服务站', 'jifeng', 3, '稷峰镇政府便民服务中心一楼'],
  ['西社镇就业服务站', 'xishe', 3, '西社镇政府便民服务中心'],
  ['化峪镇就业服务站', 'huayu', 3, '化峪镇政府一楼东侧'],
  ['翟店镇就业服务站', 'zhaidian', 3, '翟店镇政府便民服务大厅'],
  ['清河镇就业服务站', 'qinghe', 2, '清河镇政府便民服务中心'],
  ['蔡村乡就业服务站', 'caicun', 3, '蔡村乡政府院内'],
  ['太阳乡就业服务站', 'taiyang', 1, '太阳乡政府便民服务站'],
] as const;

const OCCUPATIONS = ['焊工', '电工', '中式面点师', '育婴员', '农业技术员', '数控车工', '家政服务员'];
const LEVELS = ['junior', 'junior', 'intermediate', 'intermediate', 'senior'] as const;

const BUSINESSES = [
  { name: '稷山县枣乡麻花坊', kind: 'individual', employees: 3 },
  { name: '稷山县果蔬冷链配送有限公司', kind: 'micro-enterprise', employees: 8 },
  { name: '稷山县板枣电商服务部', kind: 'individual', employees: 5 },
] as const;

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Spreads `k` of `n` over the year so far (1 January to today), never after today. */
const dayOfYear = (today: string, k: number, n: number): string => {
  const start = `${today.slice(0, 4)}-01-01`;
  const span = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  return addDays(start, Math.floor((span * (k + 1)) / (n + 1)));
};

export async function seedDemoTargets(
  app: INestApplicationContext,
): Promise<{ stations: number; certificates: number; businesses: number; hires: number; notes: number }> {
  const none = { stations: 0, certificates: 0, businesses: 0, hires: 0, notes: 0 };
  const users = app.get(UsersService);
  const staffUser = await users.findByLogin('demo.staff.county');
  const employerUser = await users.findByLogin('demo.employer');
  if (!staffUser || !employerUser?.organisationId) return none;
  const staff: AuthUser = {
    id: staffUser.id,
    role: staffUser.role,
    organisationId: null,
    townshipCode: null,
  };
  const today = todayInChina();
  const out = { ...none };

  const stations = app.get(ServiceStations);
  const known = new Set((await stations.list()).map((s) => s.name));
  for (const [name, townshipCode, trainedStaff, address] of STATIONS) {
    if (known.has(name)) continue;
    await stations.create(staff, {
      name,
      kind: 'township',
      townshipCode,
      address,
      trainedStaff,
      openedOn: '2023-06-01',
      contact: null,
    });
    out.stations++;
  }
  const community = '稷峰镇城区社区就业服务站';
  if (!known.has(community)) {
    await stations.create(staff, {
      name: community,
      kind: 'community',
      townshipCode: 'jifeng',
      address: '稷峰镇新华街社区服务中心',
      trainedStaff: 3,
      openedOn: '2023-09-01',
      contact: null,
    });
    out.stations++;
  }
  if (out.stations === 0) return out; // the rest was seeded with the stations

  // The generated seekers by their groups.
  const profiles = app.get(SeekerProfiles);
  const people: { id: string; n: number; groups: readonly string[] }[] = [];
  for (let n = 1; n <= DEMO_SEEKER_COUNT; n++) {
    const u = await users.findByLogin(demoSeekerLogin(n));
    if (!u) continue;
    people.push({ id: u.id, n, groups: (await profiles.records([u.id])).get(u.id)?.groups ?? [] });
  }

  const sources = app.get(RecordSubsidySources);
  const certified = people.filter((p) => p.n % 3 === 0).slice(0, 24);
  for (const [k, p] of certified.entries()) {
    await sources.recordCertificate(
      staff,
      {
        personUserId: p.id,
        level: LEVELS[k % LEVELS.length],
        occupation: OCCUPATIONS[k % OCCUPATIONS.length],
        issuedOn: dayOfYear(today, k, certified.length),
        issuingBody: ISSUER,
        insuredMonths: k % 3 === 0 ? 6 : 14,
        receivingUnemploymentBenefit: false,
      },
      null,
    );
    out.certificates++;
  }
  const founders = people.filter(
    (p) => p.groups.includes('returning-entrepreneur') || p.groups.includes('graduate'),
  );
  for (const [k, b] of BUSINESSES.entries()) {
    const founder = founders[k] ?? people[k];
    if (!founder) break;
    await sources.recordBusiness(
      staff,
      {
        founderUserId: founder.id,
        name: b.name,
        kind: b.kind,
        licensedOn: dayOfYear(today, k, BUSINESSES.length),
        firstBusiness: true,
        employees: b.employees,
        paysTax: true,
        paysSocialInsurance: true,
      },
      null,
    );
    out.businesses++;
  }

  // Hires of 就业困难人员 and of 零就业家庭 members, through the placement route's use case.
  const placements = app.get(PlacementService);
  const difficult = people.filter((p) => p.groups.includes('difficult'));
  const families = people.filter((p) => p.groups.includes('zero-employment-family'));
  const hired = [
    ...difficult.slice(0, Math.ceil(difficult.length / 2)),
    ...families.slice(0, Math.max(0, families.length - 1)),
  ];
  for (const [k, p] of [...new Map(hired.map((h) => [h.id, h])).values()].entries()) {
    await placements.recordDirect(
      staff,
      {
        employerOrganisationId: employerUser.organisationId,
        seekerUserId: p.id,
        startDate: dayOfYear(today, k, hired.length),
        townshipCode: 'jifeng',
      },
      null,
    );
    out.hires++;
  }

  // One-to-one help for the difficult persons still seeking: a note each for half of them.
  const seekers = app.get(SeekerService);
  const seeking = difficult.slice(Math.ceil(difficult.length / 2));
  for (const p of seeking.filter((_, i) => i % 2 === 0)) {
    await seekers.addNote(staff, p.id, '电话联系，了解求职意向，推荐公益性岗位和技能培训');
    out.notes++;
  }
  return out;
}
