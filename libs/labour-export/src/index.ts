/** 有组织劳务输出 (一(六)): trips toward 12 and 1,200 people, participants, placements of the trip. */
export { LabourExportModule } from './labour-export.module';
export { LabourExportService } from './labour-export.service';
export { PARTICIPANT_STATUSES, PARTICIPANT_STATUS_NAMES, exportProgress } from './labour-export.rules';
export type { ExportProgress, ParticipantStatus } from './labour-export.rules';
