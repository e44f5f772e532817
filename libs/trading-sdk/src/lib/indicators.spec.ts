import { Ema, Sma, ema, sma } from './moving-average.indicator';
import { Macd, macd, rsi } from './oscillator.indicator';
import { atr, bollinger, Bollinger } from './volatility.indicator';

// Reference values are computed here from the textbook definitions, recomputing each window from
// scratch, so the streaming O(1) code is checked against something written differently.
const series = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const naiveSma = (xs: number[], n: number) => xs.map((_, i) => (i + 1 < n ? undefined : mean(xs.slice(i + 1 - n, i + 1))));
function naiveEma(xs: number[], n: number): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  let prev: number | undefined;
  xs.forEach((x, i) => {
    if (i + 1 < n) out.push(undefined);
    else {
      prev = prev === undefined ? mean(xs.slice(0, n)) : x * (2 / (n + 1)) + prev * (1 - 2 / (n + 1));
      out.push(prev);
    }
  });
  return out;
}
function expectClose(actual: (number | undefined)[], expected: (number | undefined)[], digits = 9) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    if (expected[i] === undefined) expect(a).toBeUndefined();
    else expect(a).toBeCloseTo(expected[i] as number, digits);
  });
}

describe('SMA', () => {
  it('averages the last n values once the window is full', () => {
    expect(sma([1, 2, 3, 4, 5, 6], 3)).toEqual([undefined, undefined, 2, 3, 4, 5]);
    expectClose(sma(series, 5), naiveSma(series, 5));
  });
  it('rejects a bad period', () => {
    expect(() => new Sma(0)).toThrow(RangeError);
    expect(() => new Sma(2.5)).toThrow(RangeError);
  });
});

describe('EMA', () => {
  it('is seeded with the SMA and then smoothed with alpha = 2/(n+1)', () => {
    // n=3: seed (1+2+3)/3 = 2, alpha 0.5: 2 + 0.5*(4-2) = 3, 3 + 0.5*(5-3) = 4.
    expect(ema([1, 2, 3, 4, 5], 3)).toEqual([undefined, undefined, 2, 3, 4]);
    expectClose(ema(series, 4), naiveEma(series, 4));
  });
  it('streams the same values as the batch helper', () => {
    const e = new Ema(5);
    expectClose(series.map((x) => e.update(x)), ema(series, 5));
  });
});

describe('RSI', () => {
  it('matches hand-computed Wilder values', () => {
    // changes +1, -1, +1, +1; n=2: avg 0.5/0.5 -> 50; (0.5+1)/2=0.75 vs 0.25 -> 75; 0.875 vs 0.125 -> 87.5
    expectClose(rsi([1, 2, 1, 2, 3], 2), [undefined, undefined, 50, 75, 87.5]);
  });
  it('matches an independent computation on a longer series', () => {
    const n = 5;
    const changes = series.slice(1).map((x, i) => x - series[i]);
    const expected: (number | undefined)[] = [undefined];
    let g = 0;
    let l = 0;
    changes.forEach((c, i) => {
      if (i + 1 < n) return expected.push(undefined);
      if (i + 1 === n) {
        g = mean(changes.slice(0, n).map((d) => Math.max(d, 0)));
        l = mean(changes.slice(0, n).map((d) => Math.max(-d, 0)));
      } else {
        g = (g * (n - 1) + Math.max(c, 0)) / n;
        l = (l * (n - 1) + Math.max(-c, 0)) / n;
      }
      expected.push((100 * g) / (g + l)); // same as 100 - 100/(1+g/l)
    });
    expectClose(rsi(series, n), expected);
  });
  it('is 100 with no losses and 50 on a flat series', () => {
    expect(rsi([1, 2, 3], 2)[2]).toBe(100);
    expect(rsi([5, 5, 5], 2)[2]).toBe(50);
  });
});

describe('MACD', () => {
  it('is EMA(fast) - EMA(slow) with an EMA signal line', () => {
    const fast = naiveEma(series, 3);
    const slow = naiveEma(series, 6);
    const line = series.map((_, i) => (slow[i] === undefined ? undefined : (fast[i] as number) - (slow[i] as number)));
    const defined = line.filter((x): x is number => x !== undefined);
    const signal = [...line.slice(0, line.length - defined.length), ...naiveEma(defined, 4)];
    const out = macd(series, 3, 6, 4);
    expectClose(out.map((v) => v?.macd), line);
    expectClose(out.map((v) => v?.signal), signal);
    expectClose(
      out.map((v) => v?.histogram),
      line.map((m, i) => (signal[i] === undefined ? undefined : (m as number) - (signal[i] as number))),
    );
  });
  it('requires fast < slow', () => {
    expect(() => new Macd(26, 12)).toThrow(RangeError);
  });
});

describe('Bollinger bands', () => {
  it('are SMA +/- k population standard deviations', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, population sd 2.
    const b = new Bollinger(8, 2);
    let v;
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) v = b.update(x);
    expect(v).toEqual({ middle: 5, upper: 9, lower: 1 });
  });
  it('match an independent windowed computation', () => {
    const n = 5;
    const out = bollinger(series, n, 1.5);
    series.forEach((_, i) => {
      if (i + 1 < n) return expect(out[i]).toBeUndefined();
      const w = series.slice(i + 1 - n, i + 1);
      const m = mean(w);
      const sd = Math.sqrt(mean(w.map((x) => (x - m) ** 2)));
      expect(out[i]?.middle).toBeCloseTo(m, 9);
      expect(out[i]?.upper).toBeCloseTo(m + 1.5 * sd, 9);
      expect(out[i]?.lower).toBeCloseTo(m - 1.5 * sd, 9);
    });
  });
  it('do not go NaN on a flat series', () => {
    expect(bollinger([3, 3, 3], 3)[2]).toEqual({ middle: 3, upper: 3, lower: 3 });
  });
});

describe('ATR', () => {
  it('uses the true range (gaps included) with Wilder smoothing', () => {
    const bars = [
      { high: 10, low: 8, close: 9 }, // TR 2 (no previous close)
      { high: 12, low: 10, close: 11 }, // TR max(2, |12-9|, |10-9|) = 3
      { high: 11, low: 7, close: 8 }, // TR max(4, 0, 4) = 4
      { high: 8.5, low: 8, close: 8.2 }, // TR 0.5
    ];
    // n=2: first ATR = (2+3)/2 = 2.5; then (2.5+4)/2 = 3.25; then (3.25+0.5)/2 = 1.875
    expectClose(atr(bars, 2), [undefined, 2.5, 3.25, 1.875]);
  });
});
