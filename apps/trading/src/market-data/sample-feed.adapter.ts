import type { Bar } from '@wealist/trading-sdk';
import type { MarketFeedAdapter } from './market-feed.adapter';
import { timeframeMs, type Timeframe } from './market-data.types';

export interface SampleFeedOptions {
  /** Same seed (and the same other options) → the same bars, bit for bit. */
  seed: number;
  startPrice: number;
  /** Annualised volatility, e.g. 0.3 for 30 %; scaled to the bar size. */
  volatility: number;
  /** Bars per yielded batch. */
  batchSize?: number;
}

const YEAR_MS = 365.25 * 86_400_000;
const MIN_PRICE = 0.0001;

/** mulberry32: a tiny, fast 32-bit PRNG; deterministic across platforms because it is integer maths. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function round4(price: number): number {
  return Math.max(MIN_PRICE, Math.round(price * 10_000) / 10_000);
}

/**
 * Built-in feed: a seeded geometric random walk with consistent OHLC (high/low wrap open and
 * close) and volume that rises with the size of the move. Bars are continuous (24/7, no
 * weekends), so a freshly generated series has no gaps and is ready to backtest.
 */
export class SampleFeedAdapter implements MarketFeedAdapter {
  readonly name = 'sample';

  constructor(private readonly options: SampleFeedOptions) {}

  async *fetchBars(_symbol: string, timeframe: Timeframe, from: number, to: number): AsyncIterable<Bar[]> {
    const step = timeframeMs(timeframe);
    const sigma = this.options.volatility * Math.sqrt(step / YEAR_MS);
    const batchSize = this.options.batchSize ?? 10_000;
    const random = mulberry32(this.options.seed);
    // Box-Muller; 1 - random() keeps the log away from 0.
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    let price = this.options.startPrice;
    let batch: Bar[] = [];
    const start = Math.ceil(from / step) * step;
    for (let time = start; time <= to; time += step) {
      const open = round4(price);
      const move = sigma * normal();
      price = Math.max(MIN_PRICE, price * Math.exp(move - (sigma * sigma) / 2));
      const close = round4(price);
      const high = Math.max(open, close, round4(Math.max(open, close) * Math.exp(Math.abs(sigma * normal()) * 0.5)));
      const low = Math.min(open, close, round4(Math.min(open, close) * Math.exp(-Math.abs(sigma * normal()) * 0.5)));
      const surprise = sigma > 0 ? Math.abs(move) / sigma : 0;
      const volume = Math.round(1_000 * (1 + surprise) * Math.exp(0.4 * normal()));
      batch.push({ time, open, high, low, close, volume });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}
