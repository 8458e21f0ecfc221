import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import {
  IdempotencyInterceptor,
  PlatformModule,
  RedisHealthIndicator,
  SearchHealthIndicator,
  loggerModule,
} from '@app/platform';
import { HealthController } from './health.controller';
import { PipelineController } from './pipeline.controller';

@Module({
  imports: [loggerModule('api'), PlatformModule, TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, PipelineController],
  providers: [
    RedisHealthIndicator,
    SearchHealthIndicator,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class ApiModule {}
