import { Controller, Get, HttpCode, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles, UuidParam, IdempotentPost } from '@app/platform';
import { NotificationListView, NotificationQuery } from './notification.dto';
import { NotificationService } from './notification.service';

const ALL_ROLES = Object.values(Role);

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  /** The signed-in user's notifications (and their enterprise's or agency's), newest first. */
  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: NotificationListView })
  list(@CurrentUser() user: AuthUser, @Query() q: NotificationQuery): Promise<NotificationListView> {
    return this.notifications.list(user, {
      unread: q.unread === 'true',
      limit: q.limit ?? 20,
      offset: q.offset ?? 0,
    });
  }

  @IdempotentPost(':id/read')
  @HttpCode(204)
  @Roles(...ALL_ROLES)
  @ApiNoContentResponse({ description: 'marked read' })
  @ApiNotFoundResponse({ description: 'no such notification of yours' })
  async read(@CurrentUser() user: AuthUser, @Param() p: UuidParam): Promise<void> {
    await this.notifications.markRead(user, p.id);
  }
}
