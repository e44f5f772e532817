import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Bar } from '@wealist/trading-sdk';
import type { DataSource } from 'typeorm';
import { TIMEFRAMES, type BarRow, type SeriesSummary, type Timeframe } from './market-data.types';

interface RawBar {
  symbol?: string;
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

interface RawSeries {
  symbol: string;
  timeframe: Timeframe;
  first_time: string;
  last_time: string;
  bar_count: string;
}

const BAR_COLUMNS = 'time, open, high, low, close, volume';

// bigint arrives as a string from pg; epoch ms stay far below 2^53.
function toBar(r: RawBar): Bar {
  return { time: Number(r.time), open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume };
}

function toSeries(r: RawSeries): SeriesSummary {
  return { symbol: r.symbol, timeframe: r.timeframe, first: Number(r.first_time), last: Number(r.last_time), count: Number(r.bar_count) };
}

/**
 * Reads of stored bars. Other features (backtests, live runners) code against streamMerged,
 * count, missingSymbols and recent; keep their signatures stable.
 */
@Injectable()
export class BarsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Bars of several symbols in [from, to] (epoch ms, inclusive), ordered by (time, symbol), in
   * batches of at most `batchSize`. Keyset pagination on bars_merged_idx: each page starts after
   * the last (time, symbol) seen, so memory stays flat however long the range is.
   */
  async *streamMerged(workspaceId: string, symbols: string[], timeframe: string, from: number, to: number, batchSize: number): AsyncGenerator<BarRow[]> {
    if (symbols.length === 0 || from > to) return;
    const size = Math.max(1, Math.floor(batchSize));
    let after: [number, string] = [from - 1, ''];
    for (;;) {
      const rows = (await this.db.query(
        `SELECT symbol, ${BAR_COLUMNS} FROM bars
          WHERE workspace_id = $1 AND timeframe = $2 AND symbol = ANY($3::varchar[])
            AND (time, symbol) > ($4::bigint, $5::varchar) AND time <= $6
          ORDER BY time, symbol LIMIT $7`,
        [workspaceId, timeframe, symbols, after[0], after[1], to, size],
      )) as RawBar[];
      if (rows.length === 0) return;
      const batch = rows.map((r) => ({ ...toBar(r), symbol: r.symbol as string }));
      yield batch;
      if (rows.length < size) return;
      const last = batch[batch.length - 1];
      after = [last.time, last.symbol];
    }
  }

  /** Bars of the symbols in [from, to] (epoch ms, inclusive): what a backtest is about to read. */
  async count(workspaceId: string, symbols: string[], timeframe: string, from: number, to: number): Promise<number> {
    if (symbols.length === 0 || from > to) return 0;
    const [row] = (await this.db.query(
      `SELECT count(*) AS n FROM bars WHERE workspace_id = $1 AND timeframe = $2 AND symbol = ANY($3::varchar[]) AND time BETWEEN $4 AND $5`,
      [workspaceId, timeframe, symbols, from, to],
    )) as { n: string }[];
    return Number(row.n);
  }

  /** The symbols (as given, without repeats) that have no bar at all in this timeframe. */
  async missingSymbols(workspaceId: string, symbols: string[], timeframe: string): Promise<string[]> {
    const unique = [...new Set(symbols)];
    if (unique.length === 0) return [];
    const rows = (await this.db.query(
      `SELECT symbol FROM market_series WHERE workspace_id = $1 AND timeframe = $2 AND symbol = ANY($3::varchar[]) AND bar_count > 0`,
      [workspaceId, timeframe, unique],
    )) as { symbol: string }[];
    const present = new Set(rows.map((r) => r.symbol));
    return unique.filter((s) => !present.has(s));
  }

  /** The latest `limit` bars of a series, oldest first (a live runner's warm-up history). */
  async recent(workspaceId: string, symbol: string, timeframe: string, limit: number): Promise<Bar[]> {
    if (limit <= 0) return [];
    const rows = (await this.db.query(
      `SELECT ${BAR_COLUMNS} FROM bars WHERE workspace_id = $1 AND symbol = $2 AND timeframe = $3 ORDER BY time DESC LIMIT $4`,
      [workspaceId, symbol, timeframe, Math.floor(limit)],
    )) as RawBar[];
    return rows.map(toBar).reverse();
  }

  /** Bars of one series in [from, to], ascending, at most `limit`. */
  async range(workspaceId: string, symbol: string, timeframe: string, from: number, to: number, limit: number): Promise<Bar[]> {
    const rows = (await this.db.query(
      `SELECT ${BAR_COLUMNS} FROM bars WHERE workspace_id = $1 AND symbol = $2 AND timeframe = $3 AND time BETWEEN $4 AND $5 ORDER BY time LIMIT $6`,
      [workspaceId, symbol, timeframe, from, to, limit],
    )) as RawBar[];
    return rows.map(toBar);
  }

  async listSeries(workspaceId: string): Promise<SeriesSummary[]> {
    const rows = (await this.db.query(
      `SELECT symbol, timeframe, first_time, last_time, bar_count FROM market_series
        WHERE workspace_id = $1 AND bar_count > 0 ORDER BY symbol, array_position($2::varchar[], timeframe)`,
      [workspaceId, [...TIMEFRAMES]],
    )) as RawSeries[];
    return rows.map(toSeries);
  }

  async findSeries(workspaceId: string, symbol: string, timeframe: string): Promise<SeriesSummary | null> {
    const [row] = (await this.db.query(
      `SELECT symbol, timeframe, first_time, last_time, bar_count FROM market_series
        WHERE workspace_id = $1 AND symbol = $2 AND timeframe = $3 AND bar_count > 0`,
      [workspaceId, symbol, timeframe],
    )) as RawSeries[];
    return row ? toSeries(row) : null;
  }

  /** Removes a series and its bars; false when there was none. */
  deleteSeries(workspaceId: string, symbol: string, timeframe: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const [, deleted] = (await m.query(`DELETE FROM market_series WHERE workspace_id = $1 AND symbol = $2 AND timeframe = $3`, [workspaceId, symbol, timeframe])) as [
        unknown,
        number,
      ];
      if (!deleted) return false;
      await m.query(`DELETE FROM bars WHERE workspace_id = $1 AND symbol = $2 AND timeframe = $3`, [workspaceId, symbol, timeframe]);
      return true;
    });
  }
}
