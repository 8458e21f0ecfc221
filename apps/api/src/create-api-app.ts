import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import fastifyMultipart from '@fastify/multipart';
import { AllExceptionsFilter, PlatformMarker, createValidationPipe } from '@app/platform';
import { ApiModule } from './api.module';
import { protectQueueBoard } from './queue-board';

export const BODY_LIMIT_BYTES = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Largest sheet upload (POST /api/v1/job-posts/imports): a 100,000-row 岗位信息采集表 is ~20 MB. */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

/** Builds the HTTP application (used by main.ts and by the e2e tests, which call `app.init()` or `listen`). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    logger: false,
    // A caller's X-Request-Id (when sane) follows the request through logs and audit rows.
    // The id is written back to the header so that the pino-http logger (which runs later, on the
    // same raw request) logs the very same id.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      req.headers['x-request-id'] = id;
      return id;
    },
  });
  protectQueueBoard(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.register(fastifyMultipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 10 } });
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
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'docs-json',
  });

  await app.init();
  await app.get(PlatformMarker).verify('api');
  return app;
}
