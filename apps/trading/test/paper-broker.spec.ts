import { runBacktest, type Bar, type Strategy } from '@wealist/trading-sdk';
import { randomUUID } from 'node:crypto';
import { PaperBroker } from '../src/broker/paper.broker';
import { expectError, TradingTestContext, type TestUser } from './support/trading-test-context';

jest.setTimeout(90_000);

const M = 60_000;
// Manual orders are decided "now": bars that can fill them open later.
const T0 = Math.ceil(Date.now() / M) * M + 10 * M;
const bar = (i: number, open: number, high: number, low: number, close: number): Bar => ({ time: T0 + i * M, open, high, low, close, volume: 1_000 });

interface Account {
  id: string;
  cash: number;
  equity: number;
  realizedPnl: number;
  unrealizedPnl: number;
  initialCash: number;
  positions: { symbol: string; qty: number; avgPrice: number; lastPrice: number; unrealizedPnl: number }[];
}
interface Order {
  id: string;
  status: string;
  fillPrice: number | null;
  commission: number | null;
  filledAt: string | null;
}

describe('trading: paper broker', () => {
  let ctx: TradingTestContext;
  let broker: PaperBroker;
  let owner: TestUser;
  let outsider: TestUser;
  let ws: string;

  beforeAll(async () => {
    ctx = await TradingTestContext.start('trading_paper');
    broker = ctx.service.app.get(PaperBroker);
    [owner, outsider] = await Promise.all([ctx.user('Olga Owner'), ctx.user('Otto Outsider')]);
    ws = await ctx.workspace(owner);
    await ctx.workspace(outsider);
  });
  afterAll(() => ctx?.stop());

  const open = async (body: Record<string, unknown> = {}) =>
    ctx.json<Account>(await ctx.api(owner, 'POST', ws, '/paper-accounts', { name: 'Paper', initialCash: 100_000, ...body }), 201);
  const account = async (id: string) => ctx.json<Account>(await ctx.api(owner, 'GET', ws, `/paper-accounts/${id}`), 200);
  const order = async (id: string, body: Record<string, unknown>) => ctx.json<Order>(await ctx.api(owner, 'POST', ws, `/paper-accounts/${id}/orders`, body), 201);
  const orderById = async (accountId: string, orderId: string) => {
    const page = await ctx.json<{ items: (Order & { id: string })[] }>(await ctx.api(owner, 'GET', ws, `/paper-accounts/${accountId}/orders?limit=200`), 200);
    return page.items.find((o) => o.id === orderId) as Order;
  };
  const expectBooksBalance = (a: Account) => expect(a.equity).toBeCloseTo(a.initialCash + a.realizedPnl + a.unrealizedPnl, 6);

  it('fills a market order on the next bar at its open, then marks the position at each close', async () => {
    const a = await open();
    expect(a).toMatchObject({ cash: 100_000, equity: 100_000, realizedPnl: 0, unrealizedPnl: 0, positions: [] });
    const placed = await order(a.id, { symbol: 'aapl', side: 'buy', qty: 10 });
    expect(placed).toMatchObject({ status: 'open', fillPrice: null });
    // A bar that opened before the order was placed cannot fill it.
    await broker.onBar('AAPL', { ...bar(0, 90, 91, 89, 90), time: T0 - 20 * M }, a.id);
    expect((await orderById(a.id, placed.id)).status).toBe('open');

    await broker.onBar('AAPL', bar(0, 100, 103, 99, 102), a.id);
    expect(await orderById(a.id, placed.id)).toMatchObject({ status: 'filled', fillPrice: 100, filledAt: new Date(T0).toISOString() });
    let now = await account(a.id);
    expect(now).toMatchObject({ cash: 99_000, equity: 100_020, unrealizedPnl: 20, positions: [{ symbol: 'AAPL', qty: 10, avgPrice: 100, lastPrice: 102, unrealizedPnl: 20 }] });
    await broker.onBar('AAPL', bar(1, 102, 106, 101, 105), a.id);
    now = await account(a.id);
    expect(now).toMatchObject({ cash: 99_000, equity: 100_050, unrealizedPnl: 50 });
    expectBooksBalance(now);
  });

  it('fills manual orders on live bars pushed through market data, with no live strategy involved', async () => {
    const a = await open();
    const placed = await order(a.id, { symbol: 'ZM', side: 'sell', qty: 3 });
    expect((await ctx.api(owner, 'POST', ws, '/market-data/ZM/1m/live', bar(0, 70, 72, 69, 71))).status).toBe(201);
    for (let i = 0; i < 100 && (await orderById(a.id, placed.id)).status === 'open'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await orderById(a.id, placed.id)).toMatchObject({ status: 'filled', fillPrice: 70 });
    expect((await account(a.id)).positions).toEqual([{ symbol: 'ZM', qty: -3, avgPrice: 70, lastPrice: 71, unrealizedPnl: -3 }]);
  });

  it('fills limit and stop orders per the backtest rules, including gaps', async () => {
    const a = await open();
    const limit = await order(a.id, { symbol: 'MSFT', side: 'buy', qty: 1, type: 'limit', limitPrice: 95 });
    const stop = await order(a.id, { symbol: 'MSFT', side: 'buy', qty: 1, type: 'stop', stopPrice: 110 });
    const gapLimit = await order(a.id, { symbol: 'MSFT', side: 'sell', qty: 1, type: 'limit', limitPrice: 120 });
    await broker.onBar('MSFT', bar(0, 100, 104, 96, 101), a.id); // neither reached
    expect((await broker.openOrders(a.id)).length).toBe(3);
    await broker.onBar('MSFT', bar(1, 101, 112, 94, 108), a.id); // low reaches 95, high reaches 110
    expect(await orderById(a.id, limit.id)).toMatchObject({ status: 'filled', fillPrice: 95 });
    expect(await orderById(a.id, stop.id)).toMatchObject({ status: 'filled', fillPrice: 110 });
    await broker.onBar('MSFT', bar(2, 125, 126, 118, 119), a.id); // gaps through the sell limit: fills at the better open
    expect(await orderById(a.id, gapLimit.id)).toMatchObject({ status: 'filled', fillPrice: 125 });
    const now = await account(a.id);
    expect(now.positions).toEqual([{ symbol: 'MSFT', qty: 1, avgPrice: 102.5, lastPrice: 119, unrealizedPnl: 16.5 }]);
    expect(now.realizedPnl).toBeCloseTo(22.5, 9);
    expectBooksBalance(now);
  });

  it('sells short, loses when the price rises, and realizes P&L on cover, with commission and slippage', async () => {
    const a = await open({ commission: { rate: 0.001 }, slippage: 0.01 });
    await order(a.id, { symbol: 'TSLA', side: 'sell', qty: 10 });
    await broker.onBar('TSLA', bar(0, 100, 101, 99, 110), a.id);
    let now = await account(a.id);
    // Sold at 100 - 1% slippage = 99, commission 0.1% of 990.
    expect(now.positions).toEqual([{ symbol: 'TSLA', qty: -10, avgPrice: 99, lastPrice: 110, unrealizedPnl: -110 }]);
    expect(now.cash).toBeCloseTo(100_000 + 990 - 0.99, 9);
    expect(now.realizedPnl).toBeCloseTo(-0.99, 9);
    expectBooksBalance(now);
    await order(a.id, { symbol: 'TSLA', side: 'buy', qty: 10 });
    await broker.onBar('TSLA', bar(1, 105, 106, 104, 104), a.id); // covered at 105 * 1.01 = 106.05
    now = await account(a.id);
    expect(now.positions).toEqual([]);
    expect(now.realizedPnl).toBeCloseTo((99 - 106.05) * 10 - 0.99 - 1.0605, 9);
    expect(now.equity).toBeCloseTo(now.cash, 9);
    expectBooksBalance(now);
  });

  it('ends where the backtest engine ends for the same bars and decisions', async () => {
    const bars = [bar(0, 50, 52, 49, 51), bar(1, 51, 55, 50, 54), bar(2, 54, 56, 53, 53), bar(3, 53, 54, 47, 48), bar(4, 48, 50, 46, 49), bar(5, 49, 51, 48, 50)];
    // Decisions per bar index: buy 10 at market, sell-stop 10 at 49, short 5 with a limit at 50.5.
    const decisions: Record<number, { side: 'buy' | 'sell'; qty: number; type?: 'limit' | 'stop'; limitPrice?: number; stopPrice?: number }[]> = {
      0: [{ side: 'buy', qty: 10 }],
      1: [{ side: 'sell', qty: 10, type: 'stop', stopPrice: 49 }],
      3: [{ side: 'sell', qty: 5, type: 'limit', limitPrice: 50.5 }],
    };
    const strategy: Strategy = {
      onBar(c) {
        for (const d of decisions[(c.bar.time - T0) / M] ?? []) c.order({ symbol: 'X', ...d });
      },
    };
    const spec = { commission: { rate: 0.0005, minimum: 1 }, slippage: { fixed: 0.02 } };
    const backtest = runBacktest(strategy, { bars: { X: bars }, capital: 10_000, ...spec });

    const a = await open({ initialCash: 10_000, ...spec });
    for (const [i, b] of bars.entries()) {
      await broker.onBar('X', b, a.id);
      for (const d of decisions[i] ?? []) await broker.submitOrder(a.id, { symbol: 'X', ...d, decidedAt: b.time });
    }
    const now = await account(a.id);
    expect(backtest.fills.length).toBe(3);
    expect(now.equity).toBeCloseTo(backtest.equity[backtest.equity.length - 1].equity, 9);
    expect(now.positions.map((p) => [p.qty, p.avgPrice])).toEqual([[-5, expect.closeTo(50.5 - 0.02, 9)]]);
  });

  it('cancels open orders (a filled one is a 409) and pages the order list newest first', async () => {
    const a = await open();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await order(a.id, { symbol: 'NVDA', side: 'buy', qty: 1, type: 'limit', limitPrice: 1 + i })).id);
    const cancelled = await ctx.json<Order>(await ctx.api(owner, 'DELETE', ws, `/paper-accounts/${a.id}/orders/${ids[0]}`), 200);
    expect(cancelled.status).toBe('cancelled');
    await broker.onBar('NVDA', bar(0, 3, 3, 0.5, 2), a.id); // reaches every limit
    expect(await orderById(a.id, ids[0])).toMatchObject({ status: 'cancelled', fillPrice: null });
    await expectError(await ctx.api(owner, 'DELETE', ws, `/paper-accounts/${a.id}/orders/${ids[1]}`), 409, /already filled/);
    await expectError(await ctx.api(owner, 'DELETE', ws, `/paper-accounts/${a.id}/orders/${randomUUID()}`), 404, /Order not found/);

    const seen: string[] = [];
    let cursor: number | null = null;
    do {
      const page: { items: Order[]; nextCursor: number | null } = await ctx.json(await ctx.api(owner, 'GET', ws, `/paper-accounts/${a.id}/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`), 200);
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const filled = await ctx.json<{ items: Order[] }>(await ctx.api(owner, 'GET', ws, `/paper-accounts/${a.id}/orders?status=filled`), 200);
    expect(filled.items.length).toBe(4);
  });

  it('names bad input and hides accounts from non-members', async () => {
    await expectError(await ctx.api(owner, 'POST', ws, '/paper-accounts', { name: '', initialCash: -5 }), 400, /name must be longer|initialCash must not be less/);
    await expectError(await ctx.api(owner, 'POST', ws, '/paper-accounts', { name: 'X', initialCash: 10, commission: 'lots' }), 400, /commission must be a number/);
    await expectError(await ctx.api(owner, 'POST', ws, '/paper-accounts', { name: 'X', initialCash: 10, slippage: { rate: 5 } }), 400, /slippage.rate must not be greater/);
    const a = await open();
    await expectError(await ctx.api(owner, 'POST', ws, `/paper-accounts/${a.id}/orders`, { symbol: 'AAPL', side: 'buy', qty: 1, type: 'limit' }), 400, /limitPrice/);
    await expectError(await ctx.api(owner, 'POST', ws, `/paper-accounts/${a.id}/orders`, { symbol: 'no good!', side: 'buy', qty: 1 }), 422, /invalid symbol/);
    await expectError(await ctx.api(owner, 'GET', ws, `/paper-accounts/${randomUUID()}`), 404, /Paper account not found/);

    const routes: [string, string, unknown?][] = [
      ['POST', '/paper-accounts', { name: 'Mine', initialCash: 1_000 }],
      ['GET', '/paper-accounts'],
      ['GET', `/paper-accounts/${a.id}`],
      ['GET', `/paper-accounts/${a.id}/orders`],
      ['POST', `/paper-accounts/${a.id}/orders`, { symbol: 'AAPL', side: 'buy', qty: 1 }],
      ['DELETE', `/paper-accounts/${a.id}/orders/${randomUUID()}`],
    ];
    for (const [method, path, body] of routes) await expectError(await ctx.api(outsider, method, ws, path, body), 404, /Workspace not found/);
    await expectError(await fetch(`${ctx.url}/api/trading/workspaces/${ws}/paper-accounts`), 401);
  });
});
