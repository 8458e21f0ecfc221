import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser, DomainError } from '@app/platform';
import { NotificationListView } from './notification.dto';
import { NewNotification, NotificationRepository } from './notification.repository';

/**
 * In-app notifications (站内消息): stored in Postgres with the change they report (in its
 * transaction), listed for the person, or for every member of an enterprise or agency.
 */
@Injectable()
export class NotificationService {
  constructor(private readonly notifications: NotificationRepository) {}

  /** In the caller's transaction, so a notification exists exactly when its event does. */
  notify(m: EntityManager, items: NewNotification[]): Promise<void> {
    return this.notifications.insert(m, items);
  }

  async list(
    actor: AuthUser,
    q: { unread?: boolean; limit: number; offset: number },
  ): Promise<NotificationListView> {
    const { rows, total, unread } = await this.notifications.page(
      actor.id,
      actor.organisationId,
      q.unread === true,
      q.limit,
      q.offset,
    );
    return {
      total,
      unread,
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
        createdAt: new Date(r.createdAt).toISOString(),
      })),
    };
  }

  async markRead(actor: AuthUser, id: string): Promise<void> {
    if (!(await this.notifications.markRead(actor.id, actor.organisationId, id))) {
      throw DomainError.notFound('Notification');
    }
  }
}
