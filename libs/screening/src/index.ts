/** The listing screen (虚假招聘与收费筛查): rules as data, a pure check every gig and job post passes. */
export { SCREENING_FLAG_CODES, SCREENING_RULES, screenListing, usualPayFen } from './screening';
export { ScreeningFlagView } from './screening-flag.view';
export type { ListingText, ScreeningFlag, ScreeningRules } from './screening';
