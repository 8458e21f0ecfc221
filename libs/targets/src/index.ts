/** The plan's targets (目标任务, table B) measured from the records; the monthly report; service stations. */
export { TargetsModule } from './targets.module';
export { PlanTargets, NO_CONTACT_DAYS } from './plan-targets.service';
export { MonthlyReport } from './monthly-report';
export { reportHtml, reportWorkbook, yuanText } from './monthly-report.render';
export { ServiceStations } from './service-stations.service';
export { STATION_KINDS, STATION_KIND_NAMES } from './station.rules';
export type { StationKind } from './station.rules';
export { METRIC_SPECS, TARGET_STATUSES, TARGET_STATUS_NAMES, standing, tally } from './target-rules';
export type { TargetStatus } from './target-rules';
export type { MonthlyReportView, TargetsView } from './targets.dto';
