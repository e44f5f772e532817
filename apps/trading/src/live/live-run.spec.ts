import { ConflictException } from '@nestjs/common';
import type { Bar } from '@wealist/trading-sdk';
import type { AccountSnapshot, Broker, BrokerOrder, SubmitOrder } from '../broker/broker.types';
import type { LiveBar } from '../market-data/live-bars.channel';
import { StrategyError, type LiveAccountView, type LiveSession, type LiveStepResult } from '../sandbox/sandbox.types';
import { LiveRun, type LiveRunDeps } from './live-run';
import type { LiveSignalRow } from './live-signals.repository';
import type { LiveError, LiveStrategyRow } from './live-strategies.repository';

const strategy: LiveStrategyRow = {
  id: 'live-1',
  workspaceId: 'ws-1',
  strategyVersionId: 'v-1',
  strategyName: 'Test',
  symbols: ['AAPL'],
  timeframe: '1m',
  params: {},
  paperAccountId: 'acc-1',
  status: 'active',
  error: null,
  activatedBy: 'u-1',
  createdAt: new Date(0),
  stoppedAt: null,
};

const bar = (time: number, extra: Partial<LiveBar> = {}): LiveBar => ({ symbol: 'AAPL', timeframe: '1m', time, open: 10, high: 11, low: 9, close: 10.5, volume: 1, ...extra });

/** Records the calls a run makes, in order. */
function fakes(step: (symbol: string, bar: Bar, account: LiveAccountView) => LiveStepResult) {
  const calls: string[] = [];
  const submitted: SubmitOrder[] = [];
  const failures: LiveError[] = [];
  let disposed = false;
  const account: AccountSnapshot = { accountId: 'acc-1', currency: 'USD', cash: 1_000, equity: 1_000, realizedPnl: 0, unrealizedPnl: 0, positions: [] };
  const broker: Broker = {
    kind: 'paper',
    onBar: async (symbol, b) => {
      calls.push(`fill ${symbol}@${b.time}`);
      return [];
    },
    account: async () => (calls.push('account'), account),
    submitOrder: async (_acc, o) => {
      calls.push(`submit ${o.localId}`);
      submitted.push(o);
      if (o.qty > 100) throw new ConflictException('Live strategy is not active');
      return { id: `broker-${o.localId}` } as BrokerOrder;
    },
    cancelOrder: async (_acc, id) => (calls.push(`cancel ${id}`), { id } as BrokerOrder),
    openOrders: async () => [
      { id: 'broker-1', liveStrategyId: 'live-1', symbol: 'AAPL' } as BrokerOrder,
      { id: 'manual', liveStrategyId: null, symbol: 'AAPL' } as BrokerOrder,
      { id: 'broker-7', liveStrategyId: 'live-1', symbol: 'MSFT' } as BrokerOrder,
    ],
    positions: async () => [],
  };
  const session: LiveSession = {
    onBar: async (symbol, b, view) => (calls.push(`onBar ${b.time}`), step(symbol, b, view)),
    cpuTimeMs: () => 0,
    dispose: () => void (disposed = true),
  };
  const deps: LiveRunDeps = {
    broker,
    record: async (_s, symbol, barTime, signals) => {
      calls.push(`record ${signals.length}`);
      return signals.map((s, i) => ({ id: `sig-${i}`, name: s.name, symbol, barTime: new Date(barTime) }) as LiveSignalRow);
    },
    push: async (_s, signals) => void calls.push(`push ${signals.map((s) => s.id).join(',')}`),
    fail: async (_s, error) => void failures.push(error),
  };
  return { calls, submitted, failures, session, deps, disposed: () => disposed };
}

describe('LiveRun', () => {
  it('per bar: fills first, then the strategy, its cancels and orders, then its signals', async () => {
    let n = 0;
    const f = fakes(() => {
      n++;
      if (n === 1) return { orders: [{ localId: 1, symbol: 'AAPL', side: 'buy', qty: 5 }], cancels: [], cancelAll: [], signals: [{ time: 0, symbol: 'AAPL', name: 'go' }] };
      return { orders: [], cancels: [1, 99], cancelAll: [], signals: [] };
    });
    const run = new LiveRun(strategy, f.session, f.deps);
    await run.enqueue(bar(60_000));
    await run.enqueue(bar(120_000));
    expect(f.calls).toEqual([
      'fill AAPL@60000', 'account', 'onBar 60000', 'submit 1', 'record 1', 'push sig-0',
      'fill AAPL@120000', 'account', 'onBar 120000', 'cancel broker-1', 'record 0',
    ]);
    // The order carries the decision bar's time: the broker fills it on a later bar only.
    expect(f.submitted[0]).toMatchObject({ decidedAt: 60_000, liveStrategyId: 'live-1', localId: 1 });
  });

  it('does not send an order cancelled on the bar it was placed; cancelAll cancels only its own orders of the symbol', async () => {
    let n = 0;
    const f = fakes(() => {
      n++;
      if (n === 1) {
        return {
          orders: [
            { localId: 1, symbol: 'AAPL', side: 'buy', qty: 5 },
            { localId: 2, symbol: 'AAPL', side: 'buy', qty: 5 },
          ],
          cancels: [2],
          cancelAll: [],
          signals: [],
        };
      }
      return { orders: [], cancels: [], cancelAll: ['AAPL'], signals: [] };
    });
    const run = new LiveRun(strategy, f.session, f.deps);
    await run.enqueue(bar(60_000));
    await run.enqueue(bar(120_000));
    expect(f.calls.filter((c) => c.startsWith('submit') || c.startsWith('cancel'))).toEqual(['submit 1', 'cancel broker-1']);
  });

  it('skips re-sent, stale, warm-up, foreign-symbol and other-workspace bars', async () => {
    const f = fakes(() => ({ orders: [], cancels: [], cancelAll: [], signals: [] }));
    const run = new LiveRun(strategy, f.session, f.deps, { AAPL: 60_000 });
    await run.enqueue(bar(60_000)); // already in the warm-up history
    await run.enqueue(bar(120_000));
    await run.enqueue(bar(120_000, { close: 11 })); // the same bar again
    await run.enqueue(bar(180_000, { symbol: 'MSFT' }));
    await run.enqueue(bar(180_000, { workspaceId: 'other' }));
    expect(f.calls.filter((c) => c.startsWith('onBar'))).toEqual(['onBar 120000']);
  });

  it('fails the run with the error of user code and handles no more bars', async () => {
    const f = fakes(() => {
      throw new StrategyError('runtime', 'boom is not defined', { line: 3, column: 7 });
    });
    const run = new LiveRun(strategy, f.session, f.deps);
    await run.enqueue(bar(60_000));
    await run.enqueue(bar(120_000));
    expect(f.failures).toEqual([{ kind: 'runtime', message: 'boom is not defined', line: 3, column: 7 }]);
    expect(f.calls.filter((c) => c.startsWith('onBar'))).toEqual(['onBar 60000']);
    await run.close();
    expect(f.disposed()).toBe(true);
  });

  it('stops placing orders once the broker says the strategy is no longer active', async () => {
    const f = fakes(() => ({
      orders: [
        { localId: 1, symbol: 'AAPL', side: 'buy', qty: 500 },
        { localId: 2, symbol: 'AAPL', side: 'buy', qty: 1 },
      ],
      cancels: [],
      cancelAll: [],
      signals: [{ time: 0, symbol: 'AAPL', name: 'late' }],
    }));
    await new LiveRun(strategy, f.session, f.deps).enqueue(bar(60_000));
    expect(f.calls).not.toContain('submit 2');
    expect(f.calls.some((c) => c.startsWith('record'))).toBe(false);
  });

  it('after close() nothing queued is handled and the isolate is disposed', async () => {
    const f = fakes(() => ({ orders: [], cancels: [], cancelAll: [], signals: [] }));
    const run = new LiveRun(strategy, f.session, f.deps);
    const first = run.enqueue(bar(60_000));
    const closed = run.close();
    void run.enqueue(bar(120_000));
    await Promise.all([first, closed]);
    expect(f.calls.filter((c) => c.startsWith('onBar'))).toEqual([]);
    expect(f.disposed()).toBe(true);
  });
});
