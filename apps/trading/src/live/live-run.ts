import { ConflictException, Logger, UnprocessableEntityException } from '@nestjs/common';
import type { Bar } from '@wealist/trading-sdk';
import type { AccountSnapshot, Broker } from '../broker/broker.types';
import type { LiveBar } from '../market-data/live-bars.channel';
import { StrategyError, type LiveAccountView, type LiveSession, type LiveStepResult } from '../sandbox/sandbox.types';
import type { LiveSignalRow } from './live-signals.repository';
import type { LiveError, LiveStrategyRow } from './live-strategies.repository';

/** What a running live strategy needs from the service around it. */
export interface LiveRunDeps {
  broker: Broker;
  /** Stores the bar's signals (and their events); empty when the strategy is no longer active. */
  record(strategy: LiveStrategyRow, symbol: string, barTime: number, signals: LiveStepResult['signals']): Promise<LiveSignalRow[]>;
  /** Sends stored signals to the workspace's /ws/trading subscribers. */
  push(strategy: LiveStrategyRow, signals: LiveSignalRow[]): Promise<void>;
  /** Marks the strategy failed (user code broke); the runner then closes this run. */
  fail(strategy: LiveStrategyRow, error: LiveError): Promise<void>;
}

const logger = new Logger('LiveRun');

/**
 * One live strategy running in this process: bars are handled one at a time in arrival order.
 * Per bar: (a) the broker fills the account's pending orders on it, (b) the strategy sees the
 * bar and the account, its cancels and orders go to the broker, (c) its signals are stored,
 * emitted as events and pushed. The same order as the backtest engine, so no look-ahead.
 */
export class LiveRun {
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  /** Latest bar time handled per symbol: re-sent bars and bars already in the warm-up are skipped. */
  private readonly lastTime = new Map<string, number>();
  /** The strategy's local order ids → broker order ids, for its cancels (this session only). */
  private readonly brokerIds = new Map<number, string>();

  constructor(
    readonly strategy: LiveStrategyRow,
    private readonly session: LiveSession,
    private readonly deps: LiveRunDeps,
    warmedUpTo: Record<string, number> = {},
  ) {
    for (const [symbol, time] of Object.entries(warmedUpTo)) this.lastTime.set(symbol, time);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Queues a bar; resolves when it (and everything before it) has been handled. */
  enqueue(bar: LiveBar): Promise<void> {
    this.chain = this.chain.then(() =>
      this.step(bar).catch((err: unknown) => {
        // Infrastructure trouble (database, Redis) skips the bar but does not fail the user's strategy.
        logger.warn(`live strategy ${this.strategy.id}: bar ${bar.symbol}@${bar.time} skipped: ${err instanceof Error ? err.message : String(err)}`);
      }),
    );
    return this.chain;
  }

  /**
   * Stops handling bars at once; the isolate is disposed once the bar in hand (if any) is done.
   * Not awaited from inside a step (fail), which would wait for itself.
   */
  close(): Promise<void> {
    this.closed = true;
    return this.chain.then(() => this.session.dispose());
  }

  private async step(bar: LiveBar): Promise<void> {
    if (this.closed || !this.strategy.symbols.includes(bar.symbol)) return;
    // A bar pushed through another workspace's endpoint is that workspace's business.
    if (bar.workspaceId && bar.workspaceId !== this.strategy.workspaceId) return;
    if (bar.time <= (this.lastTime.get(bar.symbol) ?? -Infinity)) return;
    this.lastTime.set(bar.symbol, bar.time);
    const { symbol } = bar;
    const plain: Bar = { time: bar.time, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume };
    const accountId = this.strategy.paperAccountId;

    await this.deps.broker.onBar(symbol, plain, accountId);
    const account = await this.deps.broker.account(accountId);
    if (this.closed) return;
    let result: LiveStepResult;
    try {
      result = await this.session.onBar(symbol, plain, viewOf(account));
    } catch (err) {
      if (err instanceof StrategyError) return this.fail(err.toJSON());
      throw err;
    }
    if (this.closed) return;

    // Cancels reach orders of earlier bars; an order placed and cancelled on this bar is simply not sent.
    const cancels = new Set(result.cancels ?? []);
    await this.cancelAll(result.cancelAll ?? []);
    for (const localId of cancels) {
      const orderId = this.brokerIds.get(localId);
      if (orderId) await this.deps.broker.cancelOrder(accountId, orderId);
    }
    for (const order of (result.orders ?? []).filter((o) => !cancels.has(o.localId))) {
      try {
        const placed = await this.deps.broker.submitOrder(accountId, { ...order, decidedAt: bar.time, liveStrategyId: this.strategy.id, localId: order.localId });
        this.brokerIds.set(order.localId, placed.id);
      } catch (err) {
        if (err instanceof ConflictException) return; // stopped meanwhile: nothing more from this run
        // Same as the backtest engine, where an invalid order throws inside the strategy.
        if (err instanceof UnprocessableEntityException) return this.fail({ kind: 'runtime', message: `order rejected: ${err.message}` });
        throw err;
      }
    }
    const stored = await this.deps.record(this.strategy, symbol, bar.time, result.signals ?? []);
    if (stored.length > 0) await this.deps.push(this.strategy, stored);
  }

  /** `ctx.cancelAll(symbol?)`: this strategy's open orders of those symbols ('*': all of them), not the account's others. */
  private async cancelAll(symbols: string[]): Promise<void> {
    if (symbols.length === 0) return;
    const all = symbols.includes('*');
    for (const o of await this.deps.broker.openOrders(this.strategy.paperAccountId)) {
      if (o.liveStrategyId === this.strategy.id && (all || symbols.includes(o.symbol))) await this.deps.broker.cancelOrder(this.strategy.paperAccountId, o.id);
    }
  }

  private async fail(error: LiveError): Promise<void> {
    this.closed = true;
    await this.deps.fail(this.strategy, error);
  }
}

function viewOf(account: AccountSnapshot): LiveAccountView {
  return { cash: account.cash, equity: account.equity, positions: account.positions.map((p) => ({ symbol: p.symbol, qty: p.qty, avgPrice: p.avgPrice })) };
}
