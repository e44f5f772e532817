import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CompiledStrategy } from '../sandbox/sandbox.types';
import type { StrategyLanguage } from '../sandbox/strategy-compiler';
import type { ParamsSchema } from './params-schema';

/** An immutable version of a strategy, as runs use it. */
export interface StrategyVersionEntity {
  id: string;
  strategyId: string;
  workspaceId: string;
  /** The strategy's name (for signals and notifications). */
  name: string;
  version: number;
  language: StrategyLanguage;
  source: string;
  paramsSchema: ParamsSchema;
  compiled: CompiledStrategy;
  createdBy: string;
  createdAt: Date;
  /** Archived strategies keep their versions readable but cannot start new runs. */
  archived: boolean;
}

interface Row {
  id: string;
  strategy_id: string;
  workspace_id: string;
  name: string;
  version: number;
  language: StrategyLanguage;
  source: string;
  params_schema: ParamsSchema;
  compiled_code: string;
  source_map: string;
  created_by: string;
  created_at: Date;
  archived_at: Date | null;
}

const SELECT = `SELECT v.*, s.workspace_id, s.name, s.archived_at FROM strategy_versions v JOIN strategies s ON s.id = v.strategy_id`;

@Injectable()
export class StrategyVersionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findInWorkspace(workspaceId: string, versionId: string): Promise<StrategyVersionEntity | null> {
    const [row] = (await this.db.query(`${SELECT} WHERE v.id = $1 AND s.workspace_id = $2`, [versionId, workspaceId])) as Row[];
    return row ? toEntity(row) : null;
  }

  async list(strategyId: string): Promise<StrategyVersionEntity[]> {
    return ((await this.db.query(`${SELECT} WHERE v.strategy_id = $1 ORDER BY v.version DESC`, [strategyId])) as Row[]).map(toEntity);
  }

  async byNumber(strategyId: string, version: number): Promise<StrategyVersionEntity | null> {
    const [row] = (await this.db.query(`${SELECT} WHERE v.strategy_id = $1 AND v.version = $2`, [strategyId, version])) as Row[];
    return row ? toEntity(row) : null;
  }

  /** Appends the next version number under the strategy's row lock (taken by the caller). */
  async append(
    tx: EntityManager,
    strategyId: string,
    v: { language: StrategyLanguage; source: string; paramsSchema: ParamsSchema; compiled: CompiledStrategy; createdBy: string },
  ): Promise<number> {
    // UPDATE ... RETURNING answers [rows, affected] through TypeORM's postgres driver.
    const [rows] = (await tx.query(`UPDATE strategies SET latest_version = latest_version + 1, updated_at = now() WHERE id = $1 RETURNING latest_version`, [
      strategyId,
    ])) as [{ latest_version: number }[], number];
    const version = rows[0].latest_version;
    await tx.query(
      `INSERT INTO strategy_versions (strategy_id, version, language, source, params_schema, compiled_code, source_map, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [strategyId, version, v.language, v.source, JSON.stringify(v.paramsSchema), v.compiled.code, v.compiled.sourceMap, v.createdBy],
    );
    return version;
  }
}

function toEntity(r: Row): StrategyVersionEntity {
  return {
    id: r.id,
    strategyId: r.strategy_id,
    workspaceId: r.workspace_id,
    name: r.name,
    version: r.version,
    language: r.language,
    source: r.source,
    paramsSchema: r.params_schema,
    compiled: { code: r.compiled_code, sourceMap: r.source_map },
    createdBy: r.created_by,
    createdAt: r.created_at,
    archived: r.archived_at !== null,
  };
}
