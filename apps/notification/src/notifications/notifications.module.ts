import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { PreferencesModule } from '../preferences/preferences.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { NotificationConsumer } from './notification.consumer';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [DeliveriesModule, PreferencesModule, RealtimeModule, WebhooksModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, NotificationConsumer],
})
export class NotificationsModule {}
