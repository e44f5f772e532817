import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Paper broker (accounts, orders, positions, fills) and live strategies with their signals.
 * Prices, quantities and money are double precision: the fill rules and the backtest engine
 * compute in floats, and the paper broker must give the same numbers as a backtest.
 */
export class LiveTrading1765000200000 implements MigrationInterface {
  name = 'LiveTrading1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE paper_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        name varchar(100) NOT NULL,
        currency varchar(3) NOT NULL DEFAULT 'USD',
        initial_cash double precision NOT NULL CHECK (initial_cash > 0),
        cash double precision NOT NULL,
        -- Price P&L of closed quantity minus every commission paid, so that
        -- equity = initial_cash + realized_pnl + unrealized P&L at all times.
        realized_pnl double precision NOT NULL DEFAULT 0,
        commission jsonb NOT NULL DEFAULT '{}',
        slippage jsonb NOT NULL DEFAULT '{}',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX paper_accounts_workspace_idx ON paper_accounts (workspace_id, created_at, id)`);

    await q.query(`
      CREATE TABLE paper_positions (
        account_id uuid NOT NULL REFERENCES paper_accounts(id) ON DELETE CASCADE,
        symbol varchar(32) NOT NULL,
        qty double precision NOT NULL,
        avg_price double precision NOT NULL,
        last_price double precision NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, symbol)
      )`);

    await q.query(`
      CREATE TABLE live_strategies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        strategy_version_id uuid NOT NULL REFERENCES strategy_versions(id),
        strategy_name varchar(200) NOT NULL,
        symbols text[] NOT NULL,
        timeframe varchar(10) NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        paper_account_id uuid NOT NULL REFERENCES paper_accounts(id),
        status varchar(10) NOT NULL CHECK (status IN ('active', 'stopped', 'failed')),
        error jsonb,
        activated_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        stopped_at timestamptz
      )`);
    await q.query(`CREATE INDEX live_strategies_workspace_idx ON live_strategies (workspace_id, created_at DESC, id DESC)`);
    // The runners' resume scan and the kill switch look only at active ones.
    await q.query(`CREATE INDEX live_strategies_active_idx ON live_strategies (workspace_id) WHERE status = 'active'`);

    // created_at is the time of the bar the order was decided on (or of the request for manual
    // orders): an order fills only on a bar that opens after it, which rules out look-ahead.
    await q.query(`
      CREATE TABLE paper_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Placement order: fills on one bar happen in it (as in the backtest) and it is the list cursor.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        account_id uuid NOT NULL REFERENCES paper_accounts(id) ON DELETE CASCADE,
        live_strategy_id uuid REFERENCES live_strategies(id),
        -- The strategy's own id of the order; not unique: a resumed session numbers from 1 again.
        local_id integer,
        symbol varchar(32) NOT NULL,
        side varchar(4) NOT NULL CHECK (side IN ('buy', 'sell')),
        type varchar(6) NOT NULL CHECK (type IN ('market', 'limit', 'stop')),
        qty double precision NOT NULL CHECK (qty > 0),
        limit_price double precision,
        stop_price double precision,
        status varchar(10) NOT NULL CHECK (status IN ('open', 'filled', 'cancelled')),
        created_at timestamptz NOT NULL,
        placed_at timestamptz NOT NULL DEFAULT now(),
        fill_price double precision,
        commission double precision,
        filled_at timestamptz,
        cancelled_at timestamptz
      )`);
    await q.query(`CREATE INDEX paper_orders_open_idx ON paper_orders (account_id, symbol) WHERE status = 'open'`);
    await q.query(`CREATE INDEX paper_orders_account_idx ON paper_orders (account_id, seq DESC)`);
    await q.query(`CREATE INDEX paper_orders_live_open_idx ON paper_orders (live_strategy_id) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE paper_fills (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES paper_accounts(id) ON DELETE CASCADE,
        order_id uuid NOT NULL REFERENCES paper_orders(id) ON DELETE CASCADE,
        symbol varchar(32) NOT NULL,
        side varchar(4) NOT NULL,
        qty double precision NOT NULL,
        price double precision NOT NULL,
        commission double precision NOT NULL,
        realized_pnl double precision NOT NULL,
        bar_time timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX paper_fills_account_idx ON paper_fills (account_id, created_at)`);

    await q.query(`
      CREATE TABLE live_signals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        live_strategy_id uuid NOT NULL REFERENCES live_strategies(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL,
        symbol varchar(32) NOT NULL,
        name varchar(100) NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        bar_time timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX live_signals_strategy_idx ON live_signals (live_strategy_id, seq DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['live_signals', 'paper_fills', 'paper_orders', 'live_strategies', 'paper_positions', 'paper_accounts']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
