import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SERVICE_CONFIG, type CommonEnv } from '@wealist/config';
import { closeRedisClient, REDIS_CLIENT } from '@wealist/redis';
import { HealthRegistry } from '@wealist/telemetry';
import type { Redis } from 'ioredis';

/** What /ws/trading clients of a workspace are sent (socket.io event name and its body). */
export interface TradingPush {
  workspaceId: string;
  event: 'signal' | 'live-strategy.stopped';
  data: Record<string, unknown>;
}

export type TradingPushListener = (push: TradingPush) => void;

/**
 * Push to /ws/trading across instances: the instance whose runner stored a signal publishes it
 * on Redis (DB 5, channel `trading:push`), every instance hears it and hands it to the sockets
 * of that workspace it holds. One channel for all workspaces: instances hold sockets of many.
 */
@Injectable()
export class TradingPushChannel implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('TradingPushChannel');
  private readonly subscriber: Redis;
  private listener: TradingPushListener = () => undefined;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: CommonEnv,
    private readonly health: HealthRegistry,
  ) {
    // Connected explicitly before subscribing (a queued subscription breaks ioredis' ready check).
    this.subscriber = redis.duplicate({ connectionName: 'trading-push', lazyConnect: true });
  }

  private get channel(): string {
    // Channels ignore the key prefix, so it is added by hand (tests run side by side under one).
    return `${this.config.REDIS_KEY_PREFIX}trading:push`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber.on('message', (_channel: string, raw: string) => {
      try {
        this.listener(JSON.parse(raw) as TradingPush);
      } catch (err) {
        this.logger.warn(`bad push: ${String(err)}`);
      }
    });
    await this.subscriber.connect().catch((err: unknown) => this.logger.warn(`push connection not ready yet: ${String(err)}`));
    await this.subscriber.subscribe(this.channel);
    this.health.register({ name: 'redis-push', check: async () => void (await this.subscriber.ping()) });
  }

  listen(listener: TradingPushListener): void {
    this.listener = listener;
  }

  async publish(push: TradingPush): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify(push));
    } catch (err) {
      // What was pushed is stored (signals, statuses); clients see it in the lists.
      this.logger.warn(`push to workspace ${push.workspaceId} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.subscriber);
  }
}
