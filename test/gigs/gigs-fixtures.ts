import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { todayInChina } from '@app/platform/validation';
import { as } from '../fairs/fairs-fixtures';
import { Actor } from '../jobs/jobs-fixtures';

const DAY_MS = 86_400_000;

/** An ISO date `days` from today in China. */
export const chinaDay = (days = 0): string =>
  new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A gig body for tomorrow in 翟店镇 (overrides win). */
export function gigBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '帮忙搬运装卸一天',
    trade: '搬运装卸',
    date: chinaDay(1),
    startTime: '08:00',
    endTime: '17:00',
    townshipCode: 'zhaidian',
    payFen: 20000,
    payUnit: 'day',
    headcount: 3,
    description: '货车卸货，管午饭',
    contactName: '王师傅',
    contactPhone: '13812345678',
    ...over,
  };
}

export async function postGig(
  app: NestFastifyApplication,
  who: Actor,
  over: Record<string, unknown> = {},
): Promise<{ id: string; status: string } & Record<string, unknown>> {
  return (await as(app, who, 'post', '/api/v1/gigs', gigBody(over)).expect(201)).body;
}
