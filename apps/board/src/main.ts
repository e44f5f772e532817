import './instrument';
import { runServiceMain } from '@wealist/bootstrap';
import { loadEnv } from '@wealist/config';
import { createBoardApp } from './board.app';
import { BOARD_ENV_SPEC } from './board.config';
import { BOARD_DATABASE } from './board.database';

// `node main.js` serves; `node main.js migrate` applies pending migrations and exits.
void runServiceMain({
  service: 'board',
  load: () => loadEnv(BOARD_ENV_SPEC),
  database: BOARD_DATABASE,
  start: (config) => createBoardApp(config),
});
