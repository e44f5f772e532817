import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { REDIS_CLIENT, closeRedisClient } from '@wealist/redis';
import { SERVICE_CONFIG } from '@wealist/config';
import { HealthRegistry } from '@wealist/telemetry';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { ChatConfig } from '../chat.config';
import { roomChannel, roomIdOfChannel, type RoomEvent } from './room-events';

export type RoomEventListener = (roomId: string, event: RoomEvent) => void;

/**
 * Room fan-out across instances: every event is handed to this process's listener at once and
 * published on the room's Redis channel for the other instances. This instance subscribes only
 * to rooms that have a socket here. Our own publications come back over Redis too; the
 * sequencers drop those copies, so local delivery never waits for the round trip.
 */
@Injectable()
export class RoomBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RoomBus');
  private readonly subscriber: Redis | null;
  /** Marks our own publications, which come back over Redis and are dropped unparsed. */
  private readonly origin = `${randomUUID()}|`;
  private listener: RoomEventListener = () => undefined;
  private resyncListener: () => void = () => undefined;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: ChatConfig,
    private readonly health: HealthRegistry,
  ) {
    // Connected explicitly (onModuleInit) before any subscription: one queued before the
    // connection is ready makes ioredis' ready check fail ("Connection in subscriber mode").
    this.subscriber = config.CHAT_REDIS_FANOUT ? redis.duplicate({ connectionName: 'chat-fanout', lazyConnect: true }) : null;
  }

  async onModuleInit(): Promise<void> {
    const subscriber = this.subscriber;
    if (!subscriber) return;
    // Redis being away at start-up is for readiness to report; ioredis keeps reconnecting.
    await subscriber.connect().catch((err: unknown) => this.logger.warn(`fan-out connection not ready yet: ${String(err)}`));
    subscriber.on('message', (channel: string, raw: string) => this.receive(channel, raw));
    // Every later 'ready' is a reconnect: the subscriptions are restored, but whatever was
    // published meanwhile is gone, so every room reads what it missed from PostgreSQL.
    subscriber.on('ready', () => this.resyncListener());
    this.health.register({ name: 'redis-fanout', check: async () => void (await subscriber.ping()) });
  }

  /** The one consumer of room events in this process (the room feeds). */
  listen(listener: RoomEventListener, onResync: () => void): void {
    this.listener = listener;
    this.resyncListener = onResync;
  }

  async publish(roomId: string, event: RoomEvent): Promise<void> {
    this.listener(roomId, event);
    if (!this.subscriber) return;
    try {
      await this.redis.publish(roomChannel(this.config.REDIS_KEY_PREFIX, roomId), this.origin + JSON.stringify(event));
    } catch (err) {
      // The message is stored; other instances fill the gap from the database on the next one.
      this.logger.warn(`publishing to room ${roomId} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async subscribe(roomId: string): Promise<void> {
    await this.subscriber?.subscribe(roomChannel(this.config.REDIS_KEY_PREFIX, roomId));
  }

  async unsubscribe(roomId: string): Promise<void> {
    await this.subscriber?.unsubscribe(roomChannel(this.config.REDIS_KEY_PREFIX, roomId));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.subscriber) await closeRedisClient(this.subscriber);
  }

  private receive(channel: string, raw: string): void {
    const roomId = roomIdOfChannel(channel);
    if (!roomId || raw.startsWith(this.origin)) return;
    try {
      this.listener(roomId, JSON.parse(raw.slice(raw.indexOf('|') + 1)) as RoomEvent);
    } catch (err) {
      this.logger.warn(`bad event on ${channel}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
