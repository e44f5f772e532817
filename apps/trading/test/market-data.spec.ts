import { TEST_REDIS_URL } from '@wealist/testing';
import type { Bar } from '@wealist/trading-sdk';
import { Redis } from 'ioredis';
import { BarsRepository } from '../src/market-data/bars.repository';
import { liveBarChannel, parseLiveBar, type LiveBar } from '../src/market-data/live-bars.channel';
import type { BarRow } from '../src/market-data/market-data.types';
import { expectError, TradingTestContext, type TestUser } from './support/trading-test-context';

// Boots trading in-process plus a user service process; a 100k-bar import runs inside.
jest.setTimeout(90_000);

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 2, 0, 0);
const csv = (rows: string[], header = 'time,open,high,low,close,volume') => [header, ...rows].join('\n');
const row = (t: number, o = 10, h = 11, l = 9, c = 10.5, v = 100) => `${t},${o},${h},${l},${c},${v}`;

interface ImportResult {
  symbol: string;
  timeframe: string;
  inserted: number;
  updated: number;
  first: number;
  last: number;
  gaps: { from: number; to: number; missingBars: number }[];
  gapCount: number;
  seed?: number;
}
interface Page {
  bars: Bar[];
  nextFrom: number | null;
}

describe('trading: market data', () => {
  let ctx: TradingTestContext;
  let owner: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let ws: string;

  beforeAll(async () => {
    ctx = await TradingTestContext.start('trading_market');
    [owner, member, outsider] = await Promise.all([ctx.user('Olga Owner'), ctx.user('Max Member'), ctx.user('Otto Outsider')]);
    ws = await ctx.workspace(owner, [[member, 'member']]);
    await ctx.workspace(outsider);
  });
  afterAll(() => ctx?.stop());

  const bars = async (who: TestUser, path: string) => ctx.json<Page>(await ctx.api(who, 'GET', ws, path), 200);

  it('imports a CSV, reports gaps without filling them, lists the series and pages through bars', async () => {
    // 1h bars: 00:00, 01:00, then 02:00-03:00 missing, 04:00, 05:00; ISO and epoch seconds mixed.
    const rows = [row(T0), `2024-01-02T01:00:00Z,10.5,12,10,11,50`, row(T0 + 4 * H), `${(T0 + 5 * H) / 1000},10,10,10,10,0`];
    const result = await ctx.json<ImportResult>(await ctx.api(member, 'POST', ws, '/market-data/aapl/1h/import', csv(rows)), 201);
    expect(result).toEqual({
      symbol: 'AAPL',
      timeframe: '1h',
      inserted: 4,
      updated: 0,
      first: T0,
      last: T0 + 5 * H,
      gaps: [{ from: T0 + 2 * H, to: T0 + 3 * H, missingBars: 2 }],
      gapCount: 1,
      missingBars: 2,
      source: 'csv',
    });
    const list = await ctx.json<unknown[]>(await ctx.api(member, 'GET', ws, '/market-data'), 200);
    expect(list).toContainEqual({ symbol: 'AAPL', timeframe: '1h', first: T0, last: T0 + 5 * H, count: 4 });
    expect(await ctx.json(await ctx.api(member, 'GET', ws, '/market-data/AAPL/1h'), 200)).toMatchObject({ count: 4 });

    const all = await bars(member, '/market-data/AAPL/1h/bars');
    expect(all.bars.map((b) => b.time)).toEqual([T0, T0 + H, T0 + 4 * H, T0 + 5 * H]);
    expect(all.bars[1]).toEqual({ time: T0 + H, open: 10.5, high: 12, low: 10, close: 11, volume: 50 });
    const first = await bars(member, `/market-data/AAPL/1h/bars?from=${T0}&limit=2`);
    expect([first.bars.map((b) => b.time), first.nextFrom]).toEqual([[T0, T0 + H], T0 + 4 * H]);
    const next = await bars(member, `/market-data/AAPL/1h/bars?from=${first.nextFrom}&to=2024-01-02T04:00:00Z&limit=2`);
    expect([next.bars.map((b) => b.time), next.nextFrom]).toEqual([[T0 + 4 * H], null]);
  });

  it('rejects malformed rows by line number with 422 and stores nothing', async () => {
    const rows = [row(T0), `${T0 + H},x,11,9,10,5`, `${T0 + 2 * H},10,11`, `${T0 + 3 * H},10,11,9,10,-5`, row(T0 + 4 * H + 60_000), `soon,1,1,1,1,1`, row(T0 + 6 * H)];
    const body = await expectError(await ctx.api(member, 'POST', ws, '/market-data/BAD/1h/import', csv(rows)), 422, /5 invalid rows; nothing was imported/);
    expect(body['errors']).toEqual([
      { line: 3, message: expect.stringMatching(/open "x" is not a number/) },
      { line: 4, message: expect.stringMatching(/missing low, close, volume/) },
      { line: 5, message: expect.stringMatching(/volume must not be negative/) },
      { line: 6, message: expect.stringMatching(/not aligned to the timeframe/) },
      { line: 7, message: expect.stringMatching(/time "soon" is not an ISO-8601 date/) },
    ]);
    await expectError(await ctx.api(member, 'GET', ws, '/market-data/BAD/1h/bars'), 404, /symbol BAD/);
    await expectError(await ctx.api(member, 'POST', ws, '/market-data/BAD/1h/import', 'open,high\n1,2'), 422, /header.*missing: time, low, close/);
    await expectError(await ctx.api(member, 'POST', ws, '/market-data/BAD/1h/import', 'time,open,high,low,close,volume\n'), 422, /no data rows/);
    await expectError(await ctx.api(member, 'POST', ws, '/market-data/BAD/1h/import', { csv: 'no' }), 415, /text\/csv/);
  });

  it('rejects duplicate and out-of-order timestamps and inconsistent OHLC', async () => {
    const dup = await expectError(await ctx.api(member, 'POST', ws, '/market-data/DUP/1h/import', csv([row(T0), row(T0 + H), row(T0 + H), row(T0)])), 422);
    expect(dup['errors']).toEqual([
      { line: 4, message: expect.stringMatching(/duplicate timestamp .* \(also on line 3\)/) },
      { line: 5, message: expect.stringMatching(/out of order/) },
    ]);
    const ohlc = await expectError(await ctx.api(member, 'POST', ws, '/market-data/DUP/1h/import', csv([row(T0, 10, 9.5, 9, 10), row(T0 + H, 10, 12, 10.5, 11)])), 422);
    expect(ohlc['errors']).toEqual([
      { line: 2, message: expect.stringMatching(/high 9.5 is below max\(open, close, low\) 10/) },
      { line: 3, message: expect.stringMatching(/low 10.5 is above min\(open, close, high\) 10/) },
    ]);
    const list = await ctx.json<{ symbol: string }[]>(await ctx.api(member, 'GET', ws, '/market-data'), 200);
    expect(list.map((s) => s.symbol)).not.toContain('DUP');
  });

  it('refuses overlapping bars by default; owners merge or replace', async () => {
    const base = csv([row(T0), row(T0 + H), row(T0 + 2 * H)]);
    await ctx.json(await ctx.api(member, 'POST', ws, '/market-data/OVL/1h/import', base), 201);
    await expectError(
      await ctx.api(member, 'POST', ws, '/market-data/OVL/1h/import', csv([row(T0 + 2 * H), row(T0 + 3 * H)])),
      409,
      /already has a bar at 2024-01-02T02:00:00.000Z.*mode=merge/,
    );
    await expectError(await ctx.api(member, 'POST', ws, '/market-data/OVL/1h/import?mode=merge', base), 403, /owners or admins/);
    await expectError(await ctx.api(owner, 'POST', ws, '/market-data/OVL/1h/import?mode=upsert', base), 400, /mode must be one of/);
    const merged = await ctx.json<ImportResult>(await ctx.api(owner, 'POST', ws, '/market-data/OVL/1h/import?mode=merge', csv([row(T0 + 2 * H, 20, 21, 19, 20), row(T0 + 3 * H)])), 201);
    expect([merged.inserted, merged.updated]).toEqual([1, 1]);
    expect((await bars(member, '/market-data/OVL/1h/bars')).bars.map((b) => [b.time, b.open])).toEqual([
      [T0, 10],
      [T0 + H, 10],
      [T0 + 2 * H, 20],
      [T0 + 3 * H, 10],
    ]);
    await ctx.json(await ctx.api(owner, 'POST', ws, '/market-data/OVL/1h/import?mode=replace', csv([row(T0 + 10 * H)])), 201);
    expect(await ctx.json(await ctx.api(member, 'GET', ws, '/market-data/OVL/1h'), 200)).toMatchObject({ first: T0 + 10 * H, last: T0 + 10 * H, count: 1 });
  });

  it('validates read parameters: 400 for bad input, 404 naming an unknown symbol', async () => {
    await expectError(await ctx.api(member, 'GET', ws, `/market-data/AAPL/1h/bars?from=${T0 + H}&to=${T0}`), 400, /from .* is after to/);
    await expectError(await ctx.api(member, 'GET', ws, '/market-data/AAPL/1h/bars?from=yesterday'), 400, /from must be epoch milliseconds or an ISO-8601 date/);
    await expectError(await ctx.api(member, 'GET', ws, '/market-data/AAPL/1h/bars?limit=10001'), 400, /limit must not be greater than 10000/);
    await expectError(await ctx.api(member, 'GET', ws, '/market-data/AAPL/2h/bars'), 400, /timeframe "2h" is not one of/);
    await expectError(await ctx.api(member, 'GET', ws, '/market-data/-AAPL/1h/bars'), 400, /symbol "-AAPL" is invalid/);
    await expectError(await ctx.api(member, 'GET', ws, '/market-data/NOPE/1h/bars'), 404, /No 1h market data for symbol NOPE/);
    await expectError(await ctx.api(member, 'GET', ws, '/market-data/AAPL/1d/bars'), 404, /symbol AAPL/);
  });

  it('generates deterministic, backtest-ready sample series quickly', async () => {
    const ask = (symbol: string, seed: number) => ({ symbol, timeframe: '1m', from: '2024-03-01T00:00:00Z', bars: 100_000, seed, startPrice: 250, volatility: 0.5 });
    const started = Date.now();
    const a = await ctx.json<ImportResult>(await ctx.api(member, 'POST', ws, '/market-data/sample', ask(' demo ', 11)), 201);
    const elapsed = Date.now() - started;
    expect(a).toMatchObject({ symbol: 'DEMO', timeframe: '1m', inserted: 100_000, gaps: [], gapCount: 0, source: 'sample', seed: 11 });
    expect(a.last - a.first).toBe(99_999 * 60_000);
    expect(elapsed).toBeLessThan(20_000); // ~1-3 s locally; generous for loaded CI machines
    await ctx.json(await ctx.api(member, 'POST', ws, '/market-data/sample', { ...ask('DEMO2', 11), bars: 5_000 }), 201);
    const [one, two] = await Promise.all([bars(member, '/market-data/DEMO/1m/bars?limit=5000'), bars(member, '/market-data/DEMO2/1m/bars?limit=5000')]);
    expect(two.bars).toEqual(one.bars);
    expect(one.bars[0]).toMatchObject({ time: Date.UTC(2024, 2, 1), open: 250 });
    expect(one.bars.every((b) => b.high >= Math.max(b.open, b.close, b.low) && b.low <= Math.min(b.open, b.close) && b.low > 0 && b.volume >= 0)).toBe(true);
    await expectError(await ctx.api(member, 'POST', ws, '/market-data/sample', ask('DEMO', 11)), 409, /DEMO 1m already has a bar/);
    await expectError(await ctx.api(member, 'POST', ws, '/market-data/sample', { ...ask('X', 1), bars: 1_000_001 }), 400, /bars must not be greater than 1000000/);
    const random = await ctx.json<ImportResult>(await ctx.api(member, 'POST', ws, '/market-data/sample', { symbol: 'RND', timeframe: '1d', bars: 10 }), 201);
    expect(random.seed).toEqual(expect.any(Number));
    expect(random.last).toBeLessThan(Date.now());
  });

  it('streams bars of several symbols merged by (time, symbol) across batch boundaries', async () => {
    await ctx.json(await ctx.api(member, 'POST', ws, '/market-data/MA/5m/import', csv([0, 1, 2, 4].map((i) => row(T0 + i * 300_000)))), 201);
    await ctx.json(await ctx.api(member, 'POST', ws, '/market-data/MB/5m/import', csv([1, 2, 3, 4, 5].map((i) => row(T0 + i * 300_000)))), 201);
    const repo = ctx.service.app.get(BarsRepository);
    const batches: BarRow[][] = [];
    for await (const batch of repo.streamMerged(ws, ['MB', 'MA'], '5m', T0 + 300_000, T0 + 4 * 300_000, 3)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
    const order = batches.flat().map((b) => `${(b.time - T0) / 300_000}${b.symbol}`);
    expect(order).toEqual(['1MA', '1MB', '2MA', '2MB', '3MB', '4MA', '4MB']);
    expect(await repo.count(ws, ['MA', 'MB'], '5m', T0 + 300_000, T0 + 4 * 300_000)).toBe(7);
    expect(await repo.missingSymbols(ws, ['MA', 'ZZ', 'MB', 'ZZ'], '5m')).toEqual(['ZZ']);
    expect((await repo.recent(ws, 'MB', '5m', 2)).map((b) => b.time)).toEqual([T0 + 4 * 300_000, T0 + 5 * 300_000]);
  });

  it('stores and publishes live bars on Redis for owners and admins', async () => {
    const sub = new Redis(TEST_REDIS_URL, { db: 5, maxRetriesPerRequest: 1 });
    try {
      const received: LiveBar[] = [];
      sub.on('message', (_channel: string, raw: string) => received.push(parseLiveBar(raw) as LiveBar));
      await sub.subscribe(liveBarChannel(ctx.namespace, '1m', 'BTC/USD'));
      const t = Date.UTC(2024, 5, 1, 12, 30);
      const bar = { time: t, open: 100, high: 101, low: 99, close: 100.5, volume: 7 };
      const res = await ctx.json<{ created: boolean; receivers: number }>(await ctx.api(owner, 'POST', ws, '/market-data/btc%2Fusd/1m/live', bar), 201);
      expect(res).toMatchObject({ created: true, receivers: 1 });
      const again = await ctx.json<{ created: boolean }>(await ctx.api(owner, 'POST', ws, '/market-data/BTC%2FUSD/1m/live', { ...bar, close: 100.7 }), 201);
      expect(again.created).toBe(false);
      await waitFor(() => received.length === 2);
      expect(received).toEqual([
        { symbol: 'BTC/USD', timeframe: '1m', ...bar, workspaceId: ws },
        { symbol: 'BTC/USD', timeframe: '1m', ...bar, close: 100.7, workspaceId: ws },
      ]);
      expect((await bars(member, '/market-data/BTC%2FUSD/1m/bars')).bars).toEqual([{ ...bar, close: 100.7 }]);
      await expectError(await ctx.api(member, 'POST', ws, '/market-data/BTC%2FUSD/1m/live', bar), 403, /owners or admins/);
      await expectError(await ctx.api(owner, 'POST', ws, '/market-data/BTC%2FUSD/1m/live', { ...bar, high: 100 }), 400, /high 100 is below/);
      await expectError(await ctx.api(owner, 'POST', ws, '/market-data/BTC%2FUSD/1m/live', { ...bar, time: t + 1 }), 400, /not aligned/);
      await expectError(await ctx.api(owner, 'POST', ws, '/market-data/BTC%2FUSD/1m/live', { ...bar, open: 'x' }), 400, /open must be a number/);
      expect(received).toHaveLength(2);
    } finally {
      sub.disconnect();
    }
  });

  it('deletes a series (owners and admins)', async () => {
    await ctx.json(await ctx.api(member, 'POST', ws, '/market-data/GONE/1d/import', csv(['2024-01-02,1,1,1,1,1'])), 201);
    await expectError(await ctx.api(member, 'DELETE', ws, '/market-data/GONE/1d'), 403);
    expect((await ctx.api(owner, 'DELETE', ws, '/market-data/gone/1d')).status).toBe(204);
    await expectError(await ctx.api(owner, 'GET', ws, '/market-data/GONE/1d/bars'), 404, /GONE/);
    await expectError(await ctx.api(owner, 'DELETE', ws, '/market-data/GONE/1d'), 404, /GONE/);
  });

  it('answers 404 to non-members on every route', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/market-data'],
      ['GET', '/market-data/AAPL/1h'],
      ['GET', '/market-data/AAPL/1h/bars'],
      ['POST', '/market-data/AAPL/1h/import', csv([row(T0 + 100 * H)])],
      ['POST', '/market-data/sample', { symbol: 'X', timeframe: '1h', bars: 5 }],
      ['POST', '/market-data/AAPL/1h/live', { time: T0, open: 1, high: 1, low: 1, close: 1 }],
      ['DELETE', '/market-data/AAPL/1h'],
    ];
    for (const [method, path, body] of routes) await expectError(await ctx.api(outsider, method, ws, path, body), 404, /Workspace not found/);
    expect(await ctx.json(await ctx.api(member, 'GET', ws, '/market-data/AAPL/1h'), 200)).toMatchObject({ count: 4 });
  });
});

async function waitFor(check: () => boolean, ms = 3_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
