import './instrument';
import { runServiceMain } from '@wealist/bootstrap';
import { loadEnv } from '@wealist/config';
import { createChatApp } from './chat.app';
import { CHAT_ENV_SPEC } from './chat.config';
import { CHAT_DATABASE } from './chat.database';

// `node main.js` serves; `node main.js migrate` applies pending migrations and exits.
void runServiceMain({
  service: 'chat',
  load: () => loadEnv(CHAT_ENV_SPEC),
  database: CHAT_DATABASE,
  start: (config) => createChatApp(config),
});
