import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface NewNotification {
  toUserId?: string | null;
  toOrganisationId?: string | null;
  kind: string;
  title: string;
  body: string;
  subjectType?: string | null;
  subjectId?: string | null;
  /** One notification per key: a repeated event (a redelivered job) tells nobody twice. */
  dedupeKey: string;
}

export interface NotificationRecord {
  id: string;
  kind: string;
  title: string;
  body: string;
  subjectType: string | null;
  subjectId: string | null;
  readAt: Date | null;
  createdAt: Date;
}

/** The `notifications` table (notifications'). */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, items: NewNotification[]): Promise<void> {
    if (items.length === 0) return;
    await m.query(
      `INSERT INTO notifications (recipient_user_id, recipient_organisation_id, kind, title, body, subject_type,
         subject_id, dedupe_key)
       SELECT (n->>'toUserId')::uuid, (n->>'toOrganisationId')::uuid, n->>'kind', n->>'title', n->>'body',
              n->>'subjectType', (n->>'subjectId')::uuid, n->>'dedupeKey'
         FROM jsonb_array_elements($1::jsonb) AS n
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [JSON.stringify(items)],
    );
  }

  /** A user's notifications: their own and their organisation's, newest first. */
  async page(
    userId: string,
    organisationId: string | null,
    unreadOnly: boolean,
    limit: number,
    offset: number,
  ): Promise<{ rows: NotificationRecord[]; total: number; unread: number }> {
    const who = `(recipient_user_id = $1 OR ($2::uuid IS NOT NULL AND recipient_organisation_id = $2::uuid))`;
    const [{ total, unread }]: { total: number; unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE ${who}${unreadOnly ? ' AND read_at IS NULL' : ''}`,
      [userId, organisationId],
    );
    const rows: {
      id: string;
      kind: string;
      title: string;
      body: string;
      subject_type: string | null;
      subject_id: string | null;
      read_at: Date | null;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT id, kind, title, body, subject_type, subject_id, read_at, created_at FROM notifications
        WHERE ${who}${unreadOnly ? ' AND read_at IS NULL' : ''}
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [userId, organisationId, limit, offset],
    );
    return {
      total,
      unread,
      rows: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        readAt: r.read_at,
        createdAt: r.created_at,
      })),
    };
  }

  /** Marks one read when it is the user's (or their organisation's); false when it is not. */
  async markRead(userId: string, organisationId: string | null, id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH r AS (
         UPDATE notifications SET read_at = COALESCE(read_at, now())
          WHERE id = $3 AND (recipient_user_id = $1 OR ($2::uuid IS NOT NULL AND recipient_organisation_id = $2::uuid))
         RETURNING id)
       SELECT id FROM r`,
      [userId, organisationId, id],
    );
    return rows.length > 0;
  }
}
