import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, parseConfig } from './app-config';

/** Provides the validated AppConfig; parsing happens once, at module construction. */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => parseConfig() }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
