// Runs a strategy on live bars. Unlike a backtest, the account is not simulated here: the broker
// owns cash, positions and fills, and hands the strategy a view of them with every bar. The
// strategy's orders, cancels and signals for that bar are collected and returned to the broker.
import { BarColumns } from './bar-columns';
import { checkSignalData } from './backtest.session';
import { validateOrder } from './fill.rules';
import type { Bar, OrderRequest, Position, Signal, Strategy, StrategyContext, StrategyParams } from './strategy.types';

/** The account as the strategy sees it on a live bar (from the broker). */
export interface LiveAccountView {
  cash: number;
  equity: number;
  positions: Position[];
}

/** What one live bar made the strategy do. Order ids are the strategy's own (local) ids. */
export interface LiveStepResult {
  orders: (OrderRequest & { localId: number })[];
  /** Local ids of orders the strategy cancelled. */
  cancels: number[];
  /** Symbols whose open orders the strategy cancelled all of ('*': every symbol). */
  cancelAll: string[];
  signals: Signal[];
}

export interface LiveRunnerOptions<P extends StrategyParams = StrategyParams> {
  symbols: readonly string[];
  params: P;
  /** Closed bars per symbol before going live (oldest first), so indicators are warm. */
  history?: Record<string, readonly Bar[]>;
  /** Most orders plus signals one bar may produce. */
  maxActionsPerBar?: number;
  /** Largest JSON size of one signal's data (default 4 KiB). */
  maxSignalBytes?: number;
}

export class LiveRunner<P extends StrategyParams = StrategyParams> {
  private readonly columns = new Map<string, BarColumns>();
  private nextId = 1;
  private initDone = false;
  private readonly state: Record<string, unknown> = {};

  constructor(
    private readonly strategy: Strategy<P>,
    private readonly options: LiveRunnerOptions<P>,
  ) {
    for (const s of options.symbols) {
      const cols = new BarColumns();
      for (const b of options.history?.[s] ?? []) cols.push(b.time, b.open, b.high, b.low, b.close, b.volume);
      this.columns.set(s, cols);
    }
  }

  onBar(symbol: string, bar: Bar, account: LiveAccountView): LiveStepResult {
    const cols = this.columns.get(symbol);
    if (!cols) throw new RangeError(`unknown symbol ${symbol}`);
    if (cols.length > 0 && bar.time <= cols.time[cols.length - 1]) return { orders: [], cancels: [], cancelAll: [], signals: [] }; // replayed or stale bar
    cols.push(bar.time, bar.open, bar.high, bar.low, bar.close, bar.volume);
    const out: LiveStepResult = { orders: [], cancels: [], cancelAll: [], signals: [] };
    const ctx = this.context(symbol, cols.at(cols.length - 1), account, out);
    if (!this.initDone) {
      this.initDone = true;
      this.strategy.init?.(ctx);
    }
    this.strategy.onBar(ctx);
    return out;
  }

  private context(symbol: string, bar: Bar, account: LiveAccountView, out: LiveStepResult): StrategyContext<P> {
    const positions = new Map(account.positions.map((p) => [p.symbol, p]));
    const max = this.options.maxActionsPerBar ?? 100;
    const budget = () => {
      if (out.orders.length + out.signals.length >= max) throw new RangeError(`a bar may produce at most ${max} orders and signals`);
    };
    const position = (s = symbol): Position => {
      const p = positions.get(s);
      return p ? { symbol: s, qty: p.qty, avgPrice: p.avgPrice } : { symbol: s, qty: 0, avgPrice: 0 };
    };
    const place = (req: OrderRequest): number => {
      budget();
      const order = { symbol: req.symbol, side: req.side, qty: req.qty, type: req.type ?? 'market', limitPrice: req.limitPrice, stopPrice: req.stopPrice };
      validateOrder(order);
      if (!this.columns.has(order.symbol)) throw new RangeError(`unknown symbol ${order.symbol}`);
      const localId = this.nextId++;
      out.orders.push({ ...order, localId });
      return localId;
    };
    return {
      symbol,
      bar,
      params: this.options.params,
      cash: account.cash,
      equity: account.equity,
      state: this.state,
      history: (lookback, s = symbol) => {
        const cols = this.columns.get(s);
        if (!cols) throw new RangeError(`unknown symbol ${s}`);
        return cols.tail(lookback);
      },
      position,
      order: place,
      buy: (qty, opts) => place({ symbol, ...opts, side: 'buy', qty }),
      sell: (qty, opts) => place({ symbol, ...opts, side: 'sell', qty }),
      targetPosition: (qty, s = symbol) => {
        const diff = qty - position(s).qty;
        return diff === 0 ? undefined : place({ symbol: s, side: diff > 0 ? 'buy' : 'sell', qty: Math.abs(diff) });
      },
      cancel: (id) => {
        out.cancels.push(id);
        return true;
      },
      cancelAll: (s) => {
        // Orders placed earlier on this bar are dropped here; older ones are the broker's to cancel.
        out.orders = out.orders.filter((o) => s !== undefined && o.symbol !== s);
        out.cancelAll.push(s ?? '*');
      },
      signal: (name, data) => {
        budget();
        checkSignalData(data, this.options.maxSignalBytes ?? 4_096);
        out.signals.push({ time: bar.time, symbol, name: String(name), data });
      },
    };
  }
}
