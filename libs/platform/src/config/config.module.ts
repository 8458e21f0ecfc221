import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, parseConfig, parseDatabaseConfig, parseWorkerConfig } from './app-config';

/** Set (by WorkerConfigModule) in the worker only; the API and the scripts leave it unset. */
export const CONFIG_PROCESS = Symbol('CONFIG_PROCESS');

/**
 * Provides the validated configuration; parsing happens once, at module construction. The API's
 * (the default) requires the personal-data keys; the worker's has none.
 */
@Global()
@Module({
  providers: [
    {
      provide: APP_CONFIG,
      inject: [{ token: CONFIG_PROCESS, optional: true }],
      useFactory: (kind?: 'worker' | 'database') =>
        kind === 'worker' ? parseWorkerConfig() : kind === 'database' ? parseDatabaseConfig() : parseConfig(),
    },
  ],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}

/**
 * Imported by the worker's root module: APP_CONFIG becomes a WorkerConfig, so the worker starts
 * without PII_ENCRYPTION_KEY / PII_HMAC_KEY and holds neither. Global so that AppConfigModule
 * (itself global, inside PlatformModule) sees it.
 */
@Global()
@Module({
  providers: [{ provide: CONFIG_PROCESS, useValue: 'worker' }],
  exports: [CONFIG_PROCESS],
})
export class WorkerConfigModule {}

/** Imported by database-only tools (the sheet import CLI): APP_CONFIG holds Postgres and logging only. */
@Global()
@Module({
  providers: [{ provide: CONFIG_PROCESS, useValue: 'database' }],
  exports: [CONFIG_PROCESS],
})
export class DatabaseOnlyConfigModule {}
