import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { as } from '../fairs/fairs-fixtures';
import { Actor } from '../jobs/jobs-fixtures';
import { seekerWithProfile } from '../subsidies/claims-fixtures';

let zoneSeq = 0;

/** A zone body: a night market in 稷峰镇 with a name unique in the suite (overrides win). */
export function zoneBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  zoneSeq++;
  return {
    name: `后稷广场夜市${zoneSeq}`,
    townshipCode: 'jifeng',
    address: '稷峰镇后稷广场东侧',
    kind: 'night',
    openingHours: '18:00–22:30',
    ...over,
  };
}

/** A zone with `n` stalls A-01…; answers its id and the stalls. */
export async function zoneWithStalls(
  app: NestFastifyApplication,
  staff: Actor,
  n: number,
  over: Record<string, unknown> = {},
): Promise<{ id: string; stalls: { id: string; code: string }[] }> {
  const z = (await as(app, staff, 'post', '/api/v1/stalls/zones', zoneBody(over)).expect(201)).body;
  const stalls = (
    await as(app, staff, 'post', `/api/v1/stalls/zones/${z.id}/stalls`, {
      stalls: Array.from({ length: n }, (_, i) => ({ code: `A-${String(i + 1).padStart(2, '0')}` })),
    }).expect(201)
  ).body.items;
  return { id: z.id, stalls };
}

/** A resident with a profile: `difficult` puts them among those served first. */
export function resident(app: NestFastifyApplication, groups: string[]) {
  return seekerWithProfile(app, { birthDate: '1978-04-02', sex: 'female' }, { groups });
}

export const NOT_PRIORITY = ['registered-unemployed', 'rural-labourer'];
