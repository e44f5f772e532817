import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { closeRedisClient, REDIS_CLIENT } from '@wealist/redis';
import type { Redis } from 'ioredis';
import { BROKER, type Broker } from '../broker/broker.types';
import { PaperOrdersRepository } from '../broker/paper-orders.repository';
import { liveBarChannel, parseLiveBar } from '../market-data/live-bars.channel';
import { TradingPushChannel } from '../realtime/trading-push.channel';
import { StrategyError } from '../sandbox/sandbox.types';
import type { TradingConfig } from '../trading.config';
import { LiveControlChannel } from './live-control.channel';
import { LiveEnder } from './live-ender';
import { LiveLease } from './live-lease';
import { LiveRun, type LiveRunDeps } from './live-run';
import { LiveSessionFactory } from './live-session.factory';
import { LiveStrategiesRepository, type LiveStrategyRow } from './live-strategies.repository';
import { SignalRecorder } from './signal-recorder';

/**
 * Runs the active live strategies this instance holds a lease on. Bars arrive on Redis pub/sub
 * (`trading:bars:{timeframe}:{symbol}`, DB 5); each run handles its bars in order. Every third
 * of the lease it renews its leases, drops runs stopped elsewhere or whose lease it lost, and
 * takes over active strategies nobody holds (start-up, or an instance that died).
 */
@Injectable()
export class LiveRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveRunner');
  private readonly runs = new Map<string, LiveRun>();
  private readonly starting = new Map<string, Promise<boolean>>();
  /** Bar channel → ids of the runs here that listen to it. */
  private readonly channels = new Map<string, Set<string>>();
  private readonly subscriber: Redis;
  private readonly deps: LiveRunDeps;
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private shuttingDown = false;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: TradingConfig,
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(BROKER) broker: Broker,
    private readonly live: LiveStrategiesRepository,
    private readonly orders: PaperOrdersRepository,
    private readonly lease: LiveLease,
    private readonly sessions: LiveSessionFactory,
    private readonly ender: LiveEnder,
    private readonly control: LiveControlChannel,
    recorder: SignalRecorder,
    push: TradingPushChannel,
  ) {
    this.subscriber = redis.duplicate({ connectionName: 'trading-live-bars', lazyConnect: true });
    this.deps = {
      broker,
      record: (strategy, symbol, barTime, signals) => recorder.record(strategy, symbol, barTime, signals),
      push: async (strategy, signals) => {
        for (const s of signals) {
          await push.publish({
            workspaceId: strategy.workspaceId,
            event: 'signal',
            data: { id: s.id, liveStrategyId: strategy.id, workspaceId: strategy.workspaceId, symbol: s.symbol, name: s.name, data: s.data, barTime: s.barTime.toISOString() },
          });
        }
      },
      fail: async (strategy, error) => void (await this.ender.end({ id: strategy.id }, 'failed', error)),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscriber.on('message', (channel: string, raw: string) => this.receive(channel, raw));
    await this.subscriber.connect().catch((err: unknown) => this.logger.warn(`bar connection not ready yet: ${String(err)}`));
    this.control.onStop((ids) => this.stopLocal(ids));
    this.timer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.config.LIVE_LEASE_MS / 3)));
    this.timer.unref();
    void this.tick(); // resume what was active before this instance started
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    clearInterval(this.timer);
    await Promise.allSettled(this.starting.values());
    // Releasing the leases lets another instance resume these strategies right away.
    await this.stopLocal([...this.runs.keys()]);
    await closeRedisClient(this.subscriber);
  }

  /** Ids of the live strategies running in this process. */
  running(): string[] {
    return [...this.runs.keys()];
  }

  /**
   * Starts a live strategy here if this instance gets its lease; resolves false when another
   * instance holds it. User code that fails to start marks the strategy failed.
   */
  launch(row: LiveStrategyRow, resumed = false): Promise<boolean> {
    const pending = this.starting.get(row.id);
    if (pending) return pending;
    if (this.runs.has(row.id)) return Promise.resolve(true);
    const started = this.start(row, resumed).finally(() => this.starting.delete(row.id));
    this.starting.set(row.id, started);
    return started;
  }

  private async start(row: LiveStrategyRow, resumed: boolean): Promise<boolean> {
    if (this.shuttingDown || !(await this.lease.acquire(row.id, this.config.LIVE_LEASE_MS))) return false;
    try {
      // The previous session's pending orders belong to state that died with its isolate.
      if (resumed) await this.live.transaction((m) => this.orders.cancelOpenOfStrategies(m, [row.id]));
      const { session, warmedUpTo } = await this.sessions.open(row);
      const run = new LiveRun(row, session, this.deps, warmedUpTo);
      this.runs.set(row.id, run);
      for (const symbol of row.symbols) await this.listen(liveBarChannel(this.config.REDIS_KEY_PREFIX, row.timeframe, symbol), row.id);
      // A stop that landed while the session was starting found nothing to stop here.
      if (!(await this.live.stillActive([row.id])).has(row.id)) await this.stopLocal([row.id]);
      return true;
    } catch (err) {
      await this.lease.release(row.id).catch(() => undefined);
      if (err instanceof StrategyError) {
        await this.ender.end({ id: row.id }, 'failed', err.toJSON());
        return true;
      }
      throw err;
    }
  }

  /** Drops runs of this process (stopped, failed, lease lost, shutdown) and gives up their leases. */
  async stopLocal(ids: string[]): Promise<void> {
    for (const id of ids) {
      const run = this.runs.get(id);
      if (!run) continue;
      this.runs.delete(id);
      for (const [channel, listeners] of this.channels) {
        if (!listeners.delete(id) || listeners.size > 0) continue;
        this.channels.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
      // A run failing from inside its own step is not awaited: that step is what close() waits for.
      const selfClosing = run.isClosed;
      const closed = run.close();
      if (!selfClosing) await closed;
      await this.lease.release(id).catch(() => undefined);
    }
  }

  private async listen(channel: string, id: string): Promise<void> {
    const listeners = this.channels.get(channel) ?? new Set<string>();
    listeners.add(id);
    if (!this.channels.has(channel)) {
      this.channels.set(channel, listeners);
      await this.subscriber.subscribe(channel);
    }
  }

  private receive(channel: string, raw: string): void {
    const ids = this.channels.get(channel);
    if (!ids) return;
    const bar = parseLiveBar(raw);
    if (!bar) {
      this.logger.warn(`ignored a malformed bar on ${channel}`);
      return;
    }
    for (const id of ids) void this.runs.get(id)?.enqueue(bar);
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.shuttingDown) return;
    this.ticking = true;
    try {
      for (const id of [...this.runs.keys()]) {
        if (!(await this.lease.renew(id, this.config.LIVE_LEASE_MS))) {
          this.logger.warn(`lost the lease of live strategy ${id}; another instance runs it now`);
          await this.stopLocal([id]);
        }
      }
      const active = await this.live.stillActive([...this.runs.keys()]);
      await this.stopLocal([...this.runs.keys()].filter((id) => !active.has(id)));
      for (const row of await this.live.active()) {
        if (this.runs.has(row.id) || this.shuttingDown) continue;
        await this.launch(row, true).catch((err: unknown) => this.logger.warn(`resuming live strategy ${row.id} failed: ${err instanceof Error ? err.message : String(err)}`));
      }
    } catch (err) {
      this.logger.warn(`live runner check failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.ticking = false;
    }
  }
}
