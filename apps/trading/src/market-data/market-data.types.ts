import type { Bar } from '@wealist/trading-sdk';

/** Bar sizes the service stores; bars are aligned to multiples of the size since the epoch (UTC). */
export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

export function isTimeframe(value: unknown): value is Timeframe {
  return typeof value === 'string' && (TIMEFRAMES as readonly string[]).includes(value);
}

/** Length of one bar in milliseconds. */
export function timeframeMs(tf: Timeframe | string): number {
  if (!isTimeframe(tf)) throw new Error(`unknown timeframe ${String(tf)}`);
  return TIMEFRAME_MS[tf];
}

export const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9.\-_/]{0,31}$/;

/** `' aapl '` → `'AAPL'`; null when the result is not a valid symbol. */
export function normalizeSymbol(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const symbol = raw.trim().toUpperCase();
  return SYMBOL_PATTERN.test(symbol) ? symbol : null;
}

/** Latest bar open time we accept (year 9999): keeps every time a safe integer and a valid Date. */
export const MAX_BAR_TIME = 253_402_214_400_000;

/** A bar of one symbol, as merged streams over several symbols deliver it. */
export type BarRow = Bar & { symbol: string };

/** One stored series (symbol × timeframe) of a workspace. */
export interface SeriesSummary {
  symbol: string;
  timeframe: Timeframe;
  first: number;
  last: number;
  count: number;
}

/** A run of missing bars between two stored ones: `from`/`to` are the open times of the first and last missing bar. */
export interface Gap {
  from: number;
  to: number;
  missingBars: number;
}

/**
 * What is wrong with a bar, or null when it is fine: finite positive prices, non-negative volume,
 * high the highest and low the lowest of the four prices, time aligned to the timeframe.
 */
export function barProblem(bar: Bar, tfMs: number): string | null {
  const { time, open, high, low, close, volume } = bar;
  if (!Number.isSafeInteger(time) || time < 0 || time > MAX_BAR_TIME) return `time ${String(time)} is not a valid epoch-ms timestamp`;
  if (time % tfMs !== 0) return `time ${new Date(time).toISOString()} is not aligned to the timeframe (${tfMs / 60_000} min bars start at multiples of it, UTC)`;
  for (const [name, value] of [['open', open], ['high', high], ['low', low], ['close', close]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} is not a number`;
    if (value <= 0) return `${name} must be positive (got ${value})`;
  }
  if (typeof volume !== 'number' || !Number.isFinite(volume)) return 'volume is not a number';
  if (volume < 0) return `volume must not be negative (got ${volume})`;
  if (high < Math.max(open, close, low)) return `high ${high} is below max(open, close, low) ${Math.max(open, close, low)}`;
  if (low > Math.min(open, close, high)) return `low ${low} is above min(open, close, high) ${Math.min(open, close, high)}`;
  return null;
}

/**
 * Gaps between consecutive ascending times at the timeframe's spacing. Only the first `cap` are
 * listed; `total` counts all of them. Daily bars report weekends and holidays too: the service
 * knows no exchange calendars, so it reports what is missing and leaves the judgement to the user.
 */
export function findGaps(times: ArrayLike<number>, tfMs: number, cap = 100): { gaps: Gap[]; total: number; missingBars: number } {
  const gaps: Gap[] = [];
  let total = 0;
  let missingBars = 0;
  for (let i = 1; i < times.length; i++) {
    const step = times[i] - times[i - 1];
    if (step <= tfMs) continue;
    const missing = Math.round(step / tfMs) - 1;
    total++;
    missingBars += missing;
    if (gaps.length < cap) gaps.push({ from: times[i - 1] + tfMs, to: times[i] - tfMs, missingBars: missing });
  }
  return { gaps, total, missingBars };
}
