import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { ListNotificationsQuery, MarkedAllDto, NotificationDto, NotificationPageDto, UnreadCountDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('notifications')
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  async list(@CurrentUser() caller: AuthenticatedUser, @Query() query: ListNotificationsQuery): Promise<NotificationPageDto> {
    const page = await this.notifications.list(caller.id, query.cursor, query.limit, query.unreadOnly);
    return { items: page.items.map(NotificationDto.from), nextCursor: page.nextCursor };
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentUser() caller: AuthenticatedUser): Promise<UnreadCountDto> {
    return { count: await this.notifications.unreadCount(caller.id) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkedAllDto })
  async markAllRead(@CurrentUser() caller: AuthenticatedUser): Promise<MarkedAllDto> {
    return { updated: await this.notifications.markAllRead(caller.id) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDto })
  async markRead(@CurrentUser() caller: AuthenticatedUser, @Param('id', uuid) id: string): Promise<NotificationDto> {
    return NotificationDto.from(await this.notifications.markRead(caller.id, id));
  }
}
