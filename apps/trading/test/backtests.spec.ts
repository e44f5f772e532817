import { expectError, TradingTestContext, type TestUser } from './support/trading-test-context';

// Boots its own database, Redis namespace and a user service process.
jest.setTimeout(120_000);

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

interface Backtest {
  id: string;
  status: string;
  progress: number;
  error: { kind: string; message: string; line?: number; column?: number } | null;
  metrics: Record<string, number | null> | null;
  result?: { equity: { time: number; equity: number }[]; drawdown: { drawdown: number }[]; trades: unknown[]; totals: Record<string, number> } | null;
}

/** CSV of daily bars from [open, high, low, close] rows starting at T0. */
const csv = (rows: number[][]) => ['time,open,high,low,close,volume', ...rows.map(([o, h, l, c], i) => `${new Date(T0 + i * DAY).toISOString()},${o},${h},${l},${c},1000`)].join('\n');

const BUY_AND_HOLD = `export default { onBar(ctx) { if (ctx.position().qty === 0 && ctx.history().length === 1) ctx.buy(ctx.params.qty); } };`;
const PEEKER = `// Buys whenever the bar it sees closed up, sells the next bar.
export default {
  onBar(ctx) {
    if (ctx.position().qty > 0) ctx.sell(ctx.position().qty);
    else if (ctx.bar.close > ctx.bar.open) ctx.buy(10);
  },
};`;
const SLOW = `export default { onBar() { const end = Date.now() + 5; while (Date.now() < end) { /* busy */ } } };`;

describe('trading: strategies and backtests', () => {
  let ctx: TradingTestContext;
  let owner: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let ws: string;

  const strategy = async (who: TestUser, source: string, paramsSchema?: unknown) =>
    ctx.json<{ id: string; version: { id: string; version: number } }>(await ctx.api(who, 'POST', ws, '/strategies', { name: 'S', language: 'typescript', source, paramsSchema }), 201);
  const start = async (who: TestUser, body: Record<string, unknown>) => ctx.json<Backtest>(await ctx.api(who, 'POST', ws, '/backtests', body), 202);
  const settled = async (id: string, who = owner): Promise<Backtest> => {
    for (let i = 0; i < 600; i++) {
      const b = await ctx.json<Backtest>(await ctx.api(who, 'GET', ws, `/backtests/${id}`), 200);
      if (!['queued', 'running'].includes(b.status)) return b;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`backtest ${id} did not finish`);
  };

  beforeAll(async () => {
    ctx = await TradingTestContext.start('trading_backtests', { BACKTEST_CONCURRENCY: '2', SANDBOX_CALL_TIMEOUT_MS: '1000', SANDBOX_BATCH_BARS: '20' });
    [owner, member, outsider] = await Promise.all([ctx.user('Olga Owner', 'premium'), ctx.user('Max Member', 'premium'), ctx.user('Otto Outsider')]);
    ws = await ctx.workspace(owner, [[member, 'member']]);
    await ctx.workspace(outsider);
    await ctx.json(await ctx.api(owner, 'POST', ws, '/market-data/sample', { symbol: 'DEMO', timeframe: '1d', bars: 400, seed: 7, from: T0 }), 201);
  });
  afterAll(() => ctx?.stop());

  it('keeps every save as an immutable version and reports compile errors with line and column', async () => {
    const s = await strategy(member, BUY_AND_HOLD, { qty: { type: 'integer', default: 10, min: 1, max: 1000 } });
    expect(s.version.version).toBe(1);
    const v2 = await ctx.json<{ version: number; source: string }>(await ctx.api(member, 'POST', ws, `/strategies/${s.id}/versions`, { source: PEEKER }), 201);
    expect(v2.version).toBe(2);
    const versions = await ctx.json<{ version: number; source: string; paramsSchema: unknown }[]>(await ctx.api(owner, 'GET', ws, `/strategies/${s.id}/versions`), 200);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[1].source).toBe(BUY_AND_HOLD);
    expect(versions[0].paramsSchema).toEqual(versions[1].paramsSchema);

    const broken = await expectError(await ctx.api(member, 'POST', ws, `/strategies/${s.id}/versions`, { source: 'export default {\n  onBar(ctx) {\n    if (ctx.bar.close > ) {}\n  },\n};' }), 422, /line 3, column 25/);
    expect(broken['errors']).toEqual([{ field: 'source', kind: 'compile', message: expect.stringMatching(/Unexpected/), line: 3, column: 25 }]);
    await expectError(await ctx.api(member, 'POST', ws, '/strategies', { name: 'x', source: 'export const nothing = 1;' }), 422, /must export an onBar/);
    await expectError(await ctx.api(member, 'POST', ws, '/strategies', { name: 'x', source: BUY_AND_HOLD, paramsSchema: { n: { type: 'integer', default: 0, min: 1 } } }), 422, /below the minimum/);

    await ctx.json(await ctx.api(member, 'POST', ws, `/strategies/${s.id}/archive`), 201);
    await expectError(await ctx.api(member, 'POST', ws, `/strategies/${s.id}/versions`, { source: PEEKER }), 422, /archived/);
    await expectError(await ctx.api(member, 'POST', ws, '/backtests', { strategyVersionId: s.version.id, symbols: ['DEMO'], timeframe: '1d', from: T0, to: T0 + 100 * DAY, capital: 1000 }), 422, /archived/);
    expect((await ctx.json<unknown[]>(await ctx.api(member, 'GET', ws, '/strategies?archived=true'), 200)).length).toBe(1);
  });

  it('computes metrics that match an independent calculation on a hand-made series', async () => {
    // Buy 10 on bar 0 (fills at bar 1's open, 100), hold to the end: equity = 1000 - 10*100 + 10*close.
    const closes = [100, 104, 98, 110, 99, 120, 115];
    const opens = [100, 100, 104, 98, 110, 99, 120];
    await ctx.json(await ctx.api(owner, 'POST', ws, '/market-data/HAND/1d/import', csv(closes.map((c, i) => [opens[i], Math.max(opens[i], c) + 1, Math.min(opens[i], c) - 1, c]))), 201);
    const s = await strategy(owner, BUY_AND_HOLD, { qty: { type: 'integer', default: 10, min: 1, max: 1000 } });
    const b = await settled((await start(owner, { strategyVersionId: s.version.id, symbols: ['HAND'], timeframe: '1d', from: T0, to: T0 + 30 * DAY, capital: 1000 })).id);
    expect(b.status).toBe('succeeded');

    const equity = closes.map((c, i) => (i === 0 ? 1000 : 1000 - 10 * 100 + 10 * c));
    const returns = equity.slice(1).map((e, i) => e / equity[i] - 1);
    const mean = returns.reduce((a, r) => a + r, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1));
    let peak = equity[0];
    let maxDd = 0;
    for (const e of equity) {
      peak = Math.max(peak, e);
      maxDd = Math.max(maxDd, 1 - e / peak);
    }
    const years = (6 * DAY) / (365.25 * DAY);
    const periodsPerYear = 6 / years; // observed: one bar a day
    expect(b.result?.equity.map((p) => p.equity)).toEqual(equity);
    expect(b.metrics?.['totalReturn']).toBeCloseTo(equity[6] / 1000 - 1, 10);
    expect(b.metrics?.['maxDrawdown']).toBeCloseTo(maxDd, 10); // (1100 - 990) / 1100
    expect(maxDd).toBeCloseTo(0.1, 10);
    expect(b.metrics?.['cagr']).toBeCloseTo(Math.pow(equity[6] / 1000, 1 / years) - 1, 8);
    expect(b.metrics?.['sharpe']).toBeCloseTo((mean / sd) * Math.sqrt(periodsPerYear), 8);
    expect(b.metrics?.['buyAndHoldReturn']).toBeCloseTo(closes[6] / closes[0] - 1, 10);
    expect(b.metrics?.['trades']).toBe(0); // still open at the end
    expect(b.progress).toBe(1);
  });

  it('gives a strategy that peeks at the current close no edge (no look-ahead)', async () => {
    // Every bar opens at 100 and closes at 110: the gain is inside each bar, where no order can fill.
    await ctx.json(await ctx.api(owner, 'POST', ws, '/market-data/PEEK/1d/import', csv(Array.from({ length: 30 }, () => [100, 111, 99, 110]))), 201);
    const s = await strategy(owner, PEEKER);
    const b = await settled((await start(owner, { strategyVersionId: s.version.id, symbols: ['PEEK'], timeframe: '1d', from: T0, to: T0 + 40 * DAY, capital: 10_000 })).id);
    expect(b.status).toBe('succeeded');
    expect(b.metrics?.['trades']).toBeGreaterThan(5);
    expect(b.metrics?.['totalReturn']).toBeLessThan(0.01 + 1e-9); // buys at 100, sells at 100; only the last open position is marked at 110
    expect(b.metrics?.['winRate']).toBe(0);
  });

  it('refuses bad input with a 4xx naming the problem', async () => {
    const s = await strategy(owner, BUY_AND_HOLD, { qty: { type: 'integer', default: 10, min: 1, max: 1000 } });
    const body = { strategyVersionId: s.version.id, symbols: ['DEMO'], timeframe: '1d', from: T0, to: T0 + 100 * DAY, capital: 10_000 };
    await expectError(await ctx.api(owner, 'POST', ws, '/backtests', { ...body, from: T0 + 200 * DAY }), 400, /from .* is after to/);
    await expectError(await ctx.api(owner, 'POST', ws, '/backtests', { ...body, symbols: ['DEMO', 'NOPE'] }), 422, /Unknown symbol NOPE/);
    await expectError(await ctx.api(owner, 'POST', ws, '/backtests', { ...body, params: { qty: 0 } }), 422, /qty: value 0 is below the minimum 1/);
    await expectError(await ctx.api(owner, 'POST', ws, '/backtests', { ...body, params: { size: 3 } }), 422, /unknown parameter "size"/);
    await expectError(await ctx.api(owner, 'POST', ws, '/backtests', { ...body, timeframe: '7m' }), 400, /timeframe/);
    await expectError(await ctx.api(owner, 'POST', ws, '/backtests', { ...body, capital: -5 }), 400, /capital/);
    await expectError(await ctx.api(owner, 'POST', ws, '/backtests', { ...body, from: 'yesterday' }), 400, /from must be/);
    await expectError(await ctx.api(owner, 'POST', ws, '/backtests', { ...body, strategyVersionId: '5b0f1b8e-5f43-4e0b-9d39-3f4f4ae1b111' }), 404, /Strategy version not found/);
    await expectError(await ctx.api(owner, 'POST', ws, '/backtests', { ...body, from: T0 + 1000 * DAY, to: T0 + 1100 * DAY }), 422, /No 1d bars/);
  });

  it('hides everything from non-members: 404 on every route', async () => {
    const s = await strategy(owner, BUY_AND_HOLD, { qty: { type: 'integer', default: 1 } });
    const b = await start(owner, { strategyVersionId: s.version.id, symbols: ['DEMO'], timeframe: '1d', from: T0, to: T0 + 50 * DAY, capital: 10_000 });
    const calls: [string, string, unknown?][] = [
      ['GET', '/strategies'],
      ['POST', '/strategies', { name: 'x', source: BUY_AND_HOLD }],
      ['GET', `/strategies/${s.id}`],
      ['GET', `/strategies/${s.id}/versions`],
      ['GET', `/strategies/${s.id}/versions/1`],
      ['POST', `/strategies/${s.id}/versions`, { source: BUY_AND_HOLD }],
      ['POST', `/strategies/${s.id}/archive`],
      ['POST', `/strategies/${s.id}/unarchive`],
      ['GET', '/backtests'],
      ['POST', '/backtests', { strategyVersionId: s.version.id, symbols: ['DEMO'], timeframe: '1d', from: T0, to: T0 + DAY, capital: 1 }],
      ['GET', `/backtests/${b.id}`],
      ['POST', `/backtests/${b.id}/cancel`],
    ];
    for (const [method, path, body] of calls) await expectError(await ctx.api(outsider, method, ws, path, body), 404);
    expect((await settled(b.id)).status).toBe('succeeded');
  });

  it('runs jobs side by side: a hostile or slow one neither blocks nor harms another, and cancel stops it', async () => {
    const slow = await strategy(member, SLOW);
    const looping = await strategy(member, 'export default { onBar() { for (;;) { /* forever */ } } };');
    const bomb = await strategy(member, 'const keep = [];\nexport default { onBar() { for (;;) keep.push(new Array(1e6).fill(7)); } };');
    const fine = await strategy(owner, BUY_AND_HOLD, { qty: { type: 'integer', default: 5 } });
    const range = { symbols: ['DEMO'], timeframe: '1d', from: T0, to: T0 + 400 * DAY, capital: 10_000 };
    const slowJob = await start(member, { ...range, strategyVersionId: slow.version.id });
    const loopJob = await start(member, { ...range, strategyVersionId: looping.version.id });
    const bombJob = await start(member, { ...range, strategyVersionId: bomb.version.id });
    const fineJob = await start(owner, { ...range, strategyVersionId: fine.version.id });

    expect((await settled(fineJob.id)).status).toBe('succeeded');
    const loop = await settled(loopJob.id);
    expect(loop).toMatchObject({ status: 'failed', error: { kind: 'timeout' } });
    const mem = await settled(bombJob.id);
    expect(mem).toMatchObject({ status: 'failed', error: { kind: 'memory' } });

    const cancelled = await ctx.json<Backtest>(await ctx.api(member, 'POST', ws, `/backtests/${slowJob.id}/cancel`), 202);
    expect(['running', 'cancelled', 'queued']).toContain(cancelled.status);
    expect((await settled(slowJob.id)).status).toBe('cancelled');
    expect((await fetch(`${ctx.url}/health`)).status).toBe(200);
    expect(ctx.logs.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });
});
