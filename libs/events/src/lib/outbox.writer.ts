import { randomUUID } from 'node:crypto';
import type { EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import type { EventContract, EventEnvelope } from './event.contract';

/** Marks a transaction's query runner as having written outbox rows (read after commit). */
const WROTE_OUTBOX = 'wealist.outboxWritten';

/**
 * Records domain events in the producer's outbox table, inside the caller's transaction: the
 * event exists if and only if the change it describes was committed. The relay publishes it.
 */
export class OutboxWriter {
  constructor(private readonly producer: string) {}

  async record<P>(manager: EntityManager, contract: EventContract<P>, payload: P): Promise<EventEnvelope<P>> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      // Outside a transaction the row could commit without the change (or the reverse).
      throw new Error(`${contract.type} must be recorded inside the transaction of the change it describes`);
    }
    const event: EventEnvelope<P> = {
      id: randomUUID(),
      type: contract.type,
      producer: this.producer,
      occurredAt: new Date().toISOString(),
      payload,
    };
    await manager.query(
      `INSERT INTO outbox_events (id, stream, type, producer, payload, occurred_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
      [event.id, contract.stream, event.type, event.producer, JSON.stringify(payload ?? null), event.occurredAt],
    );
    runner.data = { ...runner.data, [WROTE_OUTBOX]: true };
    return event;
  }
}

/** Wakes the relay right after a transaction that wrote events commits, instead of at the next poll. */
export class OutboxCommitSubscriber implements EntitySubscriberInterface {
  constructor(private readonly onCommit: () => void) {}

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    if (data?.[WROTE_OUTBOX]) {
      data[WROTE_OUTBOX] = false;
      this.onCommit();
    }
  }
}
