import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter, PlatformMarker, createValidationPipe } from '@app/platform';
import { ApiModule } from './api.module';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the HTTP application (used by main.ts and by the e2e tests, which call `app.init()` or `listen`). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: true, logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('稷山就业 API')
    .setDescription(
      'Job posts, seekers, recruitment fairs and employment subsidies of the Jishan County public employment service.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs-json' });

  await app.init();
  await app.get(PlatformMarker).verify('api');
  return app;
}
