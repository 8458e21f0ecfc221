import { ScreeningFlag, screenListing } from '@app/screening';

/** What of a job post the listing screen reads (the same screen every gig passes). */
export interface JobPostText {
  title: string;
  occupation?: string | null;
  description?: string | null;
  requirements?: string | null;
  contactName?: string | null;
  wageMaxFen?: number | null;
  wageMinFen?: number | null;
}

/**
 * The listing screen on a job post (虚假招聘与收费筛查): fees asked of workers, pyramid-selling
 * words, contact pushed off the platform, a monthly wage far above the usual. Pure.
 */
export function screenJobPost(p: JobPostText): ScreeningFlag[] {
  return screenListing({
    title: p.title,
    description: [p.description, p.requirements].filter(Boolean).join('\n'),
    contact: p.contactName,
    trade: p.occupation,
    payFen: p.wageMaxFen ?? p.wageMinFen ?? null,
    payUnit: 'month',
  });
}

/** True when `after` has a flag (by code) that `before` did not: a published post goes back to review. */
export function hasNewFlag(before: readonly ScreeningFlag[], after: readonly ScreeningFlag[]): boolean {
  const known = new Set(before.map((f) => `${f.code}:${[...f.words].sort().join('|')}`));
  return after.some((f) => !known.has(`${f.code}:${[...f.words].sort().join('|')}`));
}
