// RSI and MACD as streaming classes with batch helpers.
import { Ema } from './moving-average.indicator';

/**
 * Wilder's RSI: the first averages are plain means of the first `period` changes, later ones
 * are smoothed with (prev * (period - 1) + current) / period, as in Wilder's original definition.
 */
export class Rsi {
  private prev: number | undefined;
  private changes = 0;
  private avgGain = 0;
  private avgLoss = 0;
  value: number | undefined;

  constructor(readonly period = 14) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a positive integer, got ${period}`);
  }

  update(x: number): number | undefined {
    const prev = this.prev;
    this.prev = x;
    if (prev === undefined) return undefined;
    const change = x - prev;
    const gain = Math.max(change, 0);
    const loss = Math.max(-change, 0);
    const n = this.period;
    this.changes++;
    if (this.changes <= n) {
      this.avgGain += gain / n;
      this.avgLoss += loss / n;
      if (this.changes < n) return undefined;
    } else {
      this.avgGain = (this.avgGain * (n - 1) + gain) / n;
      this.avgLoss = (this.avgLoss * (n - 1) + loss) / n;
    }
    // No losses at all means maximal strength; a flat series is neutral rather than NaN.
    if (this.avgLoss === 0) this.value = this.avgGain === 0 ? 50 : 100;
    else this.value = 100 - 100 / (1 + this.avgGain / this.avgLoss);
    return this.value;
  }
}

export interface MacdValue {
  macd: number;
  signal: number | undefined;
  histogram: number | undefined;
}

/** MACD = EMA(fast) - EMA(slow); signal = EMA(signalPeriod) of MACD; histogram = MACD - signal. */
export class Macd {
  private readonly fastEma: Ema;
  private readonly slowEma: Ema;
  private readonly signalEma: Ema;
  value: MacdValue | undefined;

  constructor(
    readonly fast = 12,
    readonly slow = 26,
    readonly signalPeriod = 9,
  ) {
    if (fast >= slow) throw new RangeError(`fast period (${fast}) must be shorter than slow (${slow})`);
    this.fastEma = new Ema(fast);
    this.slowEma = new Ema(slow);
    this.signalEma = new Ema(signalPeriod);
  }

  update(x: number): MacdValue | undefined {
    const f = this.fastEma.update(x);
    const s = this.slowEma.update(x);
    if (f === undefined || s === undefined) return undefined;
    const macd = f - s;
    const signal = this.signalEma.update(macd);
    this.value = { macd, signal, histogram: signal === undefined ? undefined : macd - signal };
    return this.value;
  }
}

export function rsi(values: readonly number[], period = 14): (number | undefined)[] {
  const r = new Rsi(period);
  return values.map((v) => r.update(v));
}

export function macd(values: readonly number[], fast = 12, slow = 26, signal = 9): (MacdValue | undefined)[] {
  const m = new Macd(fast, slow, signal);
  return values.map((v) => m.update(v));
}
