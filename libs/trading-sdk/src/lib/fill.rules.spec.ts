import { commissionModel, slippageModel } from './cost.model';
import { fillPrice, validateOrder } from './fill.rules';
import type { Bar, Order } from './strategy.types';

const bar = (open: number, high: number, low: number, close: number): Bar => ({ time: 1, open, high, low, close, volume: 0 });
const order = (o: Partial<Order>): Order => ({ id: 1, createdAt: 0, symbol: 'X', side: 'buy', qty: 1, type: 'market', ...o });

describe('fillPrice', () => {
  it('fills market orders at the open', () => {
    expect(fillPrice(order({}), bar(100, 110, 90, 105))).toBe(100);
    expect(fillPrice(order({ side: 'sell' }), bar(100, 110, 90, 105))).toBe(100);
  });

  it('fills a buy limit at the limit when the low reaches it, at the open when it gaps below', () => {
    const buy = order({ type: 'limit', limitPrice: 95 });
    expect(fillPrice(buy, bar(100, 101, 96, 99))).toBeUndefined();
    expect(fillPrice(buy, bar(98, 99, 94, 97))).toBe(95);
    expect(fillPrice(buy, bar(90, 93, 88, 92))).toBe(90);
  });

  it('fills a sell limit at the limit when the high reaches it, at the open when it gaps above', () => {
    const sell = order({ side: 'sell', type: 'limit', limitPrice: 105 });
    expect(fillPrice(sell, bar(100, 104, 99, 101))).toBeUndefined();
    expect(fillPrice(sell, bar(101, 106, 100, 102))).toBe(105);
    expect(fillPrice(sell, bar(108, 109, 104, 105))).toBe(108);
  });

  it('fills a buy stop at the stop when the high reaches it, at the worse open on a gap', () => {
    const buy = order({ type: 'stop', stopPrice: 105 });
    expect(fillPrice(buy, bar(100, 104, 99, 101))).toBeUndefined();
    expect(fillPrice(buy, bar(101, 106, 100, 102))).toBe(105);
    expect(fillPrice(buy, bar(108, 109, 104, 105))).toBe(108);
  });

  it('fills a sell stop at the stop when the low reaches it, at the worse open on a gap', () => {
    const sell = order({ side: 'sell', type: 'stop', stopPrice: 95 });
    expect(fillPrice(sell, bar(100, 101, 96, 99))).toBeUndefined();
    expect(fillPrice(sell, bar(98, 99, 94, 97))).toBe(95);
    expect(fillPrice(sell, bar(90, 93, 88, 92))).toBe(90);
  });

  it('rejects malformed orders', () => {
    expect(() => validateOrder(order({ qty: 0 }))).toThrow(/qty/);
    expect(() => validateOrder(order({ qty: NaN }))).toThrow(/qty/);
    expect(() => validateOrder(order({ type: 'limit' }))).toThrow(/limitPrice/);
    expect(() => validateOrder(order({ type: 'stop', stopPrice: -1 }))).toThrow(/stopPrice/);
  });
});

describe('cost models', () => {
  it('computes commission from rate, per share and minimum', () => {
    expect(commissionModel({ rate: 0.001 }).commission(10, 101)).toBeCloseTo(1.01, 12);
    expect(commissionModel({ perShare: 0.005, minimum: 1 }).commission(100, 50)).toBe(1); // 0.5 < minimum
    expect(commissionModel({ perShare: 0.005, minimum: 1 }).commission(1000, 50)).toBeCloseTo(5, 12);
    expect(commissionModel({ minimum: 1 }).commission(0, 50)).toBe(0);
  });

  it('moves the price against the trader', () => {
    const s = slippageModel({ rate: 0.01, fixed: 0.05 });
    expect(s.apply('buy', 100)).toBeCloseTo(101.05, 12);
    expect(s.apply('sell', 100)).toBeCloseTo(98.95, 12);
    expect(slippageModel().apply('buy', 100)).toBe(100);
  });
});
