import {
  CallHandler,
  Post,
  UseInterceptors,
  applyDecorators,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  Optional,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHmac } from 'node:crypto';
import { Observable, from, lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../errors/domain-error';
import { ProcessLiveness } from './process-liveness';
import { runWithIdempotencyKey } from './idempotency-context';

interface RequestLike {
  method: string;
  ip?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  user?: { id: string };
}

interface ReplyLike {
  statusCode: number;
  code?: (status: number) => unknown;
  status?: (status: number) => unknown;
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

const SKIP_IDEMPOTENCY = 'platform:skip-idempotency';

/**
 * The route's answers are never stored for replay, whatever `Idempotency-Key` says: sign-in,
 * token refresh and registration answer with fresh credentials, and a stored copy would hand
 * them to whoever replays the key (and let a used refresh token be exchanged again).
 */
export const SkipIdempotency = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_IDEMPOTENCY, true);

/** Keys of an answer that mark it as carrying a credential: such an answer is never stored (nor a plain ID number). */
const SECRET_KEY = /token|password|secret/i;

/** True when any key of the (JSON) value, at any depth, names a credential. */
export function carriesSecret(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 8) return false;
  if (Array.isArray(value)) return value.some((v) => carriesSecret(v, depth + 1));
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEY.test(k) || carriesSecret(v, depth + 1)) return true;
    // A plain (unmasked) resident ID number, as the audited reveal answers it.
    if (k === 'idNumber' && typeof v === 'string' && !v.includes('*')) return true;
  }
  return false;
}

/**
 * `Idempotency-Key` on creating POSTs: the first answer is stored, and the same key with the same
 * body gets it again (same status, same JSON) without doing the work twice. The same key with
 * another body is a client bug → 422. Keys are scoped per user, or for anonymous callers per
 * client address, so two strangers choosing the same key never see each other's answer. Routes
 * marked `@SkipIdempotency()` and answers carrying a credential are never stored.
 *
 * A key in progress names the API process that holds it. Should that process die mid-request (a
 * replica killed), a retry on another replica answers 409 while the holder may still be alive and
 * takes the key over once its liveness mark has expired (≤ 6 s), so a client's retry succeeds.
 * A process killed after its work committed (the outbox row's transaction marks the key) but
 * before its answer was stored leaves the work done once: the retry answers 409
 * `idempotency-answer-lost` rather than doing it again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  private hashKeyBytes: Buffer | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly liveness?: ProcessLiveness,
  ) {}

  /** Read on first use: a process that loads the controllers without serving them (the worker) holds no PII key. */
  private get hashKey(): Buffer {
    this.hashKeyBytes ??= Buffer.from(this.config.PII_HMAC_KEY, 'base64');
    return this.hashKeyBytes;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<RequestLike>();
    const header = req.headers['idempotency-key'];
    if (req.method !== 'POST' || header === undefined) return next.handle();
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_IDEMPOTENCY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (skip) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) {
      throw DomainError.invalid('Idempotency-Key', 'must be 8-128 characters of letters, digits, _ . : -');
    }
    const reply = context.switchToHttp().getResponse<ReplyLike>();
    return from(this.run(req, reply, key, next));
  }

  private async run(req: RequestLike, reply: ReplyLike, key: string, next: CallHandler): Promise<unknown> {
    const caller = req.user?.id ?? `anonymous@${req.ip ?? 'unknown'}`;
    const scope = `${caller} ${req.method} ${req.url.split('?')[0]}`;
    // Keyed: a body may hold an ID number, and a plain hash of an 18-digit number can be brute-forced.
    const hash = createHmac('sha256', this.hashKey)
      .update(JSON.stringify(req.body ?? null))
      .digest('hex');
    const holder = this.liveness?.holderId() ?? null;
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_records (scope, key, request_hash, holder) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, hash, holder],
    );
    if (inserted.length === 0 && !(await this.tookOverFromDead(scope, key, hash, holder))) {
      const rows: { request_hash: string; status_code: number | null; response_body: unknown }[] =
        await this.dataSource.query(
          `SELECT request_hash, status_code, response_body FROM idempotency_records WHERE scope = $1 AND key = $2`,
          [scope, key],
        );
      const record = rows[0];
      if (!record)
        throw DomainError.conflict('idempotency-in-progress', 'Retry: the first request is still settling');
      if (record.request_hash !== hash) {
        throw new DomainError(
          'idempotency-key-reused',
          'This Idempotency-Key was used with a different request body',
          422,
          [{ field: 'Idempotency-Key', message: 'already used with another body' }],
        );
      }
      if (record.status_code === null) {
        throw DomainError.conflict(
          'idempotency-in-progress',
          'A request with this Idempotency-Key is in progress',
        );
      }
      setStatus(reply, record.status_code);
      return record.response_body;
    }
    try {
      const body = await runWithIdempotencyKey(scope, key, () =>
        lastValueFrom(next.handle(), { defaultValue: null }),
      );
      if (carriesSecret(body)) {
        // Defence in depth for routes that forgot @SkipIdempotency(): a credential is never kept.
        this.logger.warn(
          { path: req.url.split('?')[0] },
          'answer carries a credential; not stored for replay',
        );
        await this.forget(scope, key);
        return body;
      }
      await this.dataSource.query(
        `UPDATE idempotency_records SET status_code = $3, response_body = $4 WHERE scope = $1 AND key = $2`,
        [scope, key, reply.statusCode || 201, JSON.stringify(body ?? null)],
      );
      return body;
    } catch (err) {
      // A failed attempt leaves nothing behind, so the client may retry with the same key.
      await this.forget(scope, key);
      throw err;
    }
  }

  /**
   * Whether this request took over the same request's key from a process that died holding it
   * (in progress, same body, holder's liveness mark gone). Compare-and-set on the holder, so two
   * retries never both take it.
   */
  private async tookOverFromDead(scope: string, key: string, hash: string, holder: string | null) {
    if (!this.liveness || holder === null) return false;
    const [row]: {
      holder: string | null;
      status_code: number | null;
      request_hash: string;
      work_committed: boolean;
    }[] = await this.dataSource.query(
      `SELECT holder, status_code, request_hash, work_committed FROM idempotency_records WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    if (!row || row.status_code !== null || row.request_hash !== hash || row.holder === null) return false;
    if (await this.liveness.isAlive(row.holder)) return false;
    if (row.work_committed) {
      // Done, but its answer died with its process: doing it again would do it twice.
      throw DomainError.conflict(
        'idempotency-answer-lost',
        'The first request with this Idempotency-Key was saved, but its answer was lost: look the record up',
      );
    }
    const taken: unknown[] = await this.dataSource.query(
      `UPDATE idempotency_records SET holder = $3
        WHERE scope = $1 AND key = $2 AND status_code IS NULL AND holder = $4 RETURNING key`,
      [scope, key, holder, row.holder],
    );
    if (taken.length > 0)
      this.logger.warn(
        { key, deadHolder: row.holder },
        'Idempotency-Key taken over from a process that died',
      );
    return taken.length > 0;
  }

  private async forget(scope: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_records WHERE scope = $1 AND key = $2`, [
      scope,
      key,
    ]);
  }
}

/**
 * A POST route that honours `Idempotency-Key` (every POST of the API: ESLint forbids a bare `@Post`).
 * The interceptor is scoped to these routes rather than global: a global interceptor puts every
 * GET through Nest's interceptor chain (RxJS and async-context binding), measured at ~10% of the
 * CPU of an authenticated GET in bench:http.
 */
export function IdempotentPost(path?: string | string[]): MethodDecorator {
  return applyDecorators(Post(path), UseInterceptors(IdempotencyInterceptor));
}

function setStatus(reply: ReplyLike, status: number): void {
  if (typeof reply.code === 'function') reply.code(status);
  else if (typeof reply.status === 'function') reply.status(status);
  else reply.statusCode = status;
}
