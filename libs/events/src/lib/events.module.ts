import {
  Global,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import { closeRedisClient, createRedisClient } from '@wealist/redis';
import { HealthRegistry, ServiceMetrics } from '@wealist/telemetry';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { EventBus, type EventsConfig } from './event-bus';
import { eventsMetrics, type EventsMetrics } from './events.metrics';
import { OutboxRelay } from './outbox.relay';
import { OutboxCommitSubscriber, OutboxWriter } from './outbox.writer';

/** Client on the bus DB (BUS_REDIS_DB) where the event streams live; keys carry REDIS_KEY_PREFIX. */
export const EVENTS_REDIS = Symbol('EVENTS_REDIS');
const EVENTS_METRICS = Symbol('EVENTS_METRICS');

export interface EventsModuleOptions {
  /** The service this app is: producer name of its events. */
  service: string;
  /** Records events (needs the outbox table) and relays them unless EVENTS_RELAY_ENABLED is off. */
  producer: boolean;
}

class EventsLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly config: EventsConfig,
    private readonly redis: Redis,
    private readonly health: HealthRegistry,
    private readonly bus: EventBus,
    private readonly relay: OutboxRelay | null,
    private readonly dataSource: DataSource | null,
  ) {}

  onModuleInit(): void {
    this.health.register({ name: 'event-bus', check: async () => void (await this.redis.ping()) });
  }

  onApplicationBootstrap(): void {
    if (!this.relay || !this.config.EVENTS_RELAY_ENABLED || !this.dataSource) return;
    const relay = this.relay;
    this.dataSource.subscribers.push(new OutboxCommitSubscriber(() => relay.wake()));
    relay.start();
  }

  /** Before the pools close: finish the batch and the entries in hand. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.bus.stopAll(), this.relay?.stop()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.redis);
  }
}

/**
 * Durable domain events over Redis Streams (see libs/events/README.md): OutboxWriter to record
 * events in the caller's transaction, the relay that publishes them, and EventBus to consume.
 * Needs ServiceConfigModule (with eventsEnvSpec), TelemetryModule and, for producers and
 * deduplicating consumers, DatabaseModule.
 */
@Global()
@Module({})
export class EventsModule {
  static forRoot(options: EventsModuleOptions): DynamicModule {
    return {
      module: EventsModule,
      providers: [
        {
          provide: EVENTS_REDIS,
          inject: [SERVICE_CONFIG],
          useFactory: (config: EventsConfig) =>
            createRedisClient({ url: config.REDIS_URL, db: config.BUS_REDIS_DB, connectionName: `${options.service}-events` }),
        },
        { provide: EVENTS_METRICS, inject: [ServiceMetrics], useFactory: (m: ServiceMetrics) => eventsMetrics(m) },
        { provide: OutboxWriter, useFactory: () => new OutboxWriter(options.service) },
        {
          provide: OutboxRelay,
          inject: [SERVICE_CONFIG, EVENTS_REDIS, EVENTS_METRICS, { token: DataSource, optional: true }],
          useFactory: (config: EventsConfig, redis: Redis, metrics: EventsMetrics, db?: DataSource) =>
            options.producer && db
              ? new OutboxRelay(db, redis, {
                  keyPrefix: config.REDIS_KEY_PREFIX,
                  batchSize: config.EVENTS_RELAY_BATCH_SIZE,
                  intervalMs: config.EVENTS_RELAY_INTERVAL_MS,
                  streamMaxLen: config.EVENTS_STREAM_MAXLEN,
                  retentionHours: config.EVENTS_RETENTION_HOURS,
                  metrics,
                })
              : null,
        },
        {
          provide: EventBus,
          inject: [SERVICE_CONFIG, EVENTS_REDIS, EVENTS_METRICS, { token: DataSource, optional: true }],
          useFactory: (config: EventsConfig, redis: Redis, metrics: EventsMetrics, db?: DataSource) =>
            new EventBus(config, redis, db ?? null, metrics),
        },
        {
          provide: EventsLifecycle,
          inject: [SERVICE_CONFIG, EVENTS_REDIS, HealthRegistry, EventBus, OutboxRelay, { token: DataSource, optional: true }],
          useFactory: (c: EventsConfig, r: Redis, h: HealthRegistry, b: EventBus, relay: OutboxRelay | null, db?: DataSource) =>
            new EventsLifecycle(c, r, h, b, relay, db ?? null),
        },
      ],
      exports: [EVENTS_REDIS, OutboxWriter, OutboxRelay, EventBus],
    };
  }
}
