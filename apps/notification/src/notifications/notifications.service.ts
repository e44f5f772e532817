import { Injectable, NotFoundException } from '@nestjs/common';
import { NotificationsRepository, type NotificationRow } from './notifications.repository';

@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async list(userId: string, cursor: number | undefined, limit = 20, unreadOnly = false): Promise<{ items: NotificationRow[]; nextCursor: number | null }> {
    const rows = await this.notifications.list(userId, cursor ?? null, limit + 1, unreadOnly);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].seq : null };
  }

  unreadCount(userId: string): Promise<number> {
    return this.notifications.unreadCount(userId);
  }

  /** Another user's notification is a 404, like one that does not exist. */
  async markRead(userId: string, id: string): Promise<NotificationRow> {
    const row = await this.notifications.markRead(userId, id);
    if (!row) throw new NotFoundException('Notification not found');
    return row;
  }

  markAllRead(userId: string): Promise<number> {
    return this.notifications.markAllRead(userId);
  }
}
