// The event-driven backtest as a session that takes bars one at a time, in time order, so a
// sandbox can feed it in batches without holding the whole data set twice. Per timestamp:
// pending orders fill against the new bars (they were decided on earlier bars), equity is
// marked at the close, then the strategy sees the closed bars and may order for later bars.
// A strategy therefore never trades at a price it has already seen close: no look-ahead.
import { BarColumns, NumberColumn } from './bar-columns';
import { commissionModel, slippageModel, type CommissionModel, type CommissionSpec, type SlippageModel, type SlippageSpec } from './cost.model';
import { fillPrice, validateOrder } from './fill.rules';
import { computeCurveMetrics, YEAR_MS, type BacktestMetrics, type EquityPoint } from './metrics';
import { Portfolio, type Fill, type Trade } from './portfolio';
import type { Bar, Order, OrderRequest, Position, Signal, Strategy, StrategyContext, StrategyParams } from './strategy.types';

export interface SessionOptions<P extends StrategyParams = StrategyParams> {
  symbols: readonly string[];
  capital: number;
  params?: P;
  commission?: CommissionSpec;
  slippage?: SlippageSpec;
  /**
   * Bars per year for annualizing volatility, Sharpe and Sortino (252 for daily stock bars);
   * 'observed': timestamps per calendar year in the data itself (right for any market hours).
   */
  periodsPerYear?: number | 'observed';
  riskFreeRate?: number;
  /** Longer curves are downsampled to about this many points in the result (metrics use all). */
  maxCurvePoints?: number;
  /** Most trades, fills and signals listed in the result (the newest are kept; totals count all). */
  maxListed?: number;
  /** Largest JSON size of one signal's data. */
  maxSignalBytes?: number;
  /** Bars expected in all (a sizing hint: columns are allocated once instead of doubling). */
  expectedBars?: number;
}

export interface BacktestResult {
  equity: EquityPoint[];
  drawdown: { time: number; drawdown: number }[];
  trades: Trade[];
  fills: Fill[];
  signals: Signal[];
  /** Positions still open after the last bar, marked at their last close. */
  openPositions: (Position & { lastPrice: number; unrealizedPnl: number })[];
  totals: { bars: number; trades: number; fills: number; signals: number };
  metrics: BacktestMetrics;
}

export class BacktestSession<P extends StrategyParams = StrategyParams> {
  private readonly symbols: readonly string[];
  private readonly columns: BarColumns[];
  private readonly index = new Map<string, number>();
  private readonly commission: CommissionModel;
  private readonly slippage: SlippageModel;
  private readonly portfolio: Portfolio;
  private readonly pending: Order[] = [];
  private readonly signals: Signal[] = [];
  private signalCount = 0;
  /** Last close per symbol index (NaN before its first bar). */
  private readonly lastClose: Float64Array;
  private readonly firstClose: number[];
  private readonly times: NumberColumn;
  private readonly equity: NumberColumn;
  /** Symbol indexes with a bar at the current timestamp (each at most once). */
  private readonly group: Int32Array;
  private groupSize = 0;
  private groupTime = -Infinity;
  private exposedBars = 0;
  private bars = 0;
  private nextId = 1;
  private initDone = false;
  private curSymbol: string;
  private curBar: Bar | undefined;
  private readonly ctx: StrategyContext<P>;

  constructor(
    private readonly strategy: Strategy<P>,
    private readonly options: SessionOptions<P>,
  ) {
    if (options.symbols.length === 0) throw new RangeError('a backtest needs at least one symbol');
    if (!(options.capital > 0)) throw new RangeError(`capital must be positive, got ${options.capital}`);
    this.symbols = options.symbols;
    this.symbols.forEach((s, i) => this.index.set(s, i));
    const expected = options.expectedBars ?? 1024;
    this.columns = this.symbols.map(() => new BarColumns(expected / this.symbols.length + 1));
    this.times = new NumberColumn(expected + 1);
    this.equity = new NumberColumn(expected + 1);
    this.lastClose = new Float64Array(this.symbols.length).fill(NaN);
    this.group = new Int32Array(this.symbols.length);
    this.firstClose = this.symbols.map(() => NaN);
    this.commission = commissionModel(options.commission);
    this.slippage = slippageModel(options.slippage);
    this.portfolio = new Portfolio(options.capital);
    this.curSymbol = this.symbols[0];
    this.ctx = this.context((options.params ?? {}) as P);
  }

  /** Adds the next bar of symbol number `k`; bars must come in time order across all symbols. */
  push(index: number, time: number, open: number, high: number, low: number, close: number, volume: number): void {
    // Indexes often arrive as doubles (Float64Array rows); integer indexing keeps the fast path.
    const k = index | 0;
    const cols = this.columns[k];
    if (cols === undefined) throw new RangeError(`unknown symbol index ${k}`);
    if (time < this.groupTime) throw new RangeError(`bars are not in time order: ${this.symbols[k]} at ${time} after ${this.groupTime}`);
    if (time > this.groupTime) {
      this.flush();
      this.groupTime = time;
    } else if (cols.length > 0 && cols.time[cols.length - 1] === time) {
      throw new RangeError(`duplicate bar of ${this.symbols[k]} at ${time}`);
    }
    const symbol = this.symbols[k];
    const pending = this.pending;
    if (pending.length > 0) {
      const bar: Bar = { time, open, high, low, close, volume };
      // Orders stay pending (good-till-cancelled) until a later bar of their symbol fills them.
      for (let i = 0; i < pending.length; i++) {
        const o = pending[i];
        if (o.symbol !== symbol || o.createdAt >= time) continue;
        const raw = fillPrice(o, bar);
        if (raw === undefined) continue;
        const price = this.slippage.apply(o.side, raw);
        this.portfolio.apply({ orderId: o.id, time, symbol, side: o.side, qty: o.qty, price, commission: this.commission.commission(o.qty, price) });
        pending.splice(i--, 1);
      }
    }
    cols.push(time, open, high, low, close, volume);
    if (cols.length === 1) this.firstClose[k] = close;
    this.lastClose[k] = close;
    this.group[this.groupSize++] = k;
    this.bars++;
  }

  get barsProcessed(): number {
    return this.bars;
  }

  finish(): BacktestResult {
    this.flush();
    const times = this.times.view();
    const values = this.equity.view();
    const portfolio = this.portfolio;
    const metrics = computeCurveMetrics({
      times,
      values,
      trades: portfolio.trades,
      periodsPerYear: this.periodsPerYear(times),
      riskFreeRate: this.options.riskFreeRate ?? 0,
      exposure: values.length === 0 ? 0 : this.exposedBars / values.length,
      buyAndHoldReturn: this.buyAndHold(),
    });
    const listed = this.options.maxListed ?? Infinity;
    const newest = <T>(xs: T[]): T[] => (xs.length > listed ? xs.slice(xs.length - listed) : xs);
    return {
      ...sampleCurves(times, values, this.options.maxCurvePoints ?? Infinity),
      trades: newest(portfolio.trades),
      fills: newest(portfolio.fills),
      signals: this.signals,
      openPositions: portfolio.allPositions().map((p) => {
        const k = this.index.get(p.symbol) as number;
        const lastPrice = Number.isNaN(this.lastClose[k]) ? p.avgPrice : this.lastClose[k];
        return { ...p, lastPrice, unrealizedPnl: (lastPrice - p.avgPrice) * p.qty };
      }),
      totals: { bars: this.bars, trades: portfolio.trades.length, fills: portfolio.fills.length, signals: this.signalCount },
      metrics,
    };
  }

  private periodsPerYear(times: Float64Array): number {
    const given = this.options.periodsPerYear ?? 252;
    if (given !== 'observed') return given;
    const span = times.length > 1 ? times[times.length - 1] - times[0] : 0;
    return span > 0 ? ((times.length - 1) * YEAR_MS) / span : 252;
  }

  /** Closes the current timestamp: mark equity, then let the strategy see each of its bars. */
  private flush(): void {
    const group = this.group;
    const size = this.groupSize;
    if (size === 0) return;
    this.times.push(this.groupTime);
    this.equity.push(this.markToMarket());
    if (this.exposed) this.exposedBars++;
    for (let g = 0; g < size; g++) {
      const k = group[g];
      const cols = this.columns[k];
      this.curSymbol = this.symbols[k];
      this.curBar = cols.at(cols.length - 1);
      if (!this.initDone) {
        this.initDone = true;
        this.strategy.init?.(this.ctx);
      }
      this.strategy.onBar(this.ctx);
    }
    this.groupSize = 0;
  }

  private exposed = false;

  /** Cash plus every position at its last close; also notes whether anything is held. */
  private markToMarket(): number {
    let value = this.portfolio.cash;
    let exposed = false;
    for (let k = 0; k < this.symbols.length; k++) {
      const qty = this.portfolio.qtyOf(this.symbols[k]);
      if (qty !== 0) {
        exposed = true;
        value += qty * this.lastClose[k];
      }
    }
    this.exposed = exposed;
    return value;
  }

  private place(req: OrderRequest): number {
    // One object shape for every order (no spread): the fill loop stays monomorphic.
    const order: Order = {
      id: this.nextId++,
      symbol: req.symbol,
      side: req.side,
      qty: req.qty,
      type: req.type ?? 'market',
      limitPrice: req.limitPrice,
      stopPrice: req.stopPrice,
      createdAt: (this.curBar as Bar).time,
    };
    validateOrder(order);
    if (!this.index.has(order.symbol)) throw new RangeError(`unknown symbol ${order.symbol}`);
    this.pending.push(order);
    return order.id;
  }

  private context(params: P): StrategyContext<P> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the context's getters read the session's live state
    const self = this;
    const state: Record<string, unknown> = {};
    return {
      get symbol() {
        return self.curSymbol;
      },
      get bar() {
        return self.curBar as Bar;
      },
      params,
      get cash() {
        return self.portfolio.cash;
      },
      get equity() {
        return self.markToMarket();
      },
      state,
      history(lookback, symbol = self.curSymbol) {
        const k = self.index.get(symbol);
        if (k === undefined) throw new RangeError(`unknown symbol ${symbol}`);
        return self.columns[k].tail(lookback);
      },
      position: (symbol = self.curSymbol) => self.portfolio.position(symbol),
      order: (req) => self.place(req),
      buy: (qty, opts) => self.place({ symbol: self.curSymbol, ...opts, side: 'buy', qty }),
      sell: (qty, opts) => self.place({ symbol: self.curSymbol, ...opts, side: 'sell', qty }),
      targetPosition(qty, symbol = self.curSymbol) {
        const diff = qty - self.portfolio.position(symbol).qty;
        if (diff === 0) return undefined;
        return self.place({ symbol, side: diff > 0 ? 'buy' : 'sell', qty: Math.abs(diff) });
      },
      cancel(id) {
        const i = self.pending.findIndex((o) => o.id === id);
        if (i >= 0) self.pending.splice(i, 1);
        return i >= 0;
      },
      cancelAll(symbol) {
        const p = self.pending;
        for (let i = p.length - 1; i >= 0; i--) if (symbol === undefined || p[i].symbol === symbol) p.splice(i, 1);
      },
      signal(name, data) {
        checkSignalData(data, self.options.maxSignalBytes);
        self.signalCount++;
        if (self.signals.length < (self.options.maxListed ?? Infinity)) {
          self.signals.push({ time: (self.curBar as Bar).time, symbol: self.curSymbol, name: String(name), data });
        }
      },
    };
  }

  /** Equal-weight average of each symbol's first-close-to-last-close return (the earliest a strategy can act on). */
  private buyAndHold(): number {
    let sum = 0;
    let n = 0;
    this.columns.forEach((c, k) => {
      if (c.length === 0) return;
      sum += c.close[c.length - 1] / this.firstClose[k] - 1;
      n++;
    });
    return n === 0 ? 0 : sum / n;
  }
}

/** Signal data must be JSON and small: it is stored and pushed to every subscriber. */
export function checkSignalData(data: unknown, maxBytes = Infinity): void {
  if (data === undefined) return;
  const json = JSON.stringify(data);
  if (json === undefined) throw new TypeError('signal data must be JSON-serializable');
  if (json.length > maxBytes) throw new RangeError(`signal data is ${json.length} bytes, more than the ${maxBytes} allowed`);
}

/**
 * Equity and drawdown curves, downsampled to about `max` points when longer: each bucket keeps
 * its last equity value and its deepest drawdown, so the worst drawdown stays visible.
 */
export function sampleCurves(times: Float64Array, values: Float64Array, max: number): Pick<BacktestResult, 'equity' | 'drawdown'> {
  const n = values.length;
  const bucket = n > max ? Math.ceil(n / Math.max(1, max)) : 1;
  const equity: EquityPoint[] = [];
  const drawdown: { time: number; drawdown: number }[] = [];
  let peak = -Infinity;
  let worst = 0;
  let worstTime = 0;
  let fresh = true;
  for (let i = 0; i < n; i++) {
    peak = Math.max(peak, values[i]);
    const dd = values[i] / peak - 1;
    if (fresh || dd < worst) {
      worst = dd;
      worstTime = times[i];
      fresh = false;
    }
    if ((i + 1) % bucket === 0 || i === n - 1) {
      equity.push({ time: times[i], equity: values[i] });
      drawdown.push({ time: worstTime, drawdown: worst });
      fresh = true;
    }
  }
  return { equity, drawdown };
}
