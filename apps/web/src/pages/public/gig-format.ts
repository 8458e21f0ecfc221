import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';

export type GigView = components['schemas']['GigView'];
export type GigHit = components['schemas']['GigSearchHit'];
export type AcceptanceView = components['schemas']['AcceptanceView'];
export type PayUnit = GigView['payUnit'];

/** How gig pay reads: 元 per day, hour or piece (the API's GET /api/v1/gigs/vocabulary says the same). */
const UNIT: Record<PayUnit, string> = { day: '元/天', hour: '元/小时', piece: '元/件' };

/** 200 元/天; 0 fen is 面议 (the poster left the pay to agree on the spot). */
export function payText(payFen: number, unit: PayUnit): string {
  if (!payFen) return '面议';
  const y = payFen / 100;
  return `${Number.isInteger(y) ? y : y.toFixed(2)} ${UNIT[unit] ?? '元'}`;
}

const DAY = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'UTC',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
});

/** "2027-09-20" → 9月20日 周一 (a gig's day is a calendar day, whatever the phone's zone). */
export function gigDay(isoDate: string): string {
  return DAY.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Today in China as YYYY-MM-DD. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 今天 / 明天 / 9月22日 周三 */
export function dayWord(isoDate: string): string {
  const today = chinaToday();
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  if (isoDate === today) return `今天 ${gigDay(isoDate)}`;
  if (isoDate === tomorrow) return `明天 ${gigDay(isoDate)}`;
  return gigDay(isoDate);
}

const CLOCK = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as China wall-clock time: 9/20 08:03 */
export function clockText(iso: string | null | undefined): string {
  return iso ? CLOCK.format(new Date(iso)) : '—';
}

/** Places: 已接 2 / 5 人 */
export function placesText(accepted: number, headcount: number): string {
  return accepted >= headcount ? `已满 ${headcount} 人` : `已接 ${accepted} / ${headcount} 人`;
}

/** The gig market's words (trades, dispute kinds, report reasons), from GET /api/v1/gigs/vocabulary. */
export function useGigVocabulary() {
  return useQuery({
    queryKey: ['gig-vocabulary'],
    // The document types the maps as `type: Object` (Record<string, never>): they are code → name.
    queryFn: async () =>
      (await ok(api.GET('/api/v1/gigs/vocabulary'))) as unknown as {
        trades: string[];
        payUnits: Record<string, string>;
        statuses: Record<string, string>;
        disputeKinds: Record<string, string>;
        reportReasons: Record<string, string>;
      },
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** The words the 读给我听 button reads. */
export function gigSpeech(g: GigView): string {
  return [
    g.title,
    `工种：${g.trade}`,
    `时间：${dayWord(g.date)}，${g.startTime} 到 ${g.endTime}`,
    `地点：${g.township}${g.address ? `，${g.address}` : ''}`,
    `工钱：${payText(g.payFen, g.payUnit).replace('元/', '元每')}`,
    `招 ${g.headcount} 人，已接 ${g.accepted} 人`,
    g.olderWorkersWelcome ? '欢迎大龄劳动者' : '',
    g.ageMax ? `年龄 ${g.ageMax} 岁以下` : '',
    g.description,
  ]
    .filter(Boolean)
    .join('。');
}
