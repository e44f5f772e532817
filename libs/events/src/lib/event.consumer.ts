import { Logger } from '@nestjs/common';
import { closeRedisClient } from '@wealist/redis';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import { compareIds, ConsumerGroup, type StreamEntry } from './consumer-group';
import type { EventContract, EventEnvelope } from './event.contract';
import type { EventsMetrics } from './events.metrics';
import { deadLetterStream, decodeEntry, streamKey } from './stream-entry';

/**
 * Handles one event. With a DataSource, `tx` is the transaction that also records the event id
 * as processed: write the effect through it and it happens exactly once.
 */
export type EventHandler<P> = (event: EventEnvelope<P>, tx: EntityManager | null) => Promise<void>;

export interface EventConsumerOptions {
  /** The consuming service: the consumer group name and the dedup key. */
  group: string;
  consumerName: string;
  keyPrefix: string;
  /** Dedup and transactional handlers; without it handlers must be idempotent themselves. */
  dataSource?: DataSource;
  /** '0' (default): a new group first reads everything the streams still hold. */
  startFrom?: '0' | '$';
  blockMs: number;
  claimIdleMs: number;
  maxDeliveries: number;
  batchSize?: number;
  /** Processed ids older than this are forgotten (the dedup window); default 30 days. */
  retentionHours?: number;
  metrics?: EventsMetrics;
}

const CLEANUP_EVERY_MS = 10 * 60_000;

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'failed' | 'dead_lettered';

/**
 * A member of a consumer group reading the streams of the contracts it handles. Reads new
 * entries with XREADGROUP, acknowledges each after its handler committed, reclaims entries left
 * pending by dead or failing consumers with XAUTOCLAIM, and parks an entry in the group's
 * dead-letter stream after maxDeliveries attempts. Entries of types without a handler are
 * acknowledged untouched.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private readonly handlers = new Map<string, EventHandler<unknown>>();
  private readonly streams = new Set<string>();
  private readonly group: ConsumerGroup;
  private running?: Promise<void>;
  private stopping = false;
  private lastClaim = 0;
  private lastCleanup = 0;

  constructor(
    private readonly commands: Redis,
    private readonly blocking: Redis,
    private readonly options: EventConsumerOptions,
  ) {
    this.logger = new Logger(`EventConsumer:${options.group}`);
    this.group = new ConsumerGroup(commands, blocking, options.group, options.consumerName);
  }

  on<P>(contract: EventContract<P>, handler: EventHandler<P>): this {
    if (this.running) throw new Error('register handlers before start()');
    this.handlers.set(contract.type, handler as EventHandler<unknown>);
    this.streams.add(contract.stream);
    return this;
  }

  private get keys(): string[] {
    return [...this.streams].map((s) => streamKey(this.options.keyPrefix, s));
  }

  /**
   * Creates the group on every stream (so nothing emitted from now on is missed), then runs.
   * With Redis unreachable it still starts: the loop retries and creates the group on NOGROUP.
   */
  async start(): Promise<void> {
    if (this.running) return;
    try {
      if (this.blocking.status === 'end') await this.blocking.connect();
      await this.group.refreshBlockingId();
      await this.group.ensure(this.keys, this.options.startFrom ?? '0');
      for (const key of this.keys) await this.group.pruneIdleConsumers(key).catch(() => undefined);
    } catch (err) {
      this.logger.warn(`consumer group ${this.options.group} not ready yet, will retry: ${message(err)}`);
    }
    this.stopping = false;
    this.running = this.loop();
  }

  /** Lets the entry in hand finish (handled and acknowledged), then stops reading. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.group.interrupt();
    await this.running;
    this.running = undefined;
    await closeRedisClient(this.blocking);
  }

  /** One reclaim pass over every stream; returns how many entries it took over. */
  async reclaim(): Promise<number> {
    let taken = 0;
    for (const key of this.keys) {
      const entries = await this.group.autoclaim(key, this.options.claimIdleMs, this.options.batchSize ?? 50);
      const live = entries.filter((e) => e.fields !== null);
      const counts = await this.group.deliveries(key, live.map((e) => e.id));
      for (const entry of entries) {
        if (this.stopping) return taken;
        taken++;
        if (entry.fields === null) await this.group.ack(key, entry.id);
        else await this.process(entry, counts.get(entry.id) ?? 1);
      }
    }
    return taken;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        if (Date.now() - this.lastClaim >= this.options.claimIdleMs / 2) {
          this.lastClaim = Date.now();
          await this.reclaim();
        }
        if (Date.now() - this.lastCleanup >= CLEANUP_EVERY_MS) {
          this.lastCleanup = Date.now();
          await this.forgetOldIds();
        }
        const entries = await this.group.readNew(this.keys, this.options.batchSize ?? 50, this.options.blockMs);
        entries.sort((a, b) => compareIds(a.id, b.id));
        for (const entry of entries) {
          if (this.stopping) break;
          await this.process(entry, 1);
        }
        failures = 0;
      } catch (err) {
        if (this.stopping) break;
        failures++;
        if (err instanceof Error && err.message.startsWith('NOGROUP')) {
          // The stream was deleted (e.g. flushed); recreate the group and carry on.
          await this.group.ensure(this.keys, this.options.startFrom ?? '0').catch(() => undefined);
        } else {
          this.logger.warn(`reading ${this.keys.join(', ')} failed (attempt ${failures}): ${message(err)}`);
        }
        await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** failures, 5_000)));
      }
    }
  }

  private async process(entry: StreamEntry, deliveries: number): Promise<void> {
    const outcome = await this.handle(entry, deliveries);
    if (outcome !== 'failed') await this.group.ack(entry.key, entry.id);
  }

  private async handle(entry: StreamEntry, deliveries: number): Promise<Outcome> {
    let event: EventEnvelope;
    try {
      event = decodeEntry(entry.fields ?? []);
    } catch (err) {
      return this.deadLetter(entry, 'unknown', message(err));
    }
    const handler = this.handlers.get(event.type);
    if (!handler) return this.count(event.type, 'ignored');
    if (deliveries > this.options.maxDeliveries) {
      return this.deadLetter(entry, event.type, `gave up after ${deliveries - 1} deliveries`);
    }
    try {
      const handled = await this.runHandler(handler, event);
      return this.count(event.type, handled ? 'handled' : 'duplicate');
    } catch (err) {
      this.logger.warn(`handling ${event.type} ${event.id} failed (delivery ${deliveries}), will retry: ${message(err)}`);
      return this.count(event.type, 'failed');
    }
  }

  /** Runs the handler once per event id; false when the id was already processed. */
  private async runHandler(handler: EventHandler<unknown>, event: EventEnvelope): Promise<boolean> {
    const db = this.options.dataSource;
    if (!db) {
      await handler(event, null);
      return true;
    }
    return db.transaction(async (tx) => {
      // Concurrent copies of one event wait on this row's unique key; the loser inserts nothing.
      const inserted: unknown[] = await tx.query(
        `INSERT INTO processed_events (consumer, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.group, event.id, event.type],
      );
      if (inserted.length === 0) return false;
      await handler(event, tx);
      return true;
    });
  }

  private async forgetOldIds(): Promise<void> {
    await this.options.dataSource?.query(
      `DELETE FROM processed_events WHERE consumer = $1 AND processed_at < now() - make_interval(hours => $2)`,
      [this.options.group, this.options.retentionHours ?? 720],
    );
  }

  private async deadLetter(entry: StreamEntry, type: string, reason: string): Promise<Outcome> {
    const dead = streamKey(this.options.keyPrefix, deadLetterStream(this.options.group));
    await this.commands.xadd(dead, '*', 'stream', entry.key, 'entryId', entry.id, 'reason', reason, ...(entry.fields ?? []));
    this.logger.error(`parked ${type} entry ${entry.id} of ${entry.key} in ${dead}: ${reason}`);
    return this.count(type, 'dead_lettered');
  }

  private count(type: string, outcome: Outcome): Outcome {
    this.options.metrics?.consumed.inc({ group: this.options.group, type, outcome });
    return outcome;
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
