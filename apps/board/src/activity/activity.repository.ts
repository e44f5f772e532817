import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ActivityEntity } from './activity.entity';

export interface ActivityRecord {
  workspaceId: string;
  boardId: string;
  taskId?: string | null;
  actorId: string;
  action: string;
  details?: Record<string, unknown>;
}

/** History entries are written in the transaction of the change they describe. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: ActivityRecord, m: EntityManager): Promise<void> {
    await m.query('INSERT INTO activity (workspace_id, board_id, task_id, actor_id, action, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)', [
      entry.workspaceId,
      entry.boardId,
      entry.taskId ?? null,
      entry.actorId,
      entry.action,
      JSON.stringify(entry.details ?? {}),
    ]);
  }

  /** Newest first; `before` is the seq of the last entry of the previous page. */
  list(filter: { boardId: string } | { taskId: string }, before: string | undefined, limit: number): Promise<ActivityEntity[]> {
    const qb = this.db.getRepository(ActivityEntity).createQueryBuilder('a');
    if ('taskId' in filter) qb.where('a.task_id = :taskId', { taskId: filter.taskId });
    else qb.where('a.board_id = :boardId', { boardId: filter.boardId });
    if (before !== undefined) qb.andWhere('a.seq < :before', { before });
    return qb.orderBy('a.seq', 'DESC').limit(limit + 1).getMany();
  }
}
