import { runBacktest } from './backtest.engine';
import { Sma } from './moving-average.indicator';
import type { Bar, Strategy, StrategyContext } from './strategy.types';

const DAY = 86_400_000;
/** Bars from [open, high, low, close] tuples, one per day. */
const bars = (rows: [number, number, number, number][], start = 0): Bar[] =>
  rows.map(([open, high, low, close], i) => ({ time: (start + i) * DAY, open, high, low, close, volume: 1000 }));
/** Runs `script[i]` on the i-th bar. */
const scripted = (script: Record<number, (ctx: StrategyContext) => void>): Strategy => {
  let i = 0;
  return { onBar: (ctx) => script[i++]?.(ctx) };
};

describe('runBacktest', () => {
  it('fills a market order decided on bar t at the open of bar t+1', () => {
    const data = bars([
      [10, 11, 9, 10],
      [12, 13, 11, 12],
      [14, 15, 13, 14],
    ]);
    const r = runBacktest(scripted({ 0: (c) => c.buy(10) }), { bars: { X: data }, capital: 1000 });
    expect(r.fills).toEqual([expect.objectContaining({ time: DAY, price: 12, qty: 10, side: 'buy' })]);
    expect(r.equity.map((p) => p.equity)).toEqual([1000, 1000, 1020]); // 880 cash + 10 * close
  });

  it('a strategy peeking at the current close cannot profit from it', () => {
    // Every bar opens at 100 and closes at 110; the gain is only inside the bar. A strategy that
    // sees the close and buys "this" bar would win 10 per bar if it could fill at the open it
    // already passed; here it fills at the next open (100) and exits at the one after (100).
    const data = bars(Array.from({ length: 20 }, () => [100, 111, 99, 110] as [number, number, number, number]));
    const seenLengths: number[] = [];
    const decidedAt: number[] = [];
    const peeker: Strategy = {
      onBar(ctx) {
        const h = ctx.history();
        seenLengths.push(h.length);
        expect(h[h.length - 1]).toEqual(ctx.bar); // the newest visible bar is the current one
        if (ctx.position().qty > 0) ctx.sell(10);
        else if (ctx.bar.close > ctx.bar.open) ctx.buy(10);
        else return;
        decidedAt.push(ctx.bar.time);
      },
    };
    const r = runBacktest(peeker, { bars: { X: data }, capital: 10_000 });
    expect(seenLengths).toEqual(data.map((_, i) => i + 1));
    expect(r.trades.length).toBeGreaterThan(5);
    for (const t of r.trades) expect(t.pnl).toBe(0);
    for (const f of r.fills) expect(f.price).toBe(100);
    // Each order fills exactly one bar after the bar it was decided on.
    r.fills.forEach((f, i) => expect(f.time).toBe(decidedAt[i] + DAY));
    // The only equity left over is the mark of a position still open at the last close.
    const open = r.fills.length % 2 === 1 ? 10 * (110 - 100) : 0;
    expect(r.equity[r.equity.length - 1].equity).toBe(10_000 + open);
  });

  it('keeps limit and stop orders pending until a later bar reaches them', () => {
    const data = bars([
      [100, 101, 99, 100],
      [100, 101, 97, 98], // buy limit 95 not reached; sell stop 90 not reached
      [97, 98, 94, 96], // buy limit fills at 95
      [96, 97, 89, 90], // sell stop fills at 90
    ]);
    const r = runBacktest(
      scripted({
        0: (c) => c.buy(10, { type: 'limit', limitPrice: 95 }),
        2: (c) => c.sell(10, { type: 'stop', stopPrice: 90 }),
      }),
      { bars: { X: data }, capital: 10_000 },
    );
    expect(r.fills.map((f) => [f.time / DAY, f.side, f.price])).toEqual([
      [2, 'buy', 95],
      [3, 'sell', 90],
    ]);
    expect(r.trades[0]).toMatchObject({ direction: 'long', entryPrice: 95, exitPrice: 90, pnl: -50 });
  });

  it('books short P&L: selling high and covering low gains, a rising price loses', () => {
    const data = bars([
      [100, 100, 100, 100],
      [100, 101, 99, 110],
      [90, 91, 89, 90],
      [90, 91, 89, 90],
    ]);
    const r = runBacktest(scripted({ 0: (c) => c.sell(10), 2: (c) => c.buy(10) }), { bars: { X: data }, capital: 10_000 });
    // Short 10 at 100: marked at 110 the equity is 10,000 - 100.
    expect(r.equity.map((p) => p.equity)).toEqual([10_000, 9_900, 10_100, 10_100]);
    expect(r.trades).toEqual([expect.objectContaining({ direction: 'short', entryPrice: 100, exitPrice: 90, pnl: 100, qty: 10 })]);
  });

  it('applies slippage to the fill price and commission to cash and trade P&L', () => {
    const data = bars([
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [110, 110, 110, 110],
      [110, 110, 110, 110],
    ]);
    const r = runBacktest(scripted({ 0: (c) => c.buy(10), 1: (c) => c.sell(10) }), {
      bars: { X: data },
      capital: 10_000,
      commission: { rate: 0.001 },
      slippage: { rate: 0.01 },
    });
    // buy at 100 * 1.01 = 101, commission 1.01; sell at 110 * 0.99 = 108.9, commission 1.089
    expect(r.fills.map((f) => f.price)).toEqual([expect.closeTo(101, 12), expect.closeTo(108.9, 12)]);
    expect(r.fills.map((f) => f.commission)).toEqual([expect.closeTo(1.01, 12), expect.closeTo(1.089, 12)]);
    const pnl = (108.9 - 101) * 10 - 1.01 - 1.089;
    expect(r.trades[0].pnl).toBeCloseTo(pnl, 9);
    expect(r.equity[r.equity.length - 1].equity).toBeCloseTo(10_000 + pnl, 9);
  });

  it('splits a reversal into a closed long and a new short', () => {
    const data = bars([
      [10, 10, 10, 10],
      [10, 10, 10, 10],
      [12, 12, 12, 12],
      [11, 11, 11, 11],
    ]);
    const r = runBacktest(scripted({ 0: (c) => c.targetPosition(5), 1: (c) => c.targetPosition(-5) }), { bars: { X: data }, capital: 1000 });
    expect(r.fills.map((f) => [f.side, f.qty])).toEqual([
      ['buy', 5],
      ['sell', 10],
    ]);
    expect(r.trades).toEqual([expect.objectContaining({ direction: 'long', pnl: 10 })]);
    expect(r.equity[3].equity).toBe(1000 + 10 + 5); // short 5 from 12 marked at 11
  });

  it('runs several symbols in one portfolio and reports buy-and-hold', () => {
    const a = bars([
      [10, 10, 10, 10],
      [10, 10, 10, 10],
      [20, 20, 20, 20],
    ]);
    const b = bars([
      [50, 50, 50, 50],
      [50, 50, 50, 50],
      [40, 40, 40, 40],
    ]);
    const strategy: Strategy = {
      onBar(ctx) {
        if (ctx.history().length === 1) ctx.buy(ctx.symbol === 'A' ? 10 : 2);
        expect(ctx.history(5, 'A').length).toBe(ctx.history().length);
      },
    };
    const r = runBacktest(strategy, { bars: { A: a, B: b }, capital: 1000 });
    expect(r.fills.map((f) => f.symbol).sort()).toEqual(['A', 'B']);
    expect(r.equity.map((p) => p.equity)).toEqual([1000, 1000, 1000 + 100 - 20]);
    expect(r.metrics.buyAndHoldReturn).toBeCloseTo((1 + -0.2) / 2, 12);
    expect(r.metrics.exposure).toBeCloseTo(2 / 3, 12);
    expect(r.drawdown.map((d) => d.drawdown)).toEqual([0, 0, 0]);
  });

  it('records signals, passes params and supports cancel', () => {
    const data = bars([
      [10, 10, 10, 10],
      [10, 10, 10, 10],
      [10, 10, 10, 10],
    ]);
    const r = runBacktest(
      scripted({
        0: (c) => {
          c.signal('hello', { n: c.params.n });
          const id = c.buy(1, { type: 'limit', limitPrice: 5 });
          expect(c.cancel(id)).toBe(true);
        },
      }),
      { bars: { X: data }, capital: 100, params: { n: 3 } },
    );
    expect(r.signals).toEqual([{ time: 0, symbol: 'X', name: 'hello', data: { n: 3 } }]);
    expect(r.fills).toEqual([]);
  });

  it('runs an SMA crossover written against the SDK with streaming indicators in state', () => {
    const closes = [10, 11, 12, 13, 14, 13, 12, 11, 10];
    const data = bars(closes.map((c) => [c, c, c, c]));
    const crossover: Strategy<{ fast: number; slow: number; qty: number }> = {
      init(ctx) {
        ctx.state.fast = new Sma(ctx.params.fast);
        ctx.state.slow = new Sma(ctx.params.slow);
      },
      onBar(ctx) {
        const f = (ctx.state.fast as Sma).update(ctx.bar.close);
        const s = (ctx.state.slow as Sma).update(ctx.bar.close);
        if (f !== undefined && s !== undefined) ctx.targetPosition(f > s ? ctx.params.qty : 0);
      },
    };
    const r = runBacktest(crossover, { bars: { X: data }, capital: 1000, params: { fast: 2, slow: 3, qty: 10 } });
    // Bar 2: SMA2 11.5 > SMA3 11 -> long at bar 3's open (13); bar 6: 12.5 < 13 -> out at bar 7's open (11).
    expect(r.trades).toEqual([expect.objectContaining({ direction: 'long', entryTime: 3 * DAY, exitTime: 7 * DAY, entryPrice: 13, exitPrice: 11, pnl: -20 })]);
    expect(r.metrics.trades).toBe(1);
    expect(r.metrics.totalReturn).toBeCloseTo(-0.02, 12);
    expect(r.metrics.buyAndHoldReturn).toBe(0);
  });

  it('rejects unsorted bars and unknown symbols', () => {
    const data = bars([
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    expect(() => runBacktest({ onBar: () => undefined }, { bars: { X: [...data].reverse() }, capital: 1 })).toThrow(/ascending/);
    expect(() => runBacktest(scripted({ 0: (c) => c.order({ symbol: 'Y', side: 'buy', qty: 1 }) }), { bars: { X: data }, capital: 1 })).toThrow(/unknown symbol/);
  });
});
