/** The public gig market (公益性零工市场): gigs, taking and doing them, disputes, reports, gig points. */
export { GigRecordsModule, GigsModule, GigsWorkerModule } from './gigs.module';
export { GigRecords } from './gig-records.service';
export { GigsService } from './gigs.service';
export { GigAcceptances } from './gig-acceptances.service';
export { GigCases } from './gig-cases.service';
export { PosterChecks } from './poster-checks.service';
export type { PosterOrganisation } from './poster-checks.service';
export { GigExpiryScheduler } from './gig-expiry.scheduler';
export type { AvailabilityRecord, GigRecord, OpenGigCriteria } from './gig.repository';
export {
  ACCEPTANCE_STATUS_NAMES,
  COMMON_GIG_TRADES,
  DISPUTE_KIND_NAMES,
  GIG_STATUS_NAMES,
  PAY_UNIT_NAMES,
  POSTER_KIND_NAMES,
  REPORT_REASON_NAMES,
  addDays,
  dayNumber,
  isoWeekday,
  resolveGigDate,
} from './gig.rules';
export type { GigStatus, PayUnit, PosterKind } from './gig.rules';
export {
  GigSearchHit,
  GigSearchQuery,
  GigSearchResult,
  NearMeQuery,
  NearMeResult,
  AvailableWorkersView,
} from './gig.dto';
