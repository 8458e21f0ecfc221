import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** One audit entry. `details` is a small JSON object and must never hold personal data. */
export interface AuditEntry {
  actorId: string | null;
  actorRole: string | null;
  /** e.g. `user.reveal-id-number`, `job-post.approve` */
  action: string;
  targetType: string;
  targetId?: string | null;
  reason?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
  /**
   * The townships the entry concerns (the target's: a seeker's home, an enterprise's, a post's
   * or placement's place of work). Township staff read the entries of their township only.
   */
  townshipCodes?: (string | null | undefined)[];
}

export interface AuditRecord {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  reason: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  townshipCodes: string[];
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** inclusive, ISO date or timestamp */
  from?: string;
  /** exclusive when a timestamp; a plain date (YYYY-MM-DD) includes that whole day */
  to?: string;
  limit: number;
  offset: number;
  /**
   * A township station's reader: only entries concerning this township, or written by the
   * reader (`readerId`). Unset for county staff and admins.
   */
  townshipScope?: { townshipCode: string; readerId: string };
}

const MAX_DETAILS_BYTES = 4096;

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  reason: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  township_codes: string[];
}

/**
 * The request id nestjs-pino assigned (`req.id` of the raw Node request, which is what appears in
 * the log lines). From a Fastify request that is `req.raw.id` — Fastify's own `req.id` differs.
 */
export function requestIdOf(req: unknown): string | null {
  const r = req as { id?: unknown; raw?: { id?: unknown } } | undefined;
  const id = r?.raw ? r.raw.id : r?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/**
 * The append-only audit log. `record` writes within the caller's transaction when a manager is
 * given (so the audit row commits or rolls back with the decision it describes); the table's
 * trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<string> {
    const details = entry.details ?? {};
    const json = JSON.stringify(details);
    if (Buffer.byteLength(json) > MAX_DETAILS_BYTES) {
      throw new Error(`Audit details must be at most ${MAX_DETAILS_BYTES} bytes of JSON`);
    }
    const rows: { id: string }[] = await (manager ?? this.dataSource.manager).query(
      `INSERT INTO audit_log (actor_id, actor_role, action, target_type, target_id, reason, request_id, details,
                              township_codes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        entry.actorId,
        entry.actorRole,
        entry.action,
        entry.targetType,
        entry.targetId ?? null,
        entry.reason ?? null,
        entry.requestId ?? null,
        json,
        [...new Set((entry.townshipCodes ?? []).filter((t): t is string => typeof t === 'string'))],
      ],
    );
    return String(rows[0].id);
  }

  /** Several entries in one statement, within the caller's transaction (a batch of records). */
  async recordMany(entries: readonly AuditEntry[], manager: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => {
      const details = entry.details ?? {};
      if (Buffer.byteLength(JSON.stringify(details)) > MAX_DETAILS_BYTES) {
        throw new Error(`Audit details must be at most ${MAX_DETAILS_BYTES} bytes of JSON`);
      }
      return {
        actor_id: entry.actorId,
        actor_role: entry.actorRole,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId ?? null,
        reason: entry.reason ?? null,
        request_id: entry.requestId ?? null,
        details,
        township_codes: [
          ...new Set((entry.townshipCodes ?? []).filter((t): t is string => typeof t === 'string')),
        ],
      };
    });
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, target_type, target_id, reason, request_id, details,
                              township_codes)
       SELECT actor_id, actor_role, action, target_type, target_id, reason, request_id, details, township_codes
         FROM jsonb_to_recordset($1::jsonb) AS x(actor_id uuid, actor_role text, action text, target_type text,
              target_id text, reason text, request_id text, details jsonb, township_codes text[])`,
      [JSON.stringify(rows)],
    );
  }

  async list(filter: AuditFilter): Promise<{ items: AuditRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.townshipScope) {
      params.push(filter.townshipScope.townshipCode, filter.townshipScope.readerId);
      where.push(
        `(township_codes @> ARRAY[$${params.length - 1}::text] OR actor_id = $${params.length}::uuid)`,
      );
    }
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.targetType) add('target_type = ?', filter.targetType);
    if (filter.targetId) add('target_id = ?', filter.targetId);
    if (filter.from) add('at >= ?::timestamptz', filter.from);
    if (filter.to) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(filter.to)) add(`at < (?::date + 1)::timestamptz`, filter.to);
      else add('at < ?::timestamptz', filter.to);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM audit_log ${clause}`,
      params,
    );
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM audit_log ${clause} ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return {
      total,
      items: rows.map((r) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actorRole: r.actor_role,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        reason: r.reason,
        requestId: r.request_id,
        details: r.details,
        townshipCodes: r.township_codes,
      })),
    };
  }
}
