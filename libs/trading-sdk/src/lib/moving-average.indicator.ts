// Streaming moving averages: each update is O(1) so a backtest over millions of bars stays linear.

/** Simple moving average over the last `period` values (undefined until the window is full). */
export class Sma {
  private readonly window: number[];
  private next = 0;
  private count = 0;
  private sum = 0;
  value: number | undefined;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a positive integer, got ${period}`);
    this.window = new Array<number>(period).fill(0);
  }

  update(x: number): number | undefined {
    // Ring buffer: subtract the value leaving the window instead of re-summing it.
    this.sum += x - this.window[this.next];
    this.window[this.next] = x;
    this.next = (this.next + 1) % this.period;
    if (this.count < this.period) this.count++;
    this.value = this.count === this.period ? this.sum / this.period : undefined;
    return this.value;
  }
}

/**
 * Exponential moving average with alpha = 2 / (period + 1), seeded with the SMA of the first
 * `period` values (the common convention, so early values do not depend on the first bar alone).
 */
export class Ema {
  private readonly alpha: number;
  private readonly seed: Sma;
  value: number | undefined;

  constructor(readonly period: number) {
    this.seed = new Sma(period);
    this.alpha = 2 / (period + 1);
  }

  update(x: number): number | undefined {
    if (this.value === undefined) {
      this.value = this.seed.update(x);
    } else {
      this.value += this.alpha * (x - this.value);
    }
    return this.value;
  }
}

export function sma(values: readonly number[], period: number): (number | undefined)[] {
  const s = new Sma(period);
  return values.map((v) => s.update(v));
}

export function ema(values: readonly number[], period: number): (number | undefined)[] {
  const e = new Ema(period);
  return values.map((v) => e.update(v));
}
