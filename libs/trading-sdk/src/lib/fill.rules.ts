// When and at what price a pending order fills on a bar. Only bars after the order's decision
// bar are ever passed here, which is what rules out look-ahead.
import type { Bar, Order } from './strategy.types';

/**
 * Raw fill price (before slippage) of `order` on `bar`, or undefined if it does not fill.
 * - market: the bar's open.
 * - limit buy: open if the bar opens at or below the limit (gap in our favour), else the limit
 *   if the low reaches it; sells mirror this with the high.
 * - stop buy: open if the bar opens at or above the stop (gap through the stop fills at the worse
 *   open, not at the stop), else the stop if the high reaches it; sells mirror this with the low.
 */
export function fillPrice(order: Order, bar: Bar): number | undefined {
  const buy = order.side === 'buy';
  switch (order.type) {
    case 'market':
      return bar.open;
    case 'limit': {
      const limit = order.limitPrice as number;
      if (buy) return bar.open <= limit ? bar.open : bar.low <= limit ? limit : undefined;
      return bar.open >= limit ? bar.open : bar.high >= limit ? limit : undefined;
    }
    case 'stop': {
      const stop = order.stopPrice as number;
      if (buy) return bar.open >= stop ? bar.open : bar.high >= stop ? stop : undefined;
      return bar.open <= stop ? bar.open : bar.low <= stop ? stop : undefined;
    }
  }
}

export function validateOrder(order: Omit<Order, 'id' | 'createdAt'>): void {
  if (order.side !== 'buy' && order.side !== 'sell') throw new RangeError(`order side must be buy or sell, got ${String(order.side)}`);
  if (order.type !== 'market' && order.type !== 'limit' && order.type !== 'stop') throw new RangeError(`order type must be market, limit or stop, got ${String(order.type)}`);
  if (typeof order.qty !== 'number' || !(order.qty > 0) || !Number.isFinite(order.qty)) throw new RangeError(`order qty must be a positive number, got ${order.qty}`);
  if (order.type === 'limit' && !(typeof order.limitPrice === 'number' && order.limitPrice > 0 && Number.isFinite(order.limitPrice))) throw new RangeError('limit order needs a positive limitPrice');
  if (order.type === 'stop' && !(typeof order.stopPrice === 'number' && order.stopPrice > 0 && Number.isFinite(order.stopPrice))) throw new RangeError('stop order needs a positive stopPrice');
}
