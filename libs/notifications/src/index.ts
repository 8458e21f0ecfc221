/** In-app notifications (站内消息). */
export { NotificationService } from './notification.service';
export type { NewNotification } from './notification.repository';
export { NotificationsModule } from './notifications.module';
