import type { ServiceDatabaseDefinition } from '@wealist/database';
import { InitialSchema1765000000000 } from './migrations/1765000000000-initial-schema';
import { Strategies1765000050000 } from './migrations/1765000050000-strategies';
import { Backtests1765000300000 } from './migrations/1765000300000-backtests';
import { MarketData1765000100000 } from './migrations/1765000100000-market-data';
import { LiveTrading1765000200000 } from './migrations/1765000200000-live-trading';

/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const TRADING_DATABASE: ServiceDatabaseDefinition = {
  entities: [],
  migrations: [InitialSchema1765000000000, Strategies1765000050000, Backtests1765000300000, MarketData1765000100000, LiveTrading1765000200000],
};
