// Bars of one symbol kept as columns of growable Float64Arrays: a million bars cost 48 MB here
// instead of a million objects, which matters inside a sandbox with a small heap limit.
import type { Bar } from './strategy.types';

export class BarColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  length = 0;

  /** `capacity`: bars expected, so a long backtest allocates once instead of doubling. */
  constructor(capacity = 1024) {
    const n = Math.max(16, Math.min(Math.floor(capacity), 50_000_000));
    this.time = new Float64Array(n);
    this.open = new Float64Array(n);
    this.high = new Float64Array(n);
    this.low = new Float64Array(n);
    this.close = new Float64Array(n);
    this.volume = new Float64Array(n);
  }

  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (this.length === this.time.length) this.grow();
    const i = this.length++;
    this.time[i] = time;
    this.open[i] = open;
    this.high[i] = high;
    this.low[i] = low;
    this.close[i] = close;
    this.volume[i] = volume;
  }

  at(i: number): Bar {
    return { time: this.time[i], open: this.open[i], high: this.high[i], low: this.low[i], close: this.close[i], volume: this.volume[i] };
  }

  /** The last `lookback` bars (all when undefined), oldest first, as fresh objects. */
  tail(lookback?: number): Bar[] {
    const start = lookback === undefined ? 0 : Math.max(0, this.length - Math.max(0, Math.floor(lookback)));
    const out = new Array<Bar>(this.length - start);
    for (let i = start; i < this.length; i++) out[i - start] = this.at(i);
    return out;
  }

  private grow(): void {
    const size = this.time.length * 2;
    for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      const next = new Float64Array(size);
      next.set(this[key]);
      this[key] = next;
    }
  }
}

/** A growable column of numbers (equity curve, exposure), same doubling scheme. */
export class NumberColumn {
  values: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.values = new Float64Array(Math.max(16, Math.min(Math.floor(capacity), 50_000_000)));
  }

  push(x: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = x;
  }

  view(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}
