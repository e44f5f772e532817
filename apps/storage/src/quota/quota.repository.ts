import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** Advisory lock namespace of quota checks (the tree lock uses 2). */
const QUOTA_LOCK = 1;

@Injectable()
export class QuotaRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Serializes the quota decisions of one workspace until the transaction ends. */
  async lock(workspaceId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [QUOTA_LOCK, workspaceId]);
  }

  /**
   * Bytes a workspace holds or has reserved: completed files (trashed ones too, until purged)
   * and pending uploads whose presigned URLs are still valid.
   */
  async usedBytes(workspaceId: string, manager: EntityManager = this.db.manager, excludeFileId?: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT COALESCE(SUM(size), 0)::bigint AS used FROM files
        WHERE workspace_id = $1 AND id IS DISTINCT FROM $2::uuid
          AND (status = 'active' OR (status = 'pending' AND expires_at > now()))`,
      [workspaceId, excludeFileId ?? null],
    )) as { used: string }[];
    return Number(row.used);
  }

  async activeFileCount(workspaceId: string): Promise<number> {
    const [row] = (await this.db.query(`SELECT count(*)::int AS n FROM files WHERE workspace_id = $1 AND status = 'active'`, [workspaceId])) as {
      n: number;
    }[];
    return row.n;
  }
}
