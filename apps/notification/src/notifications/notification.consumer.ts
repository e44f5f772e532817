import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BoardEvents, ChatEvents, EventBus, TradingEvents } from '@wealist/events';
import type { DataSource, EntityManager } from 'typeorm';
import { DeliveriesRepository, type NewDelivery } from '../deliveries/deliveries.repository';
import { DeliveryWorker } from '../deliveries/delivery.worker';
import { EmailSender } from '../deliveries/email.sender';
import { PreferencesRepository } from '../preferences/preferences.repository';
import { UserChannel } from '../realtime/user-channel';
import { WebhooksRepository } from '../webhooks/webhooks.repository';
import { NotificationDto } from './dto/notification.dto';
import { afterCommit, AfterCommitSubscriber } from './after-commit';
import {
  composeChatMentioned,
  composeTaskAssigned,
  composeTaskCommented,
  composeTaskDueSoon,
  composeTradingSignal,
  type NotificationDraft,
  type NotificationType,
} from './notification-composer';
import { NotificationsRepository } from './notifications.repository';

/**
 * Turns domain events into notifications. The consumer group `notification` reads the board,
 * chat and trading streams (from the start of what they retain, so events emitted while this service
 * was down are handled when it returns) and runs each handler in the transaction that also
 * records the event id: an event delivered twice yields its notifications once.
 */
@Injectable()
export class NotificationConsumer implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly bus: EventBus,
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsRepository,
    private readonly preferences: PreferencesRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly email: EmailSender,
    private readonly worker: DeliveryWorker,
    private readonly channel: UserChannel,
  ) {}

  onModuleInit(): void {
    this.db.subscribers.push(new AfterCommitSubscriber());
  }

  async onApplicationBootstrap(): Promise<void> {
    const consumer = this.bus
      .consumer({ group: 'notification' })
      .on(BoardEvents.taskAssigned, (e, tx) => this.store(e.id, 'task.assigned', composeTaskAssigned(e.payload), tx))
      .on(BoardEvents.taskCommented, (e, tx) => this.store(e.id, 'task.commented', composeTaskCommented(e.payload), tx))
      .on(BoardEvents.taskDueSoon, (e, tx) => this.store(e.id, 'task.due-soon', composeTaskDueSoon(e.payload), tx))
      .on(ChatEvents.mentioned, (e, tx) => this.store(e.id, 'chat.mentioned', composeChatMentioned(e.payload), tx))
      .on(TradingEvents.signal, (e, tx) => this.store(e.id, 'trading.signal', composeTradingSignal(e.payload), tx));
    await consumer.start();
  }

  /** Stores the notifications and their e-mail/webhook deliveries as the preferences say. */
  private async store(eventId: string, type: NotificationType, drafts: NotificationDraft[], tx: EntityManager | null): Promise<void> {
    if (!tx) throw new Error('notification handlers run in the dedup transaction');
    if (drafts.length === 0) return;
    const userIds = drafts.map((d) => d.userId);
    const prefs = await this.preferences.forUsers(tx, userIds, type);
    const rows = await this.notifications.insertMany(tx, eventId, drafts.map((d) => ({ ...d, inApp: prefs.get(d.userId)?.inApp ?? true })));
    const endpoints = await this.webhooks.forUsers(tx, userIds, type);
    const deliveries: NewDelivery[] = [];
    for (const row of rows) {
      const pref = prefs.get(row.userId);
      if (pref?.email && this.email.enabled) deliveries.push({ notificationId: row.id, userId: row.userId, channel: 'email', endpointId: null });
      if (!pref?.webhook) continue;
      for (const e of endpoints.filter((x) => x.userId === row.userId)) {
        deliveries.push({ notificationId: row.id, userId: row.userId, channel: 'webhook', endpointId: e.id });
      }
    }
    await this.deliveries.createMany(tx, deliveries);
    afterCommit(tx, () => {
      for (const row of rows) if (row.inApp) void this.channel.publish(row.userId, NotificationDto.from(row));
      if (deliveries.length > 0) this.worker.wake();
    });
  }
}
