import type { Bar } from '@wealist/trading-sdk';
import type { Timeframe } from './market-data.types';

/**
 * A source of historical bars (the built-in sample generator today; a broker or vendor feed
 * later). The importer validates and stores whatever an adapter yields with the same rules as a
 * CSV upload, so an adapter only has to fetch.
 */
export interface MarketFeedAdapter {
  /** Shown in responses and logs, e.g. `sample`. */
  readonly name: string;
  /**
   * Bars with open times in [from, to] (epoch ms, inclusive), ascending, in batches: one bar per
   * iteration would make a million-bar import pay a million awaits.
   */
  fetchBars(symbol: string, timeframe: Timeframe, from: number, to: number): AsyncIterable<Bar[]>;
}
