import type { QueryRunner } from 'typeorm';

/**
 * Tables the event mechanism needs in a service's own database. A service's migration calls
 * these (they are plain SQL, like every migration here), so the schema still changes only
 * through that service's migrations:
 *
 *   async up(q) { await createOutboxTable(q); }        // a producer
 *   async up(q) { await createProcessedEventsTable(q); } // a consumer
 */
export async function createOutboxTable(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE outbox_events (
      id uuid PRIMARY KEY,
      -- Insertion order; the relay publishes oldest first.
      seq bigint GENERATED ALWAYS AS IDENTITY,
      stream varchar(200) NOT NULL,
      type varchar(100) NOT NULL,
      producer varchar(50) NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  // Only unpublished rows are ever scanned by the relay; the partial index stays tiny.
  await q.query(`CREATE INDEX outbox_events_unpublished_idx ON outbox_events (seq) WHERE published_at IS NULL`);
  await q.query(`CREATE INDEX outbox_events_published_at_idx ON outbox_events (published_at) WHERE published_at IS NOT NULL`);
}

export async function dropOutboxTable(q: QueryRunner): Promise<void> {
  await q.query(`DROP TABLE outbox_events`);
}

/**
 * The consumer side's inbox: one row per (consumer group, event id) handled, written in the
 * handler's transaction, so a redelivered or re-published event has its effect once.
 */
export async function createProcessedEventsTable(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE processed_events (
      consumer varchar(100) NOT NULL,
      event_id uuid NOT NULL,
      type varchar(100) NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
  await q.query(`CREATE INDEX processed_events_processed_at_idx ON processed_events (processed_at)`);
}

export async function dropProcessedEventsTable(q: QueryRunner): Promise<void> {
  await q.query(`DROP TABLE processed_events`);
}
