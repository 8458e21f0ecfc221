import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorBody, FieldProblem } from './domain-error';

const STATUS_CODES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'too-many-requests',
  503: 'unavailable',
};

/** Turns anything thrown into `{ status, body }`; shared by the Nest filter and Fastify's own error handler. */
export function toErrorResponse(exception: unknown): { status: number; body: ErrorBody } {
  if (exception instanceof DomainError) {
    return {
      status: exception.status,
      body: { error: { code: exception.code, message: exception.message, ...fieldsOf(exception.fields) } },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    let message = exception.message;
    if (typeof response === 'object' && response && 'message' in response) {
      const m = (response as { message: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    }
    if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(message)) {
      message = 'No such route';
    }
    if (status === 400 && /not valid JSON|Unexpected (token|end of JSON)/i.test(message)) {
      return {
        status,
        body: { error: { code: 'malformed-json', message: 'Request body is not valid JSON' } },
      };
    }
    return { status, body: { error: { code: STATUS_CODES[status] ?? `http-${status}`, message } } };
  }
  if (exception instanceof QueryFailedError) {
    const pgCode = (exception as QueryFailedError & { code?: string }).code;
    if (pgCode === '23505') {
      return {
        status: 409,
        body: { error: { code: 'conflict', message: 'A record with these values already exists' } },
      };
    }
    if (pgCode === '22P02' || pgCode === '22003' || pgCode === '22007' || pgCode === '22008') {
      return { status: 400, body: { error: { code: 'bad-request', message: 'A value has the wrong form' } } };
    }
  }
  // Errors raised by Fastify before Nest sees the request: body too large, bad JSON, bad media type.
  const e = exception as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const status = e.statusCode;
    const fastifyCode = typeof e.code === 'string' ? e.code : '';
    let message = typeof e.message === 'string' ? e.message : 'Bad request';
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') message = 'Request body is larger than 1 MiB';
    if (fastifyCode.startsWith('FST_ERR_CTP_INVALID_JSON') || exception instanceof SyntaxError) {
      message = 'Request body is not valid JSON';
    }
    return {
      status,
      body: {
        error: {
          code:
            status === 400 && message.includes('JSON')
              ? 'malformed-json'
              : (STATUS_CODES[status] ?? `http-${status}`),
          message,
        },
      },
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { error: { code: 'internal', message: 'Internal error; it has been logged' } },
  };
}

function fieldsOf(fields: FieldProblem[] | undefined): { fields?: FieldProblem[] } {
  return fields && fields.length ? { fields } : {};
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = toErrorResponse(exception);
    if (status >= 500) {
      this.logger.error({ err: exception }, 'Unhandled error');
    }
    const reply = host.switchToHttp().getResponse();
    // Fastify reply (the platform's adapter) or a raw response in tests.
    if (typeof reply.code === 'function') {
      reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
    } else {
      reply.statusCode = status;
      reply.setHeader('content-type', 'application/json; charset=utf-8');
      reply.end(JSON.stringify(body));
    }
  }
}
