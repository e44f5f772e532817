// Commission and slippage models. Slippage moves the fill price against the trader; commission
// is charged in cash on top of the fill, so both show up in equity and in trade P&L.
import type { OrderSide } from './strategy.types';

export interface CommissionModel {
  /** Commission in cash for one fill. */
  commission(qty: number, price: number): number;
}

export interface SlippageModel {
  /** Fill price after slippage for a raw price. */
  apply(side: OrderSide, price: number): number;
}

export interface CommissionSpec {
  /** Fraction of notional, e.g. 0.001 = 10 bps. */
  rate?: number;
  perShare?: number;
  /** Minimum per fill (brokers commonly have one). */
  minimum?: number;
}

export function commissionModel(spec: CommissionSpec = {}): CommissionModel {
  const { rate = 0, perShare = 0, minimum = 0 } = spec;
  return {
    commission(qty, price) {
      if (qty === 0) return 0;
      return Math.max(minimum, Math.abs(qty) * price * rate + Math.abs(qty) * perShare);
    },
  };
}

export interface SlippageSpec {
  /** Fraction of price, e.g. 0.0005 = 5 bps. */
  rate?: number;
  /** Absolute price units per share. */
  fixed?: number;
}

export function slippageModel(spec: SlippageSpec = {}): SlippageModel {
  const { rate = 0, fixed = 0 } = spec;
  return {
    apply(side, price) {
      const dir = side === 'buy' ? 1 : -1;
      return price * (1 + dir * rate) + dir * fixed;
    },
  };
}
