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
export function toErrorResponse(exception: unknown): {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
} {
  if (exception instanceof DomainError) {
    return {
      status: exception.status,
      body: { error: { code: exception.code, message: exception.message, ...fieldsOf(exception.fields) } },
      headers: exception.headers,
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
    const mapped = databaseErrorResponse(exception as QueryFailedError & PgErrorFields);
    if (mapped) return mapped;
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

/** The fields of a Postgres error that `pg` copies onto it (never the row values in `detail`). */
interface PgErrorFields {
  code?: string;
  constraint?: string;
  column?: string;
  table?: string;
}

/**
 * Postgres refusing a value is the caller's mistake, not the server's: a 4xx that names the
 * constraint or column, never the values (Postgres's `detail` repeats the whole failing row).
 * Input validation catches these first; this is the net under it.
 */
function databaseErrorResponse(e: PgErrorFields): { status: number; body: ErrorBody } | null {
  const code = e.code ?? '';
  const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  if (code === '23505') {
    return {
      status: 409,
      body: { error: { code: 'conflict', message: 'A record with these values already exists' } },
    };
  }
  if (code === '23503') {
    return {
      status: 409,
      body: {
        error: { code: 'conflict', message: 'A related record does not exist, or is still referred to' },
      },
    };
  }
  if (code === '23502' && e.column) {
    const field = camel(e.column);
    return {
      status: 400,
      body: {
        error: {
          code: 'validation-failed',
          message: `${field} is required`,
          fields: [{ field, message: `${field} is required` }],
        },
      },
    };
  }
  if (code === '23514' || code === '23P01') {
    const rule = e.constraint ? ` (${e.constraint})` : '';
    return {
      status: 400,
      body: { error: { code: 'validation-failed', message: `A value is not allowed${rule}` } },
    };
  }
  // Class 22: data exceptions — wrong form, out of range, too long, bad encoding.
  if (code.startsWith('22')) {
    return { status: 400, body: { error: { code: 'bad-request', message: 'A value has the wrong form' } } };
  }
  // Serialisation failures, deadlocks, cancelled statements: the client may simply retry.
  if (code === '40001' || code === '40P01' || code === '57014' || code === '55P03') {
    return { status: 503, body: { error: { code: 'busy', message: 'The service is busy; try again' } } };
  }
  return null;
}

function fieldsOf(fields: FieldProblem[] | undefined): { fields?: FieldProblem[] } {
  return fields && fields.length ? { fields } : {};
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body, headers } = toErrorResponse(exception);
    if (status >= 500) {
      // The logger's `err` serializer keeps SQL parameters and row details out of the log.
      this.logger.error({ err: exception }, 'Unhandled error');
    }
    sendError(host.switchToHttp().getResponse(), status, body, headers);
  }
}

/** Writes an error answer on a Fastify reply, or on a raw Node response (Fastify's own errors, tests). */
export function sendError(
  reply: {
    code?: (s: number) => unknown;
    statusCode?: number;
    setHeader?: (k: string, v: string) => unknown;
    end?: (b: string) => unknown;
  },
  status: number,
  body: ErrorBody,
  headers: Record<string, string> = {},
): void {
  const all = { ...headers, 'content-type': 'application/json; charset=utf-8' };
  if (typeof reply.code === 'function') {
    const r = reply as unknown as { code(s: number): { headers(h: object): { send(b: unknown): void } } };
    r.code(status).headers(all).send(body);
  } else {
    reply.statusCode = status;
    for (const [k, v] of Object.entries(all)) reply.setHeader?.(k, v);
    reply.end?.(JSON.stringify(body));
  }
}
