/** Recruitment fairs (专场招聘会): the year's plan, venues, registrations, the door, outcomes, reports. */
export { FairsModule } from './fairs.module';
export { FairsService } from './fairs.service';
export type { PlanFair } from './fairs.service';
export { FairReports } from './fair-report';
export type { FairReport, FairYearReport } from './fair-report';
export {
  EMPLOYER_REGISTRATION_STATUS_NAMES,
  FAIR_MODE_NAMES,
  FAIR_OUTCOME_KIND_NAMES,
  FAIR_STATUS_NAMES,
  FAIR_THEME_NAMES,
  SEEKER_REGISTRATION_STATUS_NAMES,
} from './fair.rules';
export type { FairMode, FairStatus, FairTheme } from './fair.rules';
export { FairSeekers } from './fair-seekers.service';
export { FairEmployers } from './fair-employers.service';
export { FairDoor } from './fair-door.service';
export { RecordFairOutcome } from './record-fair-outcome';
export type { FairHireTerms } from './record-fair-outcome';
