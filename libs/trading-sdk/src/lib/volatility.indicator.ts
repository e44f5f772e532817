// Bollinger bands and ATR as streaming classes with batch helpers.
import type { Bar } from './strategy.types';

export interface BollingerValue {
  middle: number;
  upper: number;
  lower: number;
}

/**
 * Bollinger bands: SMA(period) +/- k population standard deviations of the same window.
 * Running sums of x and x^2 keep updates O(1).
 */
export class Bollinger {
  private readonly window: number[];
  private next = 0;
  private count = 0;
  private sum = 0;
  private sumSq = 0;
  value: BollingerValue | undefined;

  constructor(
    readonly period = 20,
    readonly k = 2,
  ) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a positive integer, got ${period}`);
    this.window = new Array<number>(period).fill(0);
  }

  update(x: number): BollingerValue | undefined {
    const old = this.window[this.next];
    this.sum += x - old;
    this.sumSq += x * x - old * old;
    this.window[this.next] = x;
    this.next = (this.next + 1) % this.period;
    if (this.count < this.period) this.count++;
    if (this.count < this.period) return undefined;
    const mean = this.sum / this.period;
    // Rounding in the running sums can leave a tiny negative variance on flat series.
    const sd = Math.sqrt(Math.max(0, this.sumSq / this.period - mean * mean));
    this.value = { middle: mean, upper: mean + this.k * sd, lower: mean - this.k * sd };
    return this.value;
  }
}

/** Average true range with Wilder smoothing; the first true range is high - low (no previous close). */
export class Atr {
  private prevClose: number | undefined;
  private count = 0;
  private acc = 0;
  value: number | undefined;

  constructor(readonly period = 14) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a positive integer, got ${period}`);
  }

  update(bar: Pick<Bar, 'high' | 'low' | 'close'>): number | undefined {
    const pc = this.prevClose;
    const tr =
      pc === undefined ? bar.high - bar.low : Math.max(bar.high - bar.low, Math.abs(bar.high - pc), Math.abs(bar.low - pc));
    this.prevClose = bar.close;
    this.count++;
    if (this.count <= this.period) {
      this.acc += tr;
      if (this.count === this.period) this.value = this.acc / this.period;
    } else {
      this.value = ((this.value as number) * (this.period - 1) + tr) / this.period;
    }
    return this.value;
  }
}

export function bollinger(values: readonly number[], period = 20, k = 2): (BollingerValue | undefined)[] {
  const b = new Bollinger(period, k);
  return values.map((v) => b.update(v));
}

export function atr(bars: readonly Pick<Bar, 'high' | 'low' | 'close'>[], period = 14): (number | undefined)[] {
  const a = new Atr(period);
  return bars.map((b) => a.update(b));
}
