import { createServiceApp, type ServiceApp, type ServiceAppOptions } from '@wealist/bootstrap';
import type { NotificationConfig } from './notification.config';
import { NotificationAppModule } from './notification.module';

export const NOTIFICATION_DESCRIPTION =
  'Notifications from domain events (tasks, chat mentions): list, read state, preferences, e-mail, signed webhooks; push at /ws/notifications.';

/** The notification service: REST under /api/notifications and socket.io at /ws/notifications. */
export function createNotificationApp(
  config: NotificationConfig,
  options: Pick<ServiceAppOptions, 'logDestination' | 'handleSignals'> = {},
): Promise<ServiceApp> {
  return createServiceApp({
    ...options,
    service: 'notification',
    module: NotificationAppModule.forRoot(config),
    config,
    description: NOTIFICATION_DESCRIPTION,
  });
}
