import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SERVICE_CONFIG, type CommonEnv } from '@wealist/config';
import { closeRedisClient, REDIS_CLIENT } from '@wealist/redis';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { liveBarChannel, parseLiveBar } from '../market-data/live-bars.channel';
import { TIMEFRAMES } from '../market-data/market-data.types';
import { PaperBroker } from './paper.broker';

/** How long an instance's claim on one bar lasts; only needs to outlive the other instances' copies. */
const CLAIM_MS = 60_000;
const REFRESH_MS = 5_000;

/**
 * Fills paper orders on live bars also on accounts no live strategy trades (manual orders), and
 * marks positions. It listens only to the symbols with open orders or positions (all
 * timeframes), refreshed from PostgreSQL, so other bars cost nothing. Every instance may hear a
 * bar; the first to claim it (SET NX on Redis DB 5) handles it. A live runner also fills its own
 * account before its strategy sees a bar; both hold the account lock, so an order fills once.
 */
@Injectable()
export class PaperFillFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PaperFillFeed');
  private readonly subscriber: Redis;
  private readonly listening = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: CommonEnv,
    @InjectDataSource() private readonly db: DataSource,
    private readonly broker: PaperBroker,
  ) {
    this.subscriber = redis.duplicate({ connectionName: 'trading-paper-fills', lazyConnect: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    // In arrival order, so a symbol's bars never fill out of sequence.
    this.subscriber.on('message', (_channel: string, raw: string) => void (this.chain = this.chain.then(() => this.handle(raw))));
    await this.subscriber.connect().catch((err: unknown) => this.logger.warn(`bar connection not ready yet: ${String(err)}`));
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
    await this.refresh();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await closeRedisClient(this.subscriber);
    await this.chain;
  }

  /** Listens to the symbols that have open paper orders or positions (called after a manual order too). */
  async refresh(): Promise<void> {
    try {
      const rows = (await this.db.query(
        `SELECT DISTINCT symbol FROM paper_orders WHERE status = 'open' UNION SELECT DISTINCT symbol FROM paper_positions`,
      )) as { symbol: string }[];
      const wanted = new Set(rows.flatMap((r) => TIMEFRAMES.map((tf) => liveBarChannel(this.config.REDIS_KEY_PREFIX, tf, r.symbol))));
      const add = [...wanted].filter((c) => !this.listening.has(c));
      const drop = [...this.listening].filter((c) => !wanted.has(c));
      if (add.length > 0) await this.subscriber.subscribe(...add);
      if (drop.length > 0) await this.subscriber.unsubscribe(...drop);
      add.forEach((c) => this.listening.add(c));
      drop.forEach((c) => this.listening.delete(c));
    } catch (err) {
      this.logger.warn(`refreshing paper fill channels failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async handle(raw: string): Promise<void> {
    const bar = parseLiveBar(raw);
    if (!bar) return;
    try {
      const claim = `trading:paper-fill:${bar.workspaceId ?? '*'}:${bar.timeframe}:${bar.symbol}:${bar.time}`;
      if ((await this.redis.set(claim, '1', 'PX', CLAIM_MS, 'NX')) !== 'OK') return;
      await this.broker.onFeedBar(bar.symbol, bar, bar.workspaceId);
    } catch (err) {
      this.logger.warn(`paper fills on ${bar.symbol}@${bar.time} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
