import type { Bar, OrderRequest, OrderSide, OrderType } from '@wealist/trading-sdk';

export type BrokerOrderStatus = 'open' | 'filled' | 'cancelled';

/** An order as a broker received it. Ids are the broker's (strings: IB order ids will fit too). */
export interface BrokerOrder {
  id: string;
  accountId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  qty: number;
  limitPrice: number | null;
  stopPrice: number | null;
  status: BrokerOrderStatus;
  /** Time (ms) of the bar the order was decided on, or of the request for a manual order. */
  createdAt: number;
  fillPrice: number | null;
  commission: number | null;
  /** Open time (ms) of the bar it filled on. */
  filledAt: number | null;
  liveStrategyId: string | null;
  /** The strategy's own id of the order, so its cancels can be mapped to this order. */
  localId: number | null;
}

/** What a caller submits: the SDK's order plus when and by whom it was decided. */
export interface SubmitOrder extends OrderRequest {
  /** Time (ms) of the bar the decision was made on; the order can only fill on a later bar. */
  decidedAt: number;
  liveStrategyId?: string;
  localId?: number;
}

export interface BrokerFill {
  orderId: string;
  accountId: string;
  symbol: string;
  side: OrderSide;
  qty: number;
  price: number;
  commission: number;
  /** Price P&L of the quantity this fill closed (0 when it only opened). */
  realizedPnl: number;
  barTime: number;
}

export interface PositionSnapshot {
  symbol: string;
  /** Signed: positive long, negative short. */
  qty: number;
  avgPrice: number;
  lastPrice: number;
  unrealizedPnl: number;
}

export interface AccountSnapshot {
  accountId: string;
  currency: string;
  cash: number;
  equity: number;
  realizedPnl: number;
  unrealizedPnl: number;
  positions: PositionSnapshot[];
}

/**
 * What the live runner and the routes need from a broker. The paper broker is the default; an
 * Interactive Brokers adapter implements the same calls against IB Gateway (it fills on its
 * own, so its onBar only marks prices).
 */
export interface Broker {
  readonly kind: 'paper' | 'ib';
  submitOrder(accountId: string, order: SubmitOrder): Promise<BrokerOrder>;
  /** Cancels an open order; an order already filled or cancelled is returned unchanged. */
  cancelOrder(accountId: string, orderId: string): Promise<BrokerOrder>;
  openOrders(accountId: string): Promise<BrokerOrder[]>;
  positions(accountId: string): Promise<PositionSnapshot[]>;
  account(accountId: string): Promise<AccountSnapshot>;
  /**
   * A closed bar of `symbol`: brokers that simulate fills (paper) fill the open orders decided
   * before it and mark positions at its close. Limited to one account when given.
   */
  onBar(symbol: string, bar: Bar, accountId?: string): Promise<BrokerFill[]>;
}

/** DI token of the broker the live runner trades through. */
export const BROKER = Symbol('BROKER');
