import type { ServiceApp } from '@wealist/bootstrap';
import { decodeEntry, TRADING_EVENTS_STREAM, type TradingSignalEvent } from '@wealist/events';
import { adminQuery, LogSink, signTestToken, TEST_REDIS_URL, testRedis } from '@wealist/testing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { LiveRunner } from '../src/live/live-runner';
import { liveBarChannel } from '../src/market-data/live-bars.channel';
import { createTradingApp } from '../src/trading.app';
import { expectError, TradingTestContext, type TestUser } from './support/trading-test-context';

jest.setTimeout(120_000);

const M = 60_000;
const T0 = Date.UTC(2030, 0, 1);
const bar = (i: number, close: number, open = close) => ({ time: T0 + i * M, open, high: Math.max(open, close) + 1, low: Math.min(open, close) - 1, close, volume: 100 });

// Buys once on the first close above 100 and says so.
const BREAKOUT = `export default {
  onBar(ctx) {
    if (!ctx.state.bought && ctx.bar.close > 100) {
      ctx.state.bought = true;
      ctx.buy(10);
      ctx.signal('breakout', { close: ctx.bar.close });
    }
  },
};
`;
const EVERY_BAR = `export default {
  onBar(ctx) {
    ctx.signal('tick', { close: ctx.bar.close });
    ctx.buy(1, { type: 'limit', limitPrice: 1 });
  },
};
`;
const FAILS_ABOVE_200 = `export default {
  onBar(ctx) {
    const missing = ctx.bar.close > 200 ? undefined : { boom: 1 };
    ctx.signal('ok', { boom: missing.boom });
  },
};
`;

interface Live {
  id: string;
  status: string;
  error: { kind: string; message: string; line?: number; column?: number } | null;
}
interface PushedSignal {
  id: string;
  liveStrategyId: string;
  symbol: string;
  name: string;
  data: Record<string, unknown>;
  barTime: string;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('trading: live strategies, signals and the kill switch', () => {
  let ctx: TradingTestContext;
  let owner: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let ws: string;
  let publisher: Redis;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ctx = await TradingTestContext.start('trading_live', { LIVE_LEASE_MS: '1500', EVENTS_RELAY_INTERVAL_MS: '100' });
    [owner, member, outsider] = await Promise.all([ctx.user('Olga Owner'), ctx.user('Max Member'), ctx.user('Otto Outsider')]);
    ws = await ctx.workspace(owner, [[member, 'member']]);
    await ctx.workspace(outsider);
    publisher = new Redis(TEST_REDIS_URL, { db: 5 });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    publisher?.disconnect();
    await ctx?.stop();
  });

  const strategyVersion = async (source: string, extra: Record<string, unknown> = {}, in_ = ws): Promise<string> => {
    const created = await ctx.json<{ version: { id: string } }>(await ctx.api(owner, 'POST', in_, '/strategies', { name: 'Live test', language: 'typescript', source, ...extra }), 201);
    return created.version.id;
  };
  const paperAccount = async (in_ = ws) => (await ctx.json<{ id: string }>(await ctx.api(owner, 'POST', in_, '/paper-accounts', { name: 'Paper', initialCash: 10_000 }), 201)).id;
  const activate = async (source: string, symbols = ['AAPL'], in_ = ws) => {
    const body = { strategyVersionId: await strategyVersion(source, {}, in_), symbols, timeframe: '1m', paperAccountId: await paperAccount(in_) };
    return ctx.json<Live & { paperAccountId: string }>(await ctx.api(owner, 'POST', in_, '/live-strategies', body), 201);
  };
  const get = async (id: string, in_ = ws) => ctx.json<Live>(await ctx.api(owner, 'GET', in_, `/live-strategies/${id}`), 200);
  const signals = async (id: string, in_ = ws) => (await ctx.json<{ items: PushedSignal[] }>(await ctx.api(owner, 'GET', in_, `/live-strategies/${id}/signals?limit=200`), 200)).items;
  /** Straight onto the live bar channel, as a feed does. */
  const publish = (symbol: string, b: ReturnType<typeof bar>) =>
    publisher.publish(liveBarChannel(ctx.config.REDIS_KEY_PREFIX, '1m', symbol), JSON.stringify({ symbol, timeframe: '1m', ...b }));
  const connect = (token: string, url = ctx.url): Promise<Socket> => {
    const socket = io(url, { path: '/ws/trading', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (err) => reject(err));
    });
  };
  const subscribe = (socket: Socket, workspaceId: string) =>
    socket.emitWithAck('subscribe', { workspaceId }) as Promise<{ ok: boolean; error?: { code: string; message: string } }>;

  it('turns a live bar into a pushed, stored and notified signal, and fills its order on the next bar', async () => {
    const live = await activate(BREAKOUT);
    expect(live).toMatchObject({ status: 'active', error: null });
    const socket = await connect(owner.token);
    expect(await subscribe(socket, ws)).toEqual({ ok: true, workspaceId: ws });
    const pushed: PushedSignal[] = [];
    socket.on('signal', (s: PushedSignal) => pushed.push(s));

    // Through market data's live endpoint: stored and published on trading:bars:1m:AAPL.
    const push = (i: number, close: number, open?: number) => ctx.api(owner, 'POST', ws, '/market-data/AAPL/1m/live', bar(i, close, open));
    expect((await push(0, 99)).status).toBe(201);
    expect((await push(1, 105)).status).toBe(201);
    const signal = await waitFor('the pushed signal', () => pushed[0]);
    expect(signal).toEqual({ id: expect.any(String), liveStrategyId: live.id, workspaceId: ws, symbol: 'AAPL', name: 'breakout', data: { close: 105 }, barTime: new Date(T0 + M).toISOString() });
    expect(await signals(live.id)).toEqual([expect.objectContaining({ id: signal.id, name: 'breakout', data: { close: 105 } })]);

    // The domain event: in the outbox with the signal, then on the bus stream for notification.
    const bus = testRedis(6, ctx.namespace);
    const event = await waitFor('the trading.signal event on the bus', async () =>
      (await bus.xrange(TRADING_EVENTS_STREAM, '-', '+')).map(([, f]) => decodeEntry(f)).find((e) => (e.payload as TradingSignalEvent).signalId === signal.id),
    );
    bus.disconnect();
    expect(event).toMatchObject({ type: 'trading.signal', producer: 'trading' });
    expect(event.payload).toEqual({
      signalId: signal.id,
      liveStrategyId: live.id,
      workspaceId: ws,
      strategyName: 'Live test',
      symbol: 'AAPL',
      name: 'breakout',
      barTime: signal.barTime,
      data: { close: 105 },
      recipientIds: [owner.id],
    });

    // Decided on bar 1, the market order fills at bar 2's open, never at bar 1's close.
    let account = await ctx.json<{ cash: number; positions: { qty: number; avgPrice: number }[] }>(await ctx.api(owner, 'GET', ws, `/paper-accounts/${live.paperAccountId}`), 200);
    expect(account.positions).toEqual([]);
    expect((await push(2, 110, 107)).status).toBe(201);
    account = await waitFor('the fill', async () => {
      const a = await ctx.json<typeof account>(await ctx.api(owner, 'GET', ws, `/paper-accounts/${live.paperAccountId}`), 200);
      return a.positions.length > 0 && a;
    });
    expect(account).toMatchObject({ cash: 10_000 - 1_070, positions: [{ symbol: 'AAPL', qty: 10, avgPrice: 107, lastPrice: 110, unrealizedPnl: 30 }] });
    expect(await signals(live.id)).toHaveLength(1);
    await ctx.api(owner, 'POST', ws, `/live-strategies/${live.id}/stop`);
  });

  it('marks a strategy whose code throws as failed, with the line, while the others keep running', async () => {
    const failing = await activate(FAILS_ABOVE_200, ['FAIL']);
    const healthy = await activate(EVERY_BAR, ['FAIL']);
    await publish('FAIL', bar(0, 150));
    await waitFor('both signals', async () => (await signals(failing.id)).length === 1 && (await signals(healthy.id)).length === 1);
    await publish('FAIL', bar(1, 250));
    const failed = await waitFor('the failure', async () => {
      const f = await get(failing.id);
      return f.status === 'failed' && f;
    });
    expect(failed.error).toMatchObject({ kind: 'runtime', message: expect.stringMatching(/boom/), line: 4 });
    await publish('FAIL', bar(2, 260));
    await waitFor('the healthy one to go on', async () => (await signals(healthy.id)).length === 3);
    expect(await get(healthy.id)).toMatchObject({ status: 'active' });
    expect(await signals(failing.id)).toHaveLength(1);
    expect(ctx.service.app.get(LiveRunner).running()).not.toContain(failing.id);
    await ctx.api(owner, 'POST', ws, `/live-strategies/${healthy.id}/stop`);
  });

  it('kill switch: owners and admins stop every live strategy of the workspace at once, nothing arrives after', async () => {
    const desk = await ctx.workspace(owner, [[member, 'member']]);
    const [a, b] = [await activate(EVERY_BAR, ['KILL'], desk), await activate(EVERY_BAR, ['KILL', 'KILL2'], desk)];
    const elsewhere = await activate(EVERY_BAR, ['KILL']); // another workspace: untouched
    const socket = await connect(member.token);
    expect((await subscribe(socket, desk)).ok).toBe(true);
    const pushed: PushedSignal[] = [];
    const stopped: { liveStrategyId: string; status: string }[] = [];
    socket.on('signal', (s: PushedSignal) => pushed.push(s));
    socket.on('live-strategy.stopped', (s: { liveStrategyId: string; status: string }) => stopped.push(s));
    await publish('KILL', bar(0, 50));
    await waitFor('signals of both', () => pushed.length === 2);
    const openOrders = async () =>
      (await adminQuery<{ n: number }>(`SELECT count(*)::int AS n FROM paper_orders WHERE status = 'open' AND live_strategy_id = ANY($1::uuid[])`, [[a.id, b.id]], ctx.db.name))[0].n;
    await waitFor('their open orders', async () => (await openOrders()) === 2);

    await expectError(await ctx.api(member, 'POST', desk, '/live-strategies/kill-switch'), 403, /owners or admins/);
    const result = await ctx.json<{ stopped: number; liveStrategyIds: string[] }>(await ctx.api(owner, 'POST', desk, '/live-strategies/kill-switch'), 200);
    expect(result.stopped).toBe(2);
    expect(result.liveStrategyIds.sort()).toEqual([a.id, b.id].sort());
    // Immediate: by the time it answered, no runner holds them and no order of theirs is open.
    expect(ctx.service.app.get(LiveRunner).running()).toEqual([elsewhere.id]);
    for (const id of [a.id, b.id]) expect(await get(id, desk)).toMatchObject({ status: 'stopped' });
    expect(await openOrders()).toBe(0);
    await waitFor('the stopped events', () => stopped.length === 2);
    expect(stopped.map((s) => s.status)).toEqual(['stopped', 'stopped']);

    await publish('KILL', bar(1, 51));
    await publish('KILL2', bar(1, 51));
    await waitFor('the other workspace to go on', async () => (await signals(elsewhere.id)).length === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(pushed).toHaveLength(2);
    expect((await signals(a.id, desk)).length + (await signals(b.id, desk)).length).toBe(2);
    expect(await get(elsewhere.id)).toMatchObject({ status: 'active' });
    expect((await ctx.json<{ stopped: number }>(await ctx.api(owner, 'POST', desk, '/live-strategies/kill-switch'), 200)).stopped).toBe(0);
    await ctx.api(owner, 'POST', ws, `/live-strategies/${elsewhere.id}/stop`);
  });

  it('refuses non-members on every route and socket subscription, and revoked tokens at the handshake', async () => {
    const live = await activate(EVERY_BAR, ['PRIV']);
    const routes: [string, string, unknown?][] = [
      ['POST', '/live-strategies', { strategyVersionId: randomUUID(), symbols: ['AAPL'], timeframe: '1m', paperAccountId: randomUUID() }],
      ['GET', '/live-strategies'],
      ['GET', `/live-strategies/${live.id}`],
      ['POST', `/live-strategies/${live.id}/stop`],
      ['POST', '/live-strategies/kill-switch'],
      ['GET', `/live-strategies/${live.id}/signals`],
    ];
    for (const [method, path, body] of routes) await expectError(await ctx.api(outsider, method, ws, path, body), 404, /Workspace not found/);
    await expectError(await ctx.api(member, 'POST', ws, `/live-strategies/${live.id}/stop`), 403, /owners or admins/);
    await expectError(await ctx.api(owner, 'GET', ws, `/live-strategies/${randomUUID()}`), 404, /Live strategy not found/);
    await expectError(await ctx.api(owner, 'POST', ws, '/live-strategies', { strategyVersionId: randomUUID(), symbols: [], timeframe: '7m', paperAccountId: 'x' }), 400, /symbols|timeframe/);
    const withParams = await strategyVersion(EVERY_BAR, { paramsSchema: { threshold: { type: 'number', default: 100, min: 0 } } });
    const bad = { strategyVersionId: withParams, symbols: ['PRIV'], timeframe: '1m', paperAccountId: live.paperAccountId };
    await expectError(await ctx.api(owner, 'POST', ws, '/live-strategies', { ...bad, params: { threshold: -1 } }), 422, /threshold/);
    await expectError(await ctx.api(owner, 'POST', ws, '/live-strategies', { ...bad, params: { nope: 1 } }), 422, /unknown parameter "nope"/);
    await expectError(await ctx.api(owner, 'POST', ws, '/live-strategies', { ...bad, paperAccountId: randomUUID() }), 404, /Paper account not found/);
    await expectError(await ctx.api(owner, 'POST', ws, '/live-strategies', { ...bad, strategyVersionId: randomUUID() }), 404, /Strategy version not found/);

    const intruder = await connect(outsider.token);
    expect(await subscribe(intruder, ws)).toEqual({ ok: false, error: { code: 'not-found', message: 'Workspace not found' } });
    const heard: unknown[] = [];
    intruder.on('signal', (s) => heard.push(s));
    await publish('PRIV', bar(0, 10));
    await waitFor('the signal', async () => (await signals(live.id)).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toEqual([]);

    const jti = randomUUID();
    const revoked = await signTestToken(ctx.keys, { sub: owner.id, jti });
    const auth = testRedis(0, ctx.namespace);
    await auth.set(`blacklist:${jti}`, '1', 'EX', 60);
    auth.disconnect();
    await expect(connect(revoked)).rejects.toThrow('Access token revoked');
    await expect(connect('garbage')).rejects.toThrow(/invalid/i);
    await ctx.api(owner, 'POST', ws, `/live-strategies/${live.id}/stop`);
  });

  it('runs each live strategy on one instance only; stops reach the other instance; a survivor takes over', async () => {
    const other: ServiceApp = await createTradingApp(ctx.config, { logDestination: new LogSink(), handleSignals: false });
    const otherUrl = await other.listen(0);
    try {
      const here = ctx.service.app.get(LiveRunner);
      const there = other.app.get(LiveRunner);
      const body = { strategyVersionId: await strategyVersion(EVERY_BAR), symbols: ['LEASE'], timeframe: '1m', paperAccountId: await paperAccount() };
      const res = await fetch(`${otherUrl}/api/trading/workspaces/${ws}/live-strategies`, { method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const live = await ctx.json<Live>(res, 201);
      expect(there.running()).toContain(live.id);
      await new Promise((r) => setTimeout(r, 700)); // a check of this instance passes: the lease is held
      expect(here.running()).not.toContain(live.id);
      await publish('LEASE', bar(0, 10));
      await waitFor('one signal', async () => (await signals(live.id)).length === 1);

      // Stopped through this instance, it stops on the other at once (control message over Redis).
      const res2 = await fetch(`${otherUrl}/api/trading/workspaces/${ws}/live-strategies`, { method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const second = await ctx.json<Live>(res2, 201);
      expect(there.running()).toContain(second.id);
      expect((await ctx.json<Live>(await ctx.api(owner, 'POST', ws, `/live-strategies/${second.id}/stop`), 200)).status).toBe('stopped');
      await waitFor('the other instance to drop it', () => !there.running().includes(second.id), 400);

      // The holder shuts down; this instance resumes it within a lease check.
      await other.close();
      await waitFor('the takeover', () => here.running().includes(live.id), 5_000);
      await publish('LEASE', bar(1, 11));
      await waitFor('a signal from the new holder', async () => (await signals(live.id)).length === 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(await signals(live.id)).toHaveLength(2); // never twice per bar
      await ctx.api(owner, 'POST', ws, `/live-strategies/${live.id}/stop`);
      expect(here.running()).not.toContain(live.id);
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});
