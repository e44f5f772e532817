import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketData1765000100000 implements MigrationInterface {
  name = 'MarketData1765000100000';

  async up(q: QueryRunner): Promise<void> {
    // time: the bar's open time in epoch ms (what the SDK's Bar carries), so reads need no conversion.
    await q.query(`
      CREATE TABLE bars (
        workspace_id uuid NOT NULL,
        symbol varchar(32) NOT NULL,
        timeframe varchar(8) NOT NULL,
        time bigint NOT NULL,
        open double precision NOT NULL,
        high double precision NOT NULL,
        low double precision NOT NULL,
        close double precision NOT NULL,
        volume double precision NOT NULL,
        PRIMARY KEY (workspace_id, symbol, timeframe, time)
      )`);
    // Backtests over several symbols read bars merged in (time, symbol) order with keyset
    // pagination; this index serves that order directly instead of sorting every page.
    await q.query(`CREATE INDEX bars_merged_idx ON bars (workspace_id, timeframe, time, symbol)`);
    // One row per series: the listing without scanning millions of bars, and the row an import or
    // a live bar locks so that writers of the same series take turns.
    await q.query(`
      CREATE TABLE market_series (
        workspace_id uuid NOT NULL,
        symbol varchar(32) NOT NULL,
        timeframe varchar(8) NOT NULL CHECK (timeframe IN ('1m', '5m', '15m', '1h', '4h', '1d')),
        first_time bigint,
        last_time bigint,
        bar_count bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, symbol, timeframe)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS market_series`);
    await q.query(`DROP TABLE IF EXISTS bars`);
  }
}
