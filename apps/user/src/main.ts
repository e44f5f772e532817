import './instrument';
import { runServiceMain } from '@wealist/bootstrap';
import { loadEnv } from '@wealist/config';
import { createUserApp } from './user.app';
import { USER_ENV_SPEC } from './user.config';
import { USER_DATABASE } from './user.database';

// `node main.js` serves; `node main.js migrate` applies pending migrations and exits.
void runServiceMain({
  service: 'user',
  load: () => loadEnv(USER_ENV_SPEC),
  database: USER_DATABASE,
  start: (config) => createUserApp(config),
});
