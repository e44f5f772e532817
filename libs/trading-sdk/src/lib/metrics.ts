// Performance metrics of an equity curve and its trades. Returns are simple per-bar returns;
// annualization uses `periodsPerYear` and CAGR uses calendar time between first and last point.
import type { Trade } from './portfolio';

export interface EquityPoint {
  time: number;
  equity: number;
}

export interface BacktestMetrics {
  totalReturn: number;
  cagr: number;
  annualizedVolatility: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  /** Largest peak-to-trough loss as a positive fraction of the peak. */
  maxDrawdown: number;
  /** Longest stretch below a previous peak, in bars and in milliseconds. */
  maxDrawdownBars: number;
  maxDrawdownDurationMs: number;
  winRate: number;
  profitFactor: number;
  expectancy: number;
  exposure: number;
  trades: number;
  buyAndHoldReturn: number;
}

export interface MetricsInput {
  equity: readonly EquityPoint[];
  trades: readonly Trade[];
  periodsPerYear: number;
  riskFreeRate?: number;
  exposure?: number;
  buyAndHoldReturn?: number;
}

export const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export function computeMetrics(input: MetricsInput): BacktestMetrics {
  const times = input.equity.map((p) => p.time);
  const values = input.equity.map((p) => p.equity);
  return computeCurveMetrics({ ...input, times, values });
}

export interface CurveMetricsInput extends Omit<MetricsInput, 'equity'> {
  /** Equity curve as two parallel columns (typed arrays in the engine: no object per bar). */
  times: ArrayLike<number>;
  values: ArrayLike<number>;
}

export function computeCurveMetrics(input: CurveMetricsInput): BacktestMetrics {
  const { times, values, trades, periodsPerYear } = input;
  const rfPerPeriod = (input.riskFreeRate ?? 0) / periodsPerYear;
  const n0 = values.length;
  const totalReturn = n0 > 0 ? values[n0 - 1] / values[0] - 1 : 0;
  const years = n0 > 0 ? (times[n0 - 1] - times[0]) / YEAR_MS : 0;
  const cagr = years > 0 && values[n0 - 1] > 0 ? Math.pow(values[n0 - 1] / values[0], 1 / years) - 1 : 0;

  // One pass over the per-bar returns (no intermediate arrays: curves can be millions of bars);
  // Welford's update keeps the variance accurate where sum-of-squares would cancel.
  let n = 0;
  let avg = 0;
  let m2 = 0;
  let downSq = 0;
  for (let i = 1; i < n0; i++) {
    const r = values[i] / values[i - 1] - 1;
    n++;
    const delta = r - avg;
    avg += delta / n;
    m2 += delta * (r - avg);
    // Downside deviation over all periods (zero for positive ones), the usual Sortino target of 0.
    downSq += Math.min(r - rfPerPeriod, 0) ** 2;
  }
  const mean = n > 0 ? avg - rfPerPeriod : 0;
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  const downside = n > 0 ? Math.sqrt(downSq / n) : 0;
  const annual = Math.sqrt(periodsPerYear);

  const dd = curveDrawdownStats(times, values);
  let wins = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let pnl = 0;
  for (const t of trades) {
    pnl += t.pnl;
    if (t.pnl > 0) {
      wins++;
      grossProfit += t.pnl;
    } else if (t.pnl < 0) grossLoss -= t.pnl;
  }

  return {
    totalReturn,
    cagr,
    annualizedVolatility: sd * annual,
    sharpe: sd > 0 ? (mean / sd) * annual : 0,
    sortino: downside > 0 ? (mean / downside) * annual : 0,
    calmar: dd.maxDrawdown > 0 ? cagr / dd.maxDrawdown : 0,
    ...dd,
    winRate: trades.length ? wins / trades.length : 0,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : grossProfit > 0 ? Infinity : 0,
    expectancy: trades.length ? pnl / trades.length : 0,
    exposure: input.exposure ?? 0,
    trades: trades.length,
    buyAndHoldReturn: input.buyAndHoldReturn ?? 0,
  };
}

export function drawdownStats(equity: readonly EquityPoint[]): Pick<BacktestMetrics, 'maxDrawdown' | 'maxDrawdownBars' | 'maxDrawdownDurationMs'> {
  return curveDrawdownStats(
    equity.map((p) => p.time),
    equity.map((p) => p.equity),
  );
}

export function curveDrawdownStats(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
): Pick<BacktestMetrics, 'maxDrawdown' | 'maxDrawdownBars' | 'maxDrawdownDurationMs'> {
  let peak = -Infinity;
  let peakIndex = 0;
  let maxDrawdown = 0;
  let maxDrawdownBars = 0;
  let maxDrawdownDurationMs = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= peak) {
      peak = v;
      peakIndex = i;
    } else {
      maxDrawdown = Math.max(maxDrawdown, 1 - v / peak);
      // Duration counts from the peak to this underwater point; still open at the end counts too.
      maxDrawdownBars = Math.max(maxDrawdownBars, i - peakIndex);
      maxDrawdownDurationMs = Math.max(maxDrawdownDurationMs, times[i] - times[peakIndex]);
    }
  }
  return { maxDrawdown, maxDrawdownBars, maxDrawdownDurationMs };
}
