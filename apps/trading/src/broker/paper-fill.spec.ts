import { applyFill } from './paper-fill';

const fill = (side: 'buy' | 'sell', qty: number, price: number, commission = 0) => ({ symbol: 'X', side, qty, price, commission, time: 0 });
const flat = { symbol: 'X', qty: 0, avgPrice: 0 };

describe('applyFill', () => {
  it('opens and adds to a long at the average cost, charging commission in cash', () => {
    const a = applyFill(1_000, flat, fill('buy', 2, 100, 1));
    expect(a).toEqual({ cash: 799, position: { symbol: 'X', qty: 2, avgPrice: 100 }, realized: 0 });
    const b = applyFill(a.cash, a.position, fill('buy', 2, 110));
    expect(b.position).toEqual({ symbol: 'X', qty: 4, avgPrice: 105 });
    expect(b.realized).toBeCloseTo(0, 9);
  });

  it('realizes the price P&L of the closed quantity only', () => {
    const r = applyFill(0, { symbol: 'X', qty: 4, avgPrice: 105 }, fill('sell', 1, 120, 2));
    expect(r.position).toEqual({ symbol: 'X', qty: 3, avgPrice: 105 });
    expect(r.realized).toBeCloseTo(15, 9);
    expect(r.cash).toBeCloseTo(118, 9);
  });

  it('handles shorts and a reversal through flat', () => {
    const s = applyFill(0, flat, fill('sell', 10, 50));
    expect(s).toMatchObject({ cash: 500, position: { qty: -10, avgPrice: 50 } });
    const rev = applyFill(s.cash, s.position, fill('buy', 15, 40));
    expect(rev.realized).toBeCloseTo(100, 9);
    expect(rev.position).toEqual({ symbol: 'X', qty: 5, avgPrice: 40 });
    expect(rev.cash).toBeCloseTo(-100, 9);
  });
});
