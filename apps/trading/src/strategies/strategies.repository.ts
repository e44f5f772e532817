import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface StrategyRow {
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  latest_version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

@Injectable()
export class StrategiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async insert(tx: EntityManager, s: { workspaceId: string; name: string; description: string; createdBy: string }): Promise<StrategyRow> {
    const [row] = (await tx.query(`INSERT INTO strategies (workspace_id, name, description, created_by) VALUES ($1, $2, $3, $4) RETURNING *`, [
      s.workspaceId,
      s.name,
      s.description,
      s.createdBy,
    ])) as StrategyRow[];
    return row;
  }

  async find(workspaceId: string, id: string, tx?: EntityManager, lock = false): Promise<StrategyRow | null> {
    const [row] = (await (tx ?? this.db).query(`SELECT * FROM strategies WHERE id = $1 AND workspace_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, workspaceId])) as StrategyRow[];
    return row ?? null;
  }

  async list(workspaceId: string, archived: boolean): Promise<StrategyRow[]> {
    return (await this.db.query(
      `SELECT * FROM strategies WHERE workspace_id = $1 AND (archived_at IS NOT NULL) = $2 ORDER BY created_at DESC, id DESC LIMIT 500`,
      [workspaceId, archived],
    )) as StrategyRow[];
  }

  async setArchived(workspaceId: string, id: string, archived: boolean): Promise<StrategyRow | null> {
    const [rows] = (await this.db.query(
      `UPDATE strategies SET archived_at = CASE WHEN $3 THEN coalesce(archived_at, now()) ELSE NULL END, updated_at = now()
       WHERE id = $1 AND workspace_id = $2 RETURNING *`,
      [id, workspaceId, archived],
    )) as [StrategyRow[], number];
    return rows[0] ?? null;
  }
}
