import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BacktestStatus } from './dto/backtest.dto';

export interface BacktestRow {
  id: string;
  workspace_id: string;
  strategy_id: string;
  strategy_version_id: string;
  created_by: string;
  plan_tier: string;
  symbols: string[];
  timeframe: string;
  from_ms: string;
  to_ms: string;
  capital: number;
  commission: Record<string, number>;
  slippage: Record<string, number>;
  params: Record<string, unknown>;
  status: BacktestStatus;
  bars_total: number;
  bars_done: number;
  cpu_ms: number;
  cancel_requested: boolean;
  attempts: number;
  error: Record<string, unknown> | null;
  metrics: Record<string, unknown> | null;
  result?: Record<string, unknown> | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export type NewBacktest = Pick<
  BacktestRow,
  'workspace_id' | 'strategy_id' | 'strategy_version_id' | 'created_by' | 'plan_tier' | 'symbols' | 'timeframe' | 'capital' | 'commission' | 'slippage' | 'params' | 'bars_total'
> & { from_ms: number; to_ms: number };

/** A worker that has not beaten its heartbeat for this long is presumed dead; its job is claimed again. */
export const STALE_AFTER_S = 60;
const MAX_ATTEMPTS = 3;
const COLUMNS = `id, workspace_id, strategy_id, strategy_version_id, created_by, plan_tier, symbols, timeframe, from_ms, to_ms, capital, commission, slippage,
  params, status, bars_total, bars_done, cpu_ms, cancel_requested, attempts, error, metrics, created_at, started_at, finished_at`;

/** JSON for jsonb: Infinity (a profit factor without losses) and NaN become null. */
const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x));

@Injectable()
export class BacktestsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(b: NewBacktest): Promise<BacktestRow> {
    const [row] = (await this.db.query(
      `INSERT INTO backtests (workspace_id, strategy_id, strategy_version_id, created_by, plan_tier, symbols, timeframe, from_ms, to_ms, capital, commission, slippage, params, bars_total)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${COLUMNS}`,
      [b.workspace_id, b.strategy_id, b.strategy_version_id, b.created_by, b.plan_tier, b.symbols, b.timeframe, b.from_ms, b.to_ms, b.capital, json(b.commission), json(b.slippage), json(b.params), b.bars_total],
    )) as BacktestRow[];
    return row;
  }

  async activeCount(workspaceId: string): Promise<number> {
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM backtests WHERE workspace_id = $1 AND status IN ('queued', 'running')`, [workspaceId])) as { n: number }[];
    return n;
  }

  async find(workspaceId: string, id: string, withResult = false): Promise<BacktestRow | null> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS}${withResult ? ', result' : ''} FROM backtests WHERE id = $1 AND workspace_id = $2`, [id, workspaceId])) as BacktestRow[];
    return row ?? null;
  }

  async list(workspaceId: string, strategyId: string | undefined, limit: number): Promise<BacktestRow[]> {
    return (await this.db.query(
      `SELECT ${COLUMNS} FROM backtests WHERE workspace_id = $1 AND ($2::uuid IS NULL OR strategy_id = $2) ORDER BY created_at DESC, id DESC LIMIT $3`,
      [workspaceId, strategyId ?? null, limit],
    )) as BacktestRow[];
  }

  /**
   * Claims the next job: queued ones, or running ones whose worker stopped beating. Workspaces
   * with fewer running jobs go first, so one team's queue of long runs does not starve others.
   */
  async claim(workerId: string): Promise<BacktestRow | null> {
    const [rows] = (await this.db.query(
      `UPDATE backtests SET status = 'running', worker_id = $1, started_at = coalesce(started_at, now()), heartbeat_at = now(), attempts = attempts + 1
       WHERE id = (
         SELECT b.id FROM backtests b
         WHERE (b.status = 'queued' OR (b.status = 'running' AND b.heartbeat_at < now() - make_interval(secs => $2))) AND NOT b.cancel_requested
         ORDER BY (SELECT count(*) FROM backtests r WHERE r.workspace_id = b.workspace_id AND r.status = 'running'), b.created_at
         LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [workerId, STALE_AFTER_S],
    )) as [BacktestRow[], number];
    return rows[0] ?? null;
  }

  /** Progress and heartbeat; answers whether cancellation was asked for meanwhile. */
  async progress(id: string, workerId: string, barsDone: number, cpuMs: number): Promise<{ cancel: boolean; lost: boolean }> {
    const [rows] = (await this.db.query(
      `UPDATE backtests SET bars_done = $3, cpu_ms = $4, heartbeat_at = now() WHERE id = $1 AND worker_id = $2 AND status = 'running' RETURNING cancel_requested`,
      [id, workerId, barsDone, cpuMs],
    )) as [{ cancel_requested: boolean }[], number];
    return { cancel: rows[0]?.cancel_requested ?? false, lost: rows.length === 0 };
  }

  async finish(
    id: string,
    workerId: string,
    outcome: { status: 'succeeded' | 'failed' | 'cancelled'; barsDone: number; cpuMs: number; error?: unknown; metrics?: unknown; result?: unknown },
  ): Promise<void> {
    await this.db.query(
      `UPDATE backtests SET status = $3, bars_done = $4, cpu_ms = $5, error = $6, metrics = $7, result = $8, finished_at = now(), heartbeat_at = NULL
       WHERE id = $1 AND worker_id = $2 AND status = 'running'`,
      [id, workerId, outcome.status, outcome.barsDone, outcome.cpuMs, outcome.error ? json(outcome.error) : null, outcome.metrics ? json(outcome.metrics) : null, outcome.result ? json(outcome.result) : null],
    );
  }

  /** Back to the queue (this instance is shutting down): another instance continues it. */
  async release(id: string, workerId: string): Promise<void> {
    await this.db.query(
      `UPDATE backtests SET status = 'queued', worker_id = NULL, heartbeat_at = NULL, bars_done = 0, attempts = greatest(attempts - 1, 0)
       WHERE id = $1 AND worker_id = $2 AND status = 'running'`,
      [id, workerId],
    );
  }

  /** Jobs that crashed their worker again and again are failed instead of claimed forever. */
  async failExhausted(): Promise<void> {
    await this.db.query(
      `UPDATE backtests SET status = 'failed', finished_at = now(), error = $2
       WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1) AND attempts >= ${MAX_ATTEMPTS}`,
      [STALE_AFTER_S, json({ kind: 'worker', message: `the backtest stopped its worker ${MAX_ATTEMPTS} times` })],
    );
  }

  /** Queued jobs are cancelled at once; running ones are flagged and stopped by their worker. */
  async requestCancel(workspaceId: string, id: string): Promise<BacktestRow | null> {
    const [rows] = (await this.db.query(
      `UPDATE backtests SET cancel_requested = true,
         status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
         finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
       WHERE id = $1 AND workspace_id = $2 RETURNING ${COLUMNS}`,
      [id, workspaceId],
    )) as [BacktestRow[], number];
    return rows[0] ?? null;
  }
}
