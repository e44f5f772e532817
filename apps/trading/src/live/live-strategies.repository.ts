import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StrategyParams } from '@wealist/trading-sdk';
import type { DataSource, EntityManager } from 'typeorm';

export type LiveStatus = 'active' | 'stopped' | 'failed';

/** Why a live strategy failed, as the sandbox reports it (line/column of the user's source). */
export interface LiveError {
  kind: string;
  message: string;
  line?: number;
  column?: number;
}

export interface LiveStrategyRow {
  id: string;
  workspaceId: string;
  strategyVersionId: string;
  strategyName: string;
  symbols: string[];
  timeframe: string;
  params: StrategyParams;
  paperAccountId: string;
  status: LiveStatus;
  error: LiveError | null;
  activatedBy: string;
  createdAt: Date;
  stoppedAt: Date | null;
}

const COLUMNS = `id, workspace_id AS "workspaceId", strategy_version_id AS "strategyVersionId", strategy_name AS "strategyName",
  symbols, timeframe, params, paper_account_id AS "paperAccountId", status, error, activated_by AS "activatedBy",
  created_at AS "createdAt", stopped_at AS "stoppedAt"`;

export type NewLiveStrategy = Pick<LiveStrategyRow, 'workspaceId' | 'strategyVersionId' | 'strategyName' | 'symbols' | 'timeframe' | 'params' | 'paperAccountId' | 'activatedBy'>;

@Injectable()
export class LiveStrategiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(data: NewLiveStrategy): Promise<LiveStrategyRow> {
    const [row] = (await this.db.query(
      `INSERT INTO live_strategies (workspace_id, strategy_version_id, strategy_name, symbols, timeframe, params, paper_account_id, status, activated_by)
       VALUES ($1, $2, $3, $4::text[], $5, $6::jsonb, $7, 'active', $8) RETURNING ${COLUMNS}`,
      [data.workspaceId, data.strategyVersionId, data.strategyName, data.symbols, data.timeframe, JSON.stringify(data.params), data.paperAccountId, data.activatedBy],
    )) as LiveStrategyRow[];
    return row;
  }

  list(workspaceId: string): Promise<LiveStrategyRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM live_strategies WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC`, [workspaceId]);
  }

  async find(id: string): Promise<LiveStrategyRow | null> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM live_strategies WHERE id = $1`, [id])) as LiveStrategyRow[];
    return rows[0] ?? null;
  }

  async findInWorkspace(workspaceId: string, id: string): Promise<LiveStrategyRow | null> {
    const row = await this.find(id);
    return row?.workspaceId === workspaceId ? row : null;
  }

  /** Every active live strategy (the runners' resume scan). */
  active(): Promise<LiveStrategyRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM live_strategies WHERE status = 'active' ORDER BY created_at`);
  }

  /** Which of `ids` are still active. */
  async stillActive(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await this.db.query(`SELECT id FROM live_strategies WHERE id = ANY($1::uuid[]) AND status = 'active'`, [ids])) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Ends active live strategies (one, or all of a workspace for the kill switch). The row locks
   * of the UPDATE make signal and order writes of these strategies wait and then see the status.
   */
  async end(m: EntityManager, where: { id: string } | { workspaceId: string }, status: 'stopped' | 'failed', error: LiveError | null = null): Promise<LiveStrategyRow[]> {
    const [rows] = (await m.query(
      `UPDATE live_strategies SET status = $2, error = $3::jsonb, stopped_at = now()
       WHERE status = 'active' AND ${'id' in where ? 'id' : 'workspace_id'} = $1 RETURNING ${COLUMNS}`,
      ['id' in where ? where.id : where.workspaceId, status, error === null ? null : JSON.stringify(error)],
    )) as [LiveStrategyRow[], number];
    return rows;
  }

  /** Locks the row against a concurrent stop and tells whether it is still active. */
  async lockActive(m: EntityManager, id: string): Promise<boolean> {
    const rows = (await m.query(`SELECT status FROM live_strategies WHERE id = $1 FOR SHARE`, [id])) as { status: string }[];
    return rows[0]?.status === 'active';
  }
}
