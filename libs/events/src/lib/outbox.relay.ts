import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { EventsMetrics } from './events.metrics';
import { encodeEntry, streamKey } from './stream-entry';

export interface OutboxRelayOptions {
  keyPrefix: string;
  batchSize: number;
  intervalMs: number;
  streamMaxLen: number;
  retentionHours: number;
  metrics?: EventsMetrics;
}

interface OutboxRow {
  id: string;
  stream: string;
  type: string;
  producer: string;
  payload: unknown;
  occurred_at: Date;
}

const CLEANUP_EVERY_MS = 10 * 60_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * Moves committed outbox rows to their Redis streams. One batch is one transaction: claim the
 * oldest unpublished rows (FOR UPDATE SKIP LOCKED, so instances share the work without
 * blocking), XADD them in one MULTI, then mark them published. A crash after the XADD and
 * before the commit leaves the rows unpublished: they are sent again (same event id) and the
 * consumers' dedup drops the copy. Delivery is at-least-once; nothing committed is lost.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private running?: Promise<void>;
  private stopping = false;
  private wakeUp?: () => void;
  private woken = false;
  private failures = 0;
  private lastCleanup = 0;

  constructor(
    private readonly db: DataSource,
    private readonly redis: Redis,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Publish as soon as possible (called after a commit that wrote events). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Finishes the batch in flight, then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
    this.running = undefined;
  }

  /** Publishes one batch; returns how many events went out. */
  async publishBatch(): Promise<number> {
    const published = await this.db.transaction(async (m) => {
      const rows: OutboxRow[] = await m.query(
        `SELECT id, stream, type, producer, payload, occurred_at FROM outbox_events
          WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return [];
      const multi = this.redis.multi();
      for (const row of rows) {
        const fields = encodeEntry({
          id: row.id,
          type: row.type,
          producer: row.producer,
          occurredAt: new Date(row.occurred_at).toISOString(),
          payload: row.payload,
        });
        multi.xadd(streamKey(this.options.keyPrefix, row.stream), 'MAXLEN', '~', this.options.streamMaxLen, '*', ...fields);
      }
      const results = await multi.exec();
      const failed = results?.find(([err]) => err);
      if (!results || failed) throw new Error(`XADD failed: ${failed?.[0]?.message ?? 'transaction aborted'}`);
      await m.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      return rows;
    });
    for (const row of published) this.options.metrics?.published.inc({ stream: row.stream });
    return published.length;
  }

  /** Drops published rows older than the retention; the stream holds them from then on. */
  async cleanup(): Promise<void> {
    await this.db.query(`DELETE FROM outbox_events WHERE published_at < now() - make_interval(hours => $1)`, [
      this.options.retentionHours,
    ]);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.woken = false;
      let published = 0;
      try {
        published = await this.publishBatch();
        this.failures = 0;
        if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
          this.lastCleanup = Date.now();
          await this.cleanup();
        }
      } catch (err) {
        this.failures++;
        this.options.metrics?.relayFailures.inc();
        this.logger.warn(`outbox relay batch failed (attempt ${this.failures}), retrying: ${message(err)}`);
      }
      // A full batch means more may be waiting: go on at once unless failing.
      if (this.failures === 0 && published === this.options.batchSize) continue;
      if (this.woken && this.failures === 0) continue;
      const delay = this.failures > 0 ? Math.min(this.options.intervalMs * 2 ** this.failures, MAX_BACKOFF_MS) : this.options.intervalMs;
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
