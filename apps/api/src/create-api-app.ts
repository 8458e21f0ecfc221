import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import {
  AllExceptionsFilter,
  PlatformMarker,
  createValidationPipe,
  parseConfig,
  sendError,
} from '@app/platform';
import { PrincipalResolver } from '@app/identity';
import { ApiModule } from './api.module';
import { protectQueueBoard } from './queue-board';
import { serveWebApp } from './web-app';

export const BODY_LIMIT_BYTES = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Largest sheet upload (POST /api/v1/job-posts/imports): a 100,000-row 岗位信息采集表 is ~20 MB. */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** Builds the HTTP application (used by main.ts and by the e2e tests, which call `app.init()` or `listen`). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const config = parseConfig();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (default: none).
    trustProxy: config.TRUST_PROXY,
    logger: false,
    // What Fastify refuses itself (a path parameter over its length, a malformed URL) answers in
    // the platform's error shape like everything else.
    frameworkErrors: (err: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      sendError(reply, tooLong ? 414 : 400, {
        error: {
          code: tooLong ? 'uri-too-long' : 'bad-request',
          message: tooLong ? 'A path segment is too long' : 'The address is not valid',
        },
      });
    },
    // Errors of the HTTP parser itself, before any request exists: headers too large, malformed
    // requests, timeouts. Written straight to the socket, in the same JSON shape.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, code, message] =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'headers-too-large', 'The request line or headers are too large']
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'request-timeout', 'The request took too long to arrive']
            : [400, 'bad-request', 'The request is malformed'];
      const body = JSON.stringify({ error: { code, message } });
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
            `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(err);
    },
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
  const started: { app?: NestFastifyApplication } = {};
  // Registered before Nest adds its routes, so that it runs first; resolved once the app exists.
  protectQueueBoard(adapter.getInstance(), () => {
    if (!started.app) throw new Error('the API is still starting');
    return started.app.get(PrincipalResolver);
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Only the web app's session cookie is read (identity's WebSessionController).
  await app.register(fastifyCookie);
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

  // The web app (npm run build puts it in dist/web); without a build the API still runs.
  const web = await serveWebApp(app.getHttpAdapter().getInstance());
  if (!web) app.get(Logger).warn('the web app is not built (dist/web): serving the API only');

  started.app = app;
  await app.init();
  await app.get(PlatformMarker).verify('api');
  return app;
}
