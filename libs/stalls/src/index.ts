/** Street-stall zones (地摊经济, plan 一(四)): zones, stalls, applications, allocation rounds, holdings. */
export { StallsModule } from './stalls.module';
export { StallsService } from './stalls.service';
export type { RoundOutcome } from './stalls.service';
export type {
  StallApplicationRecord,
  HoldingRecord,
  Occupancy,
  RoundRecord,
  StallRecord,
  ZoneRecord,
} from './stall.repository';
export {
  STALL_APPLICATION_STATUS_NAMES,
  HOLDING_STATUS_NAMES,
  PRIORITY_GROUPS,
  ZONE_KINDS,
  ZONE_KIND_NAMES,
  isPriority,
  orderApplicants,
  planRound,
} from './stall.rules';
export type { StallApplicationStatus, HoldingStatus, ZoneKind } from './stall.rules';
