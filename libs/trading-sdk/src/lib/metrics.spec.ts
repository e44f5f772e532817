import { computeMetrics, drawdownStats, YEAR_MS } from './metrics';
import type { Trade } from './portfolio';

// A hand-made quarterly equity path spanning exactly one year:
// 100 -> 120 -> 90 -> 108 -> 135; returns +20%, -25%, +20%, +25%.
const Q = YEAR_MS / 4;
const path = [100, 120, 90, 108, 135].map((equity, i) => ({ time: i * Q, equity }));
const trade = (pnl: number): Trade => ({
  symbol: 'X',
  direction: 'long',
  entryTime: 0,
  exitTime: 1,
  qty: 1,
  entryPrice: 1,
  exitPrice: 1,
  commission: 0,
  pnl,
});

describe('computeMetrics', () => {
  const m = computeMetrics({ equity: path, trades: [10, -5, 20, -5].map(trade), periodsPerYear: 4, exposure: 0.6, buyAndHoldReturn: 0.2 });

  it('total return and CAGR', () => {
    expect(m.totalReturn).toBeCloseTo(0.35, 12);
    expect(m.cagr).toBeCloseTo(0.35, 12); // one year exactly
    const twoYears = computeMetrics({ equity: [{ time: 0, equity: 100 }, { time: 2 * YEAR_MS, equity: 121 }], trades: [], periodsPerYear: 1 });
    expect(twoYears.cagr).toBeCloseTo(0.1, 12); // 1.1^2 = 1.21
  });

  it('max drawdown and its duration', () => {
    expect(m.maxDrawdown).toBeCloseTo(0.25, 12); // 120 -> 90
    expect(m.maxDrawdownBars).toBe(2); // under water at 90 and 108, recovered at 135
    expect(m.maxDrawdownDurationMs).toBe(2 * Q);
  });

  it('volatility, Sharpe, Sortino and Calmar', () => {
    // mean return 0.1; squared deviations .01 + .1225 + .01 + .0225 = .165; sample var .055
    const sd = Math.sqrt(0.055);
    expect(m.annualizedVolatility).toBeCloseTo(sd * 2, 12);
    expect(m.sharpe).toBeCloseTo((0.1 / sd) * 2, 12); // ~0.8528
    expect(m.sharpe).toBeCloseTo(0.852802865, 8);
    // downside deviation sqrt(0.25^2 / 4) = 0.125 -> 0.1 / 0.125 * sqrt(4) = 1.6
    expect(m.sortino).toBeCloseTo(1.6, 12);
    expect(m.calmar).toBeCloseTo(0.35 / 0.25, 12);
  });

  it('trade statistics and passthroughs', () => {
    expect(m.trades).toBe(4);
    expect(m.winRate).toBe(0.5);
    expect(m.profitFactor).toBeCloseTo(3, 12); // 30 / 10
    expect(m.expectancy).toBeCloseTo(5, 12);
    expect(m.exposure).toBe(0.6);
    expect(m.buyAndHoldReturn).toBe(0.2);
  });

  it('applies the risk-free rate per period', () => {
    const withRf = computeMetrics({ equity: path, trades: [], periodsPerYear: 4, riskFreeRate: 0.04 });
    expect(withRf.sharpe).toBeCloseTo(((0.1 - 0.01) / Math.sqrt(0.055)) * 2, 12);
  });

  it('handles degenerate inputs without NaN', () => {
    const flat = computeMetrics({ equity: [{ time: 0, equity: 100 }, { time: Q, equity: 100 }], trades: [], periodsPerYear: 4 });
    for (const v of Object.values(flat)) expect(Number.isNaN(v)).toBe(false);
    expect(computeMetrics({ equity: [], trades: [trade(5)], periodsPerYear: 252 }).profitFactor).toBe(Infinity);
  });
});

describe('drawdownStats', () => {
  it('counts a drawdown still open at the end', () => {
    const eq = [100, 110, 99, 105, 104].map((equity, i) => ({ time: i * 1000, equity }));
    expect(drawdownStats(eq)).toEqual({ maxDrawdown: expect.closeTo(0.1, 12), maxDrawdownBars: 3, maxDrawdownDurationMs: 3000 });
  });
});
