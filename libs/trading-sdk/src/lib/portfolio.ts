// Cash, signed positions and round-trip trades. Shorts are negative quantities: selling adds
// cash, and equity = cash + sum(qty * price) makes a short lose when the price rises.
import type { OrderSide, Position } from './strategy.types';

export interface Fill {
  orderId: number;
  time: number;
  symbol: string;
  side: OrderSide;
  qty: number;
  price: number;
  commission: number;
}

/** A round trip from flat to flat (a reversal closes one trade and opens the next). */
export interface Trade {
  symbol: string;
  direction: 'long' | 'short';
  entryTime: number;
  exitTime: number;
  qty: number;
  entryPrice: number;
  exitPrice: number;
  commission: number;
  /** Price P&L minus all commission paid in the trade. */
  pnl: number;
}

interface OpenTrade {
  entryTime: number;
  maxQty: number;
  commission: number;
  realized: number;
  exitNotional: number;
  exitQty: number;
}

export class Portfolio {
  private readonly positions = new Map<string, Position>();
  private readonly open = new Map<string, OpenTrade>();
  readonly trades: Trade[] = [];
  readonly fills: Fill[] = [];

  constructor(public cash: number) {}

  /**
   * The position as a frozen snapshot: strategies can read it but never change the book, and
   * asking on every bar allocates nothing (a new snapshot is made only when a fill changes it).
   */
  position(symbol: string): Position {
    return this.positions.get(symbol) ?? this.flat(symbol);
  }

  private readonly flats = new Map<string, Position>();

  private flat(symbol: string): Position {
    let p = this.flats.get(symbol);
    if (!p) this.flats.set(symbol, (p = Object.freeze({ symbol, qty: 0, avgPrice: 0 })));
    return p;
  }

  /** Signed quantity held, without allocating (the engine asks on every bar). */
  qtyOf(symbol: string): number {
    return this.positions.get(symbol)?.qty ?? 0;
  }

  allPositions(): Position[] {
    return [...this.positions.values()].filter((p) => p.qty !== 0);
  }

  hasPositions(): boolean {
    for (const p of this.positions.values()) if (p.qty !== 0) return true;
    return false;
  }

  equity(prices: ReadonlyMap<string, number>): number {
    let value = this.cash;
    for (const p of this.positions.values()) value += p.qty * (prices.get(p.symbol) ?? p.avgPrice);
    return value;
  }

  apply(fill: Fill): void {
    this.fills.push(fill);
    const signed = fill.side === 'buy' ? fill.qty : -fill.qty;
    this.cash -= signed * fill.price + fill.commission;
    const pos = this.position(fill.symbol);
    const closing = pos.qty !== 0 && Math.sign(signed) !== Math.sign(pos.qty) ? Math.min(Math.abs(signed), Math.abs(pos.qty)) : 0;
    const opening = Math.abs(signed) - closing;
    // Split commission between the closing and the opening part of a reversal by quantity.
    const closeCommission = (fill.commission * closing) / fill.qty;
    let qty = pos.qty;
    let avg = pos.avgPrice;
    if (closing > 0) {
      const t = this.open.get(fill.symbol) as OpenTrade;
      t.realized += (fill.price - avg) * closing * Math.sign(pos.qty);
      t.commission += closeCommission;
      t.exitNotional += fill.price * closing;
      t.exitQty += closing;
      qty += Math.sign(signed) * closing;
      if (qty === 0) {
        this.close(fill.symbol, pos.qty > 0 ? 'long' : 'short', avg, fill.time, t);
        avg = 0;
      }
    }
    if (opening > 0) {
      const dir = Math.sign(signed);
      if (qty === 0) this.open.set(fill.symbol, { entryTime: fill.time, maxQty: 0, commission: 0, realized: 0, exitNotional: 0, exitQty: 0 });
      avg = (avg * Math.abs(qty) + fill.price * opening) / (Math.abs(qty) + opening);
      qty += dir * opening;
      const t = this.open.get(fill.symbol) as OpenTrade;
      t.commission += fill.commission - closeCommission;
      t.maxQty = Math.max(t.maxQty, Math.abs(qty));
    }
    this.positions.set(fill.symbol, Object.freeze({ symbol: fill.symbol, qty, avgPrice: avg }));
  }

  private close(symbol: string, direction: 'long' | 'short', entryPrice: number, time: number, t: OpenTrade): void {
    this.open.delete(symbol);
    this.trades.push({
      symbol,
      direction,
      entryTime: t.entryTime,
      exitTime: time,
      qty: t.maxQty,
      entryPrice,
      exitPrice: t.exitNotional / t.exitQty,
      commission: t.commission,
      pnl: t.realized - t.commission,
    });
  }
}
