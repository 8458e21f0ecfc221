/**
 * The demo's street stalls (地摊经济): one night market in 稷峰镇 with twelve stalls, sixteen
 * applications by generated seekers and one allocation round run by the county staff, so there
 * are holders and people still waiting. Idempotent: when the zone exists, nothing is added.
 */
import { INestApplicationContext } from '@nestjs/common';
import { UsersService } from '@app/identity';
import { AuthUser } from '@app/platform';
import { StallsService } from '@app/stalls';
import { demoSeekerLogin } from './seed-demo-seekers';

const ZONE = {
  name: '后稷广场夜市',
  townshipCode: 'jifeng',
  address: '稷峰镇后稷广场东侧步行街',
  kind: 'night' as const,
  openingHours: '18:00–22:30',
  active: true,
};

const GOODS = [
  '烤红薯、糖炒栗子',
  '稷山麻花',
  '手工凉皮',
  '袜子、手套',
  '手机壳、数据线',
  '板枣、核桃',
  '手工编织',
  '烤串',
  '儿童玩具',
  '鲜花绿植',
  '豆腐脑、油条',
  '手工布鞋',
  '水果',
  '炸糕',
  '饰品发卡',
  '冰粉凉糕',
];

export async function seedDemoStalls(
  app: INestApplicationContext,
): Promise<{ created: number; allocated: number }> {
  const users = app.get(UsersService);
  const stalls = app.get(StallsService);
  const staffUser = await users.findByLogin('demo.staff.county');
  if (!staffUser) return { created: 0, allocated: 0 };
  const staff: AuthUser = {
    id: staffUser.id,
    role: staffUser.role,
    organisationId: null,
    townshipCode: staffUser.townshipCode,
  };
  const existing = await stalls.zones({ activeOnly: false, townshipCode: ZONE.townshipCode });
  if (existing.some((z) => z.name === ZONE.name)) return { created: 0, allocated: 0 };

  const zone = await stalls.createZone(staff, ZONE);
  await stalls.addStalls(
    staff,
    zone.id,
    Array.from({ length: 12 }, (_, i) => ({
      code: `A-${String(i + 1).padStart(2, '0')}`,
      note: i < 4 ? '2米×2米，有电源' : '2米×2米',
    })),
  );
  let applied = 0;
  for (let n = 41; n <= 56; n++) {
    const u = await users.findByLogin(demoSeekerLogin(n));
    if (!u) continue;
    await stalls.apply(
      { id: u.id, role: u.role, organisationId: null, townshipCode: u.townshipCode },
      zone.id,
      { goods: GOODS[(n - 41) % GOODS.length] },
    );
    applied++;
  }
  const round = await stalls.runRound(staff, zone.id);
  return { created: 1 + applied, allocated: round.round.allocated };
}
