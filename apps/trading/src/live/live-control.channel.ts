import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SERVICE_CONFIG, type CommonEnv } from '@wealist/config';
import { closeRedisClient, REDIS_CLIENT } from '@wealist/redis';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

export type StopListener = (liveStrategyIds: string[]) => Promise<void>;

/**
 * Tells every instance that live strategies were stopped (stop, kill switch, failure), so the
 * one running each drops it at once instead of at its next status check. This instance's
 * runner is told directly and awaited; the others over Redis (DB 5, `trading:live:control`).
 */
@Injectable()
export class LiveControlChannel implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LiveControlChannel');
  private readonly subscriber: Redis;
  /** Marks our own publications, which come back over Redis and are ignored. */
  private readonly origin = randomUUID();
  private listener: StopListener = async () => undefined;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: CommonEnv,
  ) {
    this.subscriber = redis.duplicate({ connectionName: 'trading-live-control', lazyConnect: true });
  }

  private get channel(): string {
    return `${this.config.REDIS_KEY_PREFIX}trading:live:control`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber.on('message', (_channel: string, raw: string) => {
      try {
        const message = JSON.parse(raw) as { origin: string; stop: string[] };
        if (message.origin !== this.origin) void this.listener(message.stop);
      } catch (err) {
        this.logger.warn(`bad control message: ${String(err)}`);
      }
    });
    await this.subscriber.connect().catch((err: unknown) => this.logger.warn(`control connection not ready yet: ${String(err)}`));
    await this.subscriber.subscribe(this.channel);
  }

  onStop(listener: StopListener): void {
    this.listener = listener;
  }

  /** Stops the runs here (awaited) and tells the other instances. */
  async stopped(liveStrategyIds: string[]): Promise<void> {
    if (liveStrategyIds.length === 0) return;
    try {
      await this.redis.publish(this.channel, JSON.stringify({ origin: this.origin, stop: liveStrategyIds }));
    } catch (err) {
      // The status is stored: the other runners notice at their next status check.
      this.logger.warn(`stop broadcast failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.listener(liveStrategyIds);
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.subscriber);
  }
}
