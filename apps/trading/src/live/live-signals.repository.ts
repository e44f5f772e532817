import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface LiveSignalRow {
  id: string;
  seq: number;
  liveStrategyId: string;
  workspaceId: string;
  symbol: string;
  name: string;
  data: Record<string, unknown>;
  barTime: Date;
  createdAt: Date;
}

const COLUMNS = `id, seq, live_strategy_id AS "liveStrategyId", workspace_id AS "workspaceId", symbol, name, data, bar_time AS "barTime", created_at AS "createdAt"`;

type RawSignal = Omit<LiveSignalRow, 'seq'> & { seq: string };

const toRow = (r: RawSignal): LiveSignalRow => ({ ...r, seq: Number(r.seq) });

@Injectable()
export class LiveSignalsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, s: Pick<LiveSignalRow, 'liveStrategyId' | 'workspaceId' | 'symbol' | 'name' | 'data' | 'barTime'>): Promise<LiveSignalRow> {
    const [row] = (await m.query(
      `INSERT INTO live_signals (live_strategy_id, workspace_id, symbol, name, data, bar_time) VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING ${COLUMNS}`,
      [s.liveStrategyId, s.workspaceId, s.symbol, s.name, JSON.stringify(s.data), s.barTime],
    )) as RawSignal[];
    return toRow(row);
  }

  /** Newest first; `before` is the seq cursor of the previous page. */
  async list(liveStrategyId: string, before: number | null, limit: number): Promise<LiveSignalRow[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM live_signals WHERE live_strategy_id = $1 AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3`,
      [liveStrategyId, before, limit],
    )) as RawSignal[];
    return rows.map(toRow);
  }
}
