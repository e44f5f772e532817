import './instrument';
import { runServiceMain } from '@wealist/bootstrap';
import { loadEnv } from '@wealist/config';
import { createStorageApp } from './storage.app';
import { STORAGE_ENV_SPEC } from './storage.config';
import { STORAGE_DATABASE } from './storage.database';

// `node main.js` serves; `node main.js migrate` applies pending migrations and exits.
void runServiceMain({
  service: 'storage',
  load: () => loadEnv(STORAGE_ENV_SPEC),
  database: STORAGE_DATABASE,
  start: (config) => createStorageApp(config),
});
