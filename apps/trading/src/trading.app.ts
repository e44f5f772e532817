import { createServiceApp, type ServiceApp, type ServiceAppOptions } from '@wealist/bootstrap';
import type { TradingConfig } from './trading.config';
import { TradingAppModule } from './trading.module';

export const TRADING_DESCRIPTION =
  'Trading desk of each workspace: strategies run in a sandbox, market data, backtest jobs, live signals over /ws/trading and a paper broker.';

/** The trading service: HTTP API, backtest workers, live strategy runners and the /ws/trading socket. */
export function createTradingApp(
  config: TradingConfig,
  options: Pick<ServiceAppOptions, 'logDestination' | 'handleSignals'> = {},
): Promise<ServiceApp> {
  return createServiceApp({
    ...options,
    service: 'trading',
    module: TradingAppModule.forRoot(config),
    config,
    description: TRADING_DESCRIPTION,
    beforeInit: (app) => {
      // CSV uploads arrive as text/csv; they are parsed line by line by the importer.
      app
        .getHttpAdapter()
        .getInstance()
        .addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
    },
  });
}
