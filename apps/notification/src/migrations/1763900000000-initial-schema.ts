import { createProcessedEventsTable, dropProcessedEventsTable } from '@wealist/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Insertion order: the list's cursor.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        user_id uuid NOT NULL,
        type varchar(50) NOT NULL,
        event_id uuid NOT NULL,
        workspace_id uuid,
        title varchar(300) NOT NULL,
        body text NOT NULL DEFAULT '',
        data jsonb NOT NULL DEFAULT '{}',
        -- false when the user turned in-app notifications of this type off (kept for e-mail/webhooks).
        in_app boolean NOT NULL DEFAULT true,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- One notification per event and recipient, however often the event arrives.
        CONSTRAINT notifications_event_user_key UNIQUE (event_id, user_id)
      )`);
    await q.query(`CREATE INDEX notifications_user_seq_idx ON notifications (user_id, seq DESC) WHERE in_app`);
    await q.query(`CREATE INDEX notifications_user_unread_idx ON notifications (user_id) WHERE in_app AND read_at IS NULL`);
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL,
        event_type varchar(50) NOT NULL,
        in_app boolean NOT NULL,
        email boolean NOT NULL,
        webhook boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, event_type)
      )`);
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        url varchar(2000) NOT NULL,
        -- Needed in clear to sign each delivery; shown to the owner once, at creation.
        secret varchar(200) NOT NULL,
        -- Empty: every event type.
        event_types varchar(50)[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_user_id_idx ON webhook_endpoints (user_id)`);
    await q.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        channel varchar(10) NOT NULL CHECK (channel IN ('email', 'webhook')),
        endpoint_id uuid REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- A 'sending' row whose lease ran out belonged to a worker that died; it is taken again.
        locked_until timestamptz,
        last_error text,
        last_status_code integer,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deliveries_endpoint_of_channel CHECK ((channel = 'webhook') = (endpoint_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status IN ('pending', 'sending')`);
    await q.query(`CREATE INDEX deliveries_endpoint_idx ON deliveries (endpoint_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE delivery_attempts (
        delivery_id uuid NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        duration_ms integer NOT NULL,
        succeeded boolean NOT NULL,
        status_code integer,
        error text,
        PRIMARY KEY (delivery_id, attempt)
      )`);
    await createProcessedEventsTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropProcessedEventsTable(q);
    await q.query(`DROP TABLE delivery_attempts`);
    await q.query(`DROP TABLE deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DROP TABLE notifications`);
  }
}
