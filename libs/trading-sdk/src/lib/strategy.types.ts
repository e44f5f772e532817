// The typed surface user strategies are written against. It is kept free of engine internals so
// the same strategy runs unchanged in a backtest, a paper broker or (later) a sandboxed isolate.

/** One OHLCV bar; `time` is the bar's open time in epoch milliseconds. */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop';

export interface OrderRequest {
  symbol: string;
  side: OrderSide;
  /** Positive quantity; the side gives the direction. */
  qty: number;
  type?: OrderType;
  /** Required for limit orders: buy at or below, sell at or above. */
  limitPrice?: number;
  /** Required for stop orders: buy once price trades at or above, sell at or below. */
  stopPrice?: number;
}

export interface Order extends Required<Pick<OrderRequest, 'symbol' | 'side' | 'qty' | 'type'>> {
  id: number;
  limitPrice?: number;
  stopPrice?: number;
  /** Time of the bar on which the strategy decided the order; it can only fill on a later bar. */
  createdAt: number;
}

export interface Position {
  symbol: string;
  /** Signed: positive long, negative short, 0 flat. */
  qty: number;
  /** Average entry price of the open quantity (0 when flat). */
  avgPrice: number;
}

export interface Signal {
  time: number;
  symbol: string;
  name: string;
  data?: Record<string, unknown>;
}

export type StrategyParams = Record<string, number | string | boolean>;

export interface StrategyContext<P extends StrategyParams = StrategyParams> {
  /** Symbol of the bar being processed. */
  readonly symbol: string;
  /** The bar just closed; nothing after it is visible. */
  readonly bar: Bar;
  readonly params: Readonly<P>;
  readonly cash: number;
  readonly equity: number;
  /**
   * Closed bars of `symbol` (default: the current one) up to and including the current bar, oldest
   * first. Pass a lookback in per-bar code: the full history is a copy, O(n) per call.
   */
  history(lookback?: number, symbol?: string): readonly Bar[];
  position(symbol?: string): Position;
  order(request: OrderRequest): number;
  buy(qty: number, opts?: Partial<OrderRequest>): number;
  sell(qty: number, opts?: Partial<OrderRequest>): number;
  /** Market order for the difference between the current and the wanted signed quantity. */
  targetPosition(qty: number, symbol?: string): number | undefined;
  cancel(orderId: number): boolean;
  cancelAll(symbol?: string): void;
  signal(name: string, data?: Record<string, unknown>): void;
  /** Per-strategy scratch space that survives between bars. */
  readonly state: Record<string, unknown>;
}

export interface Strategy<P extends StrategyParams = StrategyParams> {
  init?(ctx: StrategyContext<P>): void;
  onBar(ctx: StrategyContext<P>): void;
}
