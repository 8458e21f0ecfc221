/** The audit log (操作日志): who did what to which record, and why. Append-only. */
export { AuditModule } from './audit.module';
export { AuditService, requestIdOf } from './audit.service';
export type { AuditEntry, AuditFilter, AuditRecord } from './audit.service';
