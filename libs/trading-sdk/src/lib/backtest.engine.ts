// Event-driven backtest over bars of one or more symbols. Per timestamp: first pending orders
// fill against the new bar (orders were decided on earlier bars), then equity is marked at the
// close, then the strategy sees the closed bar and may place orders for later bars. A strategy
// therefore never trades at a price it has already seen close: no look-ahead by construction.
import { commissionModel, slippageModel, type CommissionSpec, type SlippageSpec } from './cost.model';
import { fillPrice, validateOrder } from './fill.rules';
import { computeMetrics, type BacktestMetrics, type EquityPoint } from './metrics';
import { Portfolio, type Fill, type Trade } from './portfolio';
import type { Bar, Order, OrderRequest, Signal, Strategy, StrategyContext, StrategyParams } from './strategy.types';

export interface BacktestOptions<P extends StrategyParams = StrategyParams> {
  /** Bars per symbol, each sorted by time ascending. */
  bars: Record<string, readonly Bar[]>;
  capital: number;
  params?: P;
  commission?: CommissionSpec;
  slippage?: SlippageSpec;
  /** Bars per year for annualizing volatility, Sharpe and Sortino (252 for daily bars). */
  periodsPerYear?: number;
  riskFreeRate?: number;
}

export interface BacktestResult {
  equity: EquityPoint[];
  drawdown: { time: number; drawdown: number }[];
  trades: Trade[];
  fills: Fill[];
  signals: Signal[];
  metrics: BacktestMetrics;
}

export function runBacktest<P extends StrategyParams>(strategy: Strategy<P>, options: BacktestOptions<P>): BacktestResult {
  const symbols = Object.keys(options.bars);
  for (const s of symbols) assertSorted(s, options.bars[s]);
  const commission = commissionModel(options.commission);
  const slippage = slippageModel(options.slippage);
  const portfolio = new Portfolio(options.capital);
  const pending: Order[] = [];
  const signals: Signal[] = [];
  const lastPrice = new Map<string, number>();
  const seen = new Map<string, number>(symbols.map((s) => [s, 0]));
  const equity: EquityPoint[] = [];
  const state: Record<string, unknown> = {};
  let nextId = 1;
  let exposedBars = 0;
  let curSymbol = symbols[0];
  let curBar: Bar | undefined;

  const place = (req: OrderRequest): number => {
    const order: Order = { ...req, type: req.type ?? 'market', id: nextId++, createdAt: (curBar as Bar).time };
    validateOrder(order);
    if (!(order.symbol in options.bars)) throw new RangeError(`unknown symbol ${order.symbol}`);
    pending.push(order);
    return order.id;
  };
  const ctx: StrategyContext<P> = {
    get symbol() {
      return curSymbol;
    },
    get bar() {
      return curBar as Bar;
    },
    params: (options.params ?? {}) as P,
    get cash() {
      return portfolio.cash;
    },
    get equity() {
      return portfolio.equity(lastPrice);
    },
    state,
    history(lookback, symbol = curSymbol) {
      // Only bars already seen (up to and including the current one) are visible.
      const end = seen.get(symbol) ?? 0;
      const start = lookback === undefined ? 0 : Math.max(0, end - lookback);
      return options.bars[symbol].slice(start, end);
    },
    position: (symbol = curSymbol) => portfolio.position(symbol),
    order: place,
    buy: (qty, opts) => place({ symbol: curSymbol, ...opts, side: 'buy', qty }),
    sell: (qty, opts) => place({ symbol: curSymbol, ...opts, side: 'sell', qty }),
    targetPosition(qty, symbol = curSymbol) {
      const diff = qty - portfolio.position(symbol).qty;
      if (diff === 0) return undefined;
      return place({ symbol, side: diff > 0 ? 'buy' : 'sell', qty: Math.abs(diff) });
    },
    cancel(id) {
      const i = pending.findIndex((o) => o.id === id);
      if (i >= 0) pending.splice(i, 1);
      return i >= 0;
    },
    cancelAll(symbol) {
      for (let i = pending.length - 1; i >= 0; i--) if (symbol === undefined || pending[i].symbol === symbol) pending.splice(i, 1);
    },
    signal(name, data) {
      signals.push({ time: (curBar as Bar).time, symbol: curSymbol, name, data });
    },
  };

  let initDone = false;
  // K-way merge over the per-symbol arrays by time; no per-timestamp allocation, because on a
  // million bars the garbage of grouping dominated the run time.
  const lists = symbols.map((s) => options.bars[s]);
  const cursor = symbols.map(() => 0);
  const group: number[] = [];
  for (;;) {
    let time = Infinity;
    for (let k = 0; k < lists.length; k++) if (cursor[k] < lists[k].length) time = Math.min(time, lists[k][cursor[k]].time);
    if (time === Infinity) break;
    group.length = 0;
    for (let k = 0; k < lists.length; k++) {
      if (cursor[k] >= lists[k].length || lists[k][cursor[k]].time !== time) continue;
      group.push(k);
      const symbol = symbols[k];
      const bar = lists[k][cursor[k]++];
      // Orders stay pending (good-till-cancelled) until a later bar of their symbol fills them.
      for (let i = 0; i < pending.length; i++) {
        const o = pending[i];
        if (o.symbol !== symbol || o.createdAt >= bar.time) continue;
        const raw = fillPrice(o, bar);
        if (raw === undefined) continue;
        const price = slippage.apply(o.side, raw);
        portfolio.apply({ orderId: o.id, time: bar.time, symbol, side: o.side, qty: o.qty, price, commission: commission.commission(o.qty, price) });
        pending.splice(i--, 1);
      }
      lastPrice.set(symbol, bar.close);
      seen.set(symbol, cursor[k]);
    }
    equity.push({ time, equity: portfolio.equity(lastPrice) });
    if (portfolio.hasPositions()) exposedBars++;
    for (const k of group) {
      curSymbol = symbols[k];
      curBar = lists[k][cursor[k] - 1];
      if (!initDone) {
        initDone = true;
        strategy.init?.(ctx);
      }
      strategy.onBar(ctx);
    }
  }

  const metrics = computeMetrics({
    equity,
    trades: portfolio.trades,
    periodsPerYear: options.periodsPerYear ?? 252,
    riskFreeRate: options.riskFreeRate ?? 0,
    exposure: equity.length === 0 ? 0 : exposedBars / equity.length,
    buyAndHoldReturn: buyAndHold(options.bars),
  });
  let peak = -Infinity;
  const drawdown = equity.map((p) => {
    peak = Math.max(peak, p.equity);
    return { time: p.time, drawdown: p.equity / peak - 1 };
  });
  return { equity, drawdown, trades: portfolio.trades, fills: portfolio.fills, signals, metrics };
}

/** Equal-weight average of each symbol's first-close-to-last-close return (the earliest a strategy can act on). */
export function buyAndHold(bars: Record<string, readonly Bar[]>): number {
  const rs = Object.values(bars)
    .filter((b) => b.length > 0)
    .map((b) => b[b.length - 1].close / b[0].close - 1);
  return rs.length === 0 ? 0 : rs.reduce((a, b) => a + b, 0) / rs.length;
}

function assertSorted(symbol: string, bars: readonly Bar[]): void {
  for (let i = 1; i < bars.length; i++) {
    if (bars[i].time <= bars[i - 1].time) throw new RangeError(`bars of ${symbol} are not strictly ascending at index ${i}`);
  }
}
