import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from './config/app-config';

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * JSON logs with a request id (taken from `X-Request-Id` when sane, else generated). Bodies are
 * never logged, and headers that carry secrets are redacted: personal data stays out of logs.
 */
export function loggerModule(processName: 'api' | 'worker' | 'cli') {
  return LoggerModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      pinoHttp: {
        level: config.LOG_LEVEL,
        base: { process: processName },
        genReqId: (req: IncomingMessage) => {
          const given = req.headers['x-request-id'];
          return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        },
        customProps: (req: IncomingMessage) => ({
          requestId: (req as IncomingMessage & { id?: unknown }).id,
        }),
        autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
        serializers: {
          req: (req: { id: unknown; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            // Query strings can hold search words; paths never hold personal data.
            path: String(req.url).split('?')[0],
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
        redact: {
          paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          remove: true,
        },
      },
      forRoutes: ['*path'],
    }),
  });
}
