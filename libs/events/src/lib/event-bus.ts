import type { CommonEnv } from '@wealist/config';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventConsumer } from './event.consumer';
import type { EventsEnv } from './events.config';
import type { EventsMetrics } from './events.metrics';

export type EventsConfig = CommonEnv & EventsEnv;

export interface ConsumerSpec {
  /** Consumer group: the consuming service's name, e.g. `notification`. */
  group: string;
  startFrom?: '0' | '$';
  /** false: no dedup table (the handlers are idempotent on their own). */
  transactional?: boolean;
}

/** Creates consumers on the bus and stops them all when the app shuts down. */
export class EventBus {
  private readonly consumers: EventConsumer[] = [];

  constructor(
    private readonly config: EventsConfig,
    private readonly redis: Redis,
    private readonly dataSource: DataSource | null,
    private readonly metrics?: EventsMetrics,
  ) {}

  /** A consumer of this process in `group`; register handlers with on(), then start(). */
  consumer(spec: ConsumerSpec): EventConsumer {
    const transactional = spec.transactional ?? true;
    if (transactional && !this.dataSource) throw new Error(`consumer ${spec.group} needs a database for dedup`);
    const consumer = new EventConsumer(this.redis, this.redis.duplicate({ connectionName: `${spec.group}-events-read` }), {
      group: spec.group,
      consumerName: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      keyPrefix: this.config.REDIS_KEY_PREFIX,
      dataSource: transactional ? (this.dataSource ?? undefined) : undefined,
      startFrom: spec.startFrom,
      blockMs: this.config.EVENTS_CONSUMER_BLOCK_MS,
      claimIdleMs: this.config.EVENTS_CLAIM_IDLE_MS,
      maxDeliveries: this.config.EVENTS_MAX_DELIVERIES,
      retentionHours: this.config.EVENTS_RETENTION_HOURS,
      metrics: this.metrics,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }
}
