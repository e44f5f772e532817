import type { ServiceDatabaseDefinition } from '@wealist/database';
import { DeliveryEntity } from './deliveries/delivery.entity';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';
import { NotificationEntity } from './notifications/notification.entity';
import { PreferenceEntity } from './preferences/preference.entity';
import { WebhookEndpointEntity } from './webhooks/webhook-endpoint.entity';

/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const NOTIFICATION_DATABASE: ServiceDatabaseDefinition = {
  entities: [NotificationEntity, PreferenceEntity, WebhookEndpointEntity, DeliveryEntity],
  migrations: [InitialSchema1763900000000],
};
