/** Applications (求职申请), agency referrals, placements (就业登记) and the hire that records them. */
export { ApplicationService } from './application.service';
export { PlacementService } from './placement.service';
export { Placements } from './placements';
export { RecordHire } from './record-hire';
export type { DirectHire, HireTerms } from './record-hire';
export type { HireSnapshot } from './hire-snapshot';
export type { PlacementRecord } from './placement.repository';
export { APPLICATION_STATUSES, APPLICATION_STATUS_NAMES } from './application.rules';
export { HOME_COUNTY, hireSituationOf, locationOfPost } from './placement.rules';
export type { HireSituation, PlacementLocation } from './placement.rules';
export { PlacementListView, PlacementView, RecordPlacementDto } from './placement.dto';
export { ApplicationView } from './application.dto';
export { ApplicationsModule, PlacementRecordsModule } from './applications.module';
