/**
 * The platform: configuration, Postgres and migrations, Redis and queues, the outbox and its
 * worker plumbing, errors and validation, logging, access decorators, Meilisearch. Every lib
 * builds on these names; what is not listed here is the platform's own.
 */
export { IS_PUBLIC, Public, Role, Roles, ROLES } from './access/access.decorators';
export { CurrentUser } from './access/auth-user';
export type { AuthUser } from './access/auth-user';
export {
  APP_CONFIG,
  ConfigError,
  configSchema,
  parseConfig,
  parseDatabaseConfig,
  parseWorkerConfig,
} from './config/app-config';
export type { AppConfig, WorkerConfig } from './config/app-config';
export { DatabaseOnlyConfigModule, WorkerConfigModule } from './config/config.module';
export { dataSourceOptions, ensureDatabase } from './database/data-source-options';
export { fenTransformer } from './database/fen.transformer';
export { migrateDatabase } from './database/run-migrations';
export { containsPattern, wordMatchSql } from './database/word-match';
export { Coalescer } from './database/coalescer';
export { AllExceptionsFilter, sendError, toErrorResponse } from './errors/all-exceptions.filter';
export { DomainError } from './errors/domain-error';
export type { FieldProblem } from './errors/domain-error';
export { createValidationPipe } from './errors/validation';
export { townshipByCode } from './geo/townships';
export { IdempotencyInterceptor, IdempotentPost, SkipIdempotency } from './http/idempotency.interceptor';
export { ProcessLiveness } from './http/process-liveness';
export { PageQuery, UUID_PATTERN, UuidParam, WidePageQuery } from './http/request-params';
export { IsCalendarDate } from './http/validators';
export { LOG_REDACT_PATHS, loggerModule, serializeError } from './logging';
export { JobDispatcher } from './outbox/job-dispatcher';
export { BatchJobHandler, JobHandler, LongJobHandler, ScheduledJob } from './outbox/job-handler.decorator';
export type { BatchJobContext, JobContext, LongJobContext } from './outbox/job-handler.decorator';
export { OutboxRelay } from './outbox/outbox-relay';
export { OutboxService } from './outbox/outbox.service';
export { ScheduleKeeper } from './outbox/schedule-keeper';
export { PipelineCheckService } from './outbox/pipeline-check';
export { PlatformMarker } from './platform-marker';
export { PlatformDatabaseModule, PlatformModule, PlatformWorkerModule } from './platform.module';
export {
  JOB_QUEUE,
  JobName,
  outboxJobId,
  QUEUE_POLICIES,
  QueueName,
  SCHEDULE_QUEUE,
  ScheduleName,
} from './queues/queue-names';
export type { JobPayloads, QueuedPayload } from './queues/queue-names';
export type { CountedRecord } from './reporting/counted-record';
export { redisOptionsFromUrl } from './redis/redis-options';
export { RedisHealthIndicator } from './redis/redis.health';
export { freePort, MeiliLaunchError, startMeilisearch } from './search/meili-launcher';
export type { RunningMeilisearch } from './search/meili-launcher';
export { SearchClient, SearchClientModule, SearchRequestError } from './search/search-client.module';
export type { SearchQuery } from './search/search-client.module';
export { SearchHealthIndicator } from './search/search.health';
export { csvDocument, spreadsheetCell, spreadsheetText } from './export/spreadsheet-cells';
