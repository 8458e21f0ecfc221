import rules from './screening-rules.json';

/** What a listing (a gig, a job post) says about itself, as the screen reads it. */
export interface ListingText {
  title: string;
  description?: string | null;
  /** Contact details as written by the poster (a name, an address: phone numbers belong in their own field). */
  contact?: string | null;
  trade?: string | null;
  /** Pay in fen per `payUnit`; for a job post, its monthly wage maximum with payUnit `month`. */
  payFen?: number | null;
  payUnit?: 'day' | 'hour' | 'piece' | 'month' | null;
}

/** Why a listing waits for staff review (筛查提示); `words` are what matched, shown to the reviewer. */
export const SCREENING_FLAG_CODES = [
  'fee-asked',
  'pyramid-words',
  'off-platform-contact',
  'pay-far-above-usual',
] as const;

export interface ScreeningFlag {
  code: (typeof SCREENING_FLAG_CODES)[number];
  reason: string;
  words: string[];
}

export interface ScreeningRules {
  fees: { reason: string; words: string[] };
  pyramid: { reason: string; words: string[] };
  offPlatform: { reason: string; patterns: string[] };
  payFactor: number;
  usualPay: Record<PayUnit, Record<string, number>>;
}

type PayUnit = 'day' | 'hour' | 'piece' | 'month';

export const SCREENING_RULES: ScreeningRules = rules as ScreeningRules;

const compiled = new WeakMap<ScreeningRules, RegExp[]>();
const patternsOf = (r: ScreeningRules): RegExp[] => {
  let p = compiled.get(r);
  if (!p) {
    p = r.offPlatform.patterns.map((s) => new RegExp(s, 'g'));
    compiled.set(r, p);
  }
  return p;
};

/** The usual highest pay of a trade per unit (fen): the trade's own figure, else the unit's default. */
export function usualPayFen(trade: string | null | undefined, unit: PayUnit, r = SCREENING_RULES): number {
  const table = r.usualPay[unit];
  if (trade) {
    for (const [name, fen] of Object.entries(table))
      if (name !== 'default' && trade.includes(name)) return fen;
  }
  return table.default;
}

/**
 * The screen every gig and job post passes before it goes live (防虚假招聘、防收费): pure, rules
 * from `screening-rules.json`. No flag → live at once; any flag → staff review with the reasons.
 */
export function screenListing(l: ListingText, r: ScreeningRules = SCREENING_RULES): ScreeningFlag[] {
  const text = [l.title, l.description ?? '', l.contact ?? ''].join('\n');
  const flags: ScreeningFlag[] = [];
  const fee = r.fees.words.filter((w) => text.includes(w));
  if (fee.length) flags.push({ code: 'fee-asked', reason: r.fees.reason, words: fee });
  const pyramid = r.pyramid.words.filter((w) => text.includes(w));
  if (pyramid.length) flags.push({ code: 'pyramid-words', reason: r.pyramid.reason, words: pyramid });
  const off = [...new Set(patternsOf(r).flatMap((re) => [...text.matchAll(re)].map((m) => m[0])))];
  if (off.length) flags.push({ code: 'off-platform-contact', reason: r.offPlatform.reason, words: off });
  if (l.payFen != null && l.payUnit) {
    const usual = usualPayFen(l.trade, l.payUnit, r);
    if (l.payFen > usual * r.payFactor) {
      flags.push({
        code: 'pay-far-above-usual',
        reason: `报酬远高于该工种通常水平（通常不超过 ${(usual / 100).toFixed(0)} 元，此处 ${(l.payFen / 100).toFixed(0)} 元）`,
        words: [String(l.payFen)],
      });
    }
  }
  return flags;
}
