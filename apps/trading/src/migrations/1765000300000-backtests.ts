import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Backtests1765000300000 implements MigrationInterface {
  name = 'Backtests1765000300000';

  async up(q: QueryRunner): Promise<void> {
    // The table is the queue: workers claim rows with FOR UPDATE SKIP LOCKED, so several
    // instances share the work, and a row whose worker died (stale heartbeat) is claimed again.
    await q.query(`
      CREATE TABLE backtests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        strategy_id uuid NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
        strategy_version_id uuid NOT NULL REFERENCES strategy_versions(id) ON DELETE CASCADE,
        created_by uuid NOT NULL,
        plan_tier varchar(16) NOT NULL,
        symbols text[] NOT NULL,
        timeframe varchar(8) NOT NULL,
        from_ms bigint NOT NULL,
        to_ms bigint NOT NULL,
        capital double precision NOT NULL,
        commission jsonb NOT NULL DEFAULT '{}',
        slippage jsonb NOT NULL DEFAULT '{}',
        params jsonb NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        bars_total integer NOT NULL,
        bars_done integer NOT NULL DEFAULT 0,
        cpu_ms double precision NOT NULL DEFAULT 0,
        cancel_requested boolean NOT NULL DEFAULT false,
        attempts integer NOT NULL DEFAULT 0,
        error jsonb,
        metrics jsonb,
        result jsonb,
        worker_id varchar(64),
        heartbeat_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT backtests_range_check CHECK (from_ms <= to_ms)
      )`);
    await q.query(`CREATE INDEX backtests_queue_idx ON backtests (created_at) WHERE status IN ('queued', 'running')`);
    await q.query(`CREATE INDEX backtests_workspace_idx ON backtests (workspace_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS backtests`);
  }
}
