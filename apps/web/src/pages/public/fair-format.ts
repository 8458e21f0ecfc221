/** How fair times and places read on the pages (China time, whatever the phone's zone). */
const CHINA = 'Asia/Shanghai';

const day = new Intl.DateTimeFormat('zh-CN', {
  timeZone: CHINA,
  month: 'long',
  day: 'numeric',
  weekday: 'short',
});
const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: CHINA,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const full = new Intl.DateTimeFormat('zh-CN', {
  timeZone: CHINA,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 3月6日 周六 09:00–12:00 */
export function fairWhen(startsAt: string, endsAt: string): string {
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  const sameDay = day.format(s) === day.format(e);
  return sameDay
    ? `${day.format(s)} ${clock.format(s)}–${clock.format(e)}`
    : `${day.format(s)} ${clock.format(s)} 至 ${day.format(e)} ${clock.format(e)}`;
}

export function dateTimeZh(iso: string): string {
  return full.format(new Date(iso));
}

/** Registration is open now (the fair open and the time inside its window). */
export function windowOpen(status: string, opensAt: string, closesAt: string, now = Date.now()): boolean {
  return status === 'open' && now >= new Date(opensAt).getTime() && now < new Date(closesAt).getTime();
}
