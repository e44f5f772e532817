// Position and cash arithmetic of one paper fill, done by the SDK's Portfolio so a paper account
// moves exactly as a backtest portfolio does (average cost, shorts, reversals).
import { Portfolio, type OrderSide, type Position } from '@wealist/trading-sdk';

export interface FillInput {
  symbol: string;
  side: OrderSide;
  qty: number;
  price: number;
  commission: number;
  time: number;
}

export interface FillOutcome {
  cash: number;
  position: Position;
  /** Price P&L of the closed quantity (before commission). */
  realized: number;
}

/** Applies a fill to (cash, position) and returns the new state and the P&L it realized. */
export function applyFill(cash: number, position: Position, fill: FillInput): FillOutcome {
  const portfolio = new Portfolio(0);
  // Seed the stored position at its average price, then restore the real cash: the Portfolio has
  // no setter for positions, and a commission-free fill at avgPrice recreates it exactly.
  if (position.qty !== 0) {
    portfolio.apply({ orderId: 0, time: fill.time, symbol: fill.symbol, side: position.qty > 0 ? 'buy' : 'sell', qty: Math.abs(position.qty), price: position.avgPrice, commission: 0 });
  }
  portfolio.cash = cash;
  portfolio.apply({ orderId: 0, time: fill.time, symbol: fill.symbol, side: fill.side, qty: fill.qty, price: fill.price, commission: fill.commission });
  const after = portfolio.position(fill.symbol);
  // With average-cost books, cash + qty * avg changes by exactly (realized - commission).
  const bookBefore = cash + position.qty * position.avgPrice;
  const bookAfter = portfolio.cash + after.qty * after.avgPrice;
  return { cash: portfolio.cash, position: after, realized: bookAfter - bookBefore + fill.commission };
}
