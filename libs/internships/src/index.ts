/** 就业见习 (二(十一)): host units, internship posts' details, the progress toward 80, interns. */
export { InternshipsModule } from './internships.module';
export { InternshipsService } from './internships.service';
export {
  HOST_AFFILIATIONS,
  HOST_AFFILIATION_NAMES,
  HOST_UNIT_KINDS,
  HOST_UNIT_KIND_NAMES,
  INTERN_OUTCOMES,
  INTERN_OUTCOME_NAMES,
  internshipProgress,
} from './internship.rules';
export type { HostAffiliation, HostUnitKind, InternOutcome, InternshipProgress } from './internship.rules';
