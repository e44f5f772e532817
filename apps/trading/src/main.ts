import './instrument';
import { runServiceMain } from '@wealist/bootstrap';
import { createTradingApp } from './trading.app';
import { loadTradingConfig } from './trading.config';
import { TRADING_DATABASE } from './trading.database';

// `node main.js` serves; `node main.js migrate` applies pending migrations and exits.
void runServiceMain({
  service: 'trading',
  load: () => loadTradingConfig(),
  database: TRADING_DATABASE,
  start: (config) => createTradingApp(config),
});
