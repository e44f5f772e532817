import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { closeRedisClient, REDIS_CLIENT } from '@wealist/redis';
import { HealthRegistry } from '@wealist/telemetry';
import type { Redis } from 'ioredis';
import type { NotificationConfig } from '../notification.config';
import type { NotificationDto } from '../notifications/dto/notification.dto';

export type PushListener = (userId: string, notification: NotificationDto) => void;

/**
 * In-app push across instances: Redis pub/sub `noti:user:{userId}` (PLATFORM.md). The instance
 * that stored a notification publishes it; every instance hears every user's channel through
 * one pattern subscription and hands it to the sockets of that user it holds, if any.
 */
@Injectable()
export class UserChannel implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('UserChannel');
  private readonly subscriber: Redis;
  private listener: PushListener = () => undefined;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    private readonly health: HealthRegistry,
  ) {
    // Connected explicitly before subscribing: a subscription queued before the connection is
    // ready makes ioredis' ready check fail ("Connection in subscriber mode").
    this.subscriber = redis.duplicate({ connectionName: 'notification-push', lazyConnect: true });
  }

  private get prefix(): string {
    // Channels ignore the key prefix, so it is added by hand (tests run side by side under one).
    return `${this.config.REDIS_KEY_PREFIX}noti:user:`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber.on('pmessage', (_pattern: string, channel: string, raw: string) => {
      try {
        this.listener(channel.slice(this.prefix.length), JSON.parse(raw) as NotificationDto);
      } catch (err) {
        this.logger.warn(`bad push on ${channel}: ${String(err)}`);
      }
    });
    await this.subscriber.connect().catch((err: unknown) => this.logger.warn(`push connection not ready yet: ${String(err)}`));
    await this.subscriber.psubscribe(`${this.prefix}*`);
    this.health.register({ name: 'redis-push', check: async () => void (await this.subscriber.ping()) });
  }

  listen(listener: PushListener): void {
    this.listener = listener;
  }

  async publish(userId: string, notification: NotificationDto): Promise<void> {
    try {
      await this.redis.publish(`${this.prefix}${userId}`, JSON.stringify(notification));
    } catch (err) {
      // The notification is stored; the client sees it in the list, only the push is lost.
      this.logger.warn(`push to ${userId} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.subscriber);
  }
}
