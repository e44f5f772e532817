// In-memory entry point of the backtest: merges per-symbol bar arrays by time and feeds a
// BacktestSession. The sandbox feeds the same session in batches instead.
import { BacktestSession, type BacktestResult, type SessionOptions } from './backtest.session';
import type { Bar, Strategy, StrategyParams } from './strategy.types';

export type { BacktestResult } from './backtest.session';

export interface BacktestOptions<P extends StrategyParams = StrategyParams> extends Omit<SessionOptions<P>, 'symbols'> {
  /** Bars per symbol, each sorted by time ascending. */
  bars: Record<string, readonly Bar[]>;
}

export function runBacktest<P extends StrategyParams>(strategy: Strategy<P>, options: BacktestOptions<P>): BacktestResult {
  const symbols = Object.keys(options.bars);
  for (const s of symbols) assertSorted(s, options.bars[s]);
  const session = new BacktestSession(strategy, { ...options, symbols });
  // K-way merge over the per-symbol arrays by time, without allocating per timestamp.
  const lists = symbols.map((s) => options.bars[s]);
  const cursor = symbols.map(() => 0);
  for (;;) {
    let time = Infinity;
    for (let k = 0; k < lists.length; k++) if (cursor[k] < lists[k].length) time = Math.min(time, lists[k][cursor[k]].time);
    if (time === Infinity) break;
    for (let k = 0; k < lists.length; k++) {
      if (cursor[k] >= lists[k].length || lists[k][cursor[k]].time !== time) continue;
      const b = lists[k][cursor[k]++];
      session.push(k, b.time, b.open, b.high, b.low, b.close, b.volume);
    }
  }
  return session.finish();
}

/** Equal-weight average of each symbol's first-close-to-last-close return (the earliest a strategy can act on). */
export function buyAndHold(bars: Record<string, readonly Bar[]>): number {
  const rs = Object.values(bars)
    .filter((b) => b.length > 0)
    .map((b) => b[b.length - 1].close / b[0].close - 1);
  return rs.length === 0 ? 0 : rs.reduce((a, b) => a + b, 0) / rs.length;
}

function assertSorted(symbol: string, bars: readonly Bar[]): void {
  for (let i = 1; i < bars.length; i++) {
    if (bars[i].time <= bars[i - 1].time) throw new RangeError(`bars of ${symbol} are not strictly ascending at index ${i}`);
  }
}
