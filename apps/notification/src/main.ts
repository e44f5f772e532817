import './instrument';
import { runServiceMain } from '@wealist/bootstrap';
import { loadEnv } from '@wealist/config';
import { createNotificationApp } from './notification.app';
import { NOTIFICATION_ENV_SPEC } from './notification.config';
import { NOTIFICATION_DATABASE } from './notification.database';

// `node main.js` serves; `node main.js migrate` applies pending migrations and exits.
void runServiceMain({
  service: 'notification',
  load: () => loadEnv(NOTIFICATION_ENV_SPEC),
  database: NOTIFICATION_DATABASE,
  start: (config) => createNotificationApp(config),
});
