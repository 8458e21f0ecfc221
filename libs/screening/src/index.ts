/** The listing screen (虚假招聘与收费筛查): rules as data, a pure check every gig and job post passes. */
export { SCREENING_RULES, screenListing, usualPayFen } from './screening';
export type { ListingText, ScreeningFlag, ScreeningRules } from './screening';
