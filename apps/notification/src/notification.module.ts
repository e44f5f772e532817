import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuardModule } from '@wealist/auth-guard';
import { SERVICE_CATALOG, ServiceConfigModule } from '@wealist/config';
import { DatabaseModule } from '@wealist/database';
import { EventsModule } from '@wealist/events';
import { MessagingModule } from '@wealist/messaging';
import { RedisModule } from '@wealist/redis';
import { TelemetryModule } from '@wealist/telemetry';
import type { NotificationConfig } from './notification.config';
import { NOTIFICATION_DATABASE } from './notification.database';
import { NotificationsModule } from './notifications/notifications.module';
import { PreferencesModule } from './preferences/preferences.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class NotificationAppModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: NotificationAppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        TelemetryModule.forRoot('notification'),
        DatabaseModule.forRoot(NOTIFICATION_DATABASE),
        RedisModule.forRoot({ db: SERVICE_CATALOG.notification.redisDb, connectionName: 'notification' }),
        MessagingModule.forRoot(),
        AuthGuardModule.forRoot(),
        EventsModule.forRoot({ service: 'notification', producer: false }),
        NotificationsModule,
        PreferencesModule,
        WebhooksModule,
      ],
    };
  }
}
