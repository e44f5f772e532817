import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { defined } from '../common/defined';
import type { RangeShift } from '../common/positions';
import { TaskEntity } from './task.entity';

export interface TaskFilters {
  assigneeId?: string;
  label?: string;
  status?: string;
  columnId?: string;
  dueBefore?: Date;
  q?: string;
  /** Number of the last task of the previous page (newest first). */
  beforeNumber?: number;
}

export type NewTask = Pick<
  TaskEntity,
  'workspaceId' | 'projectId' | 'boardId' | 'columnId' | 'number' | 'title' | 'description' | 'assigneeId' | 'labels' | 'priority' | 'dueDate' | 'position' | 'createdBy'
>;
export type TaskChanges = Partial<Pick<TaskEntity, 'title' | 'description' | 'assigneeId' | 'labels' | 'priority' | 'dueDate' | 'columnId' | 'position'>>;

/** LIKE patterns match the text literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class TasksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  findById(id: string): Promise<TaskEntity | null> {
    return this.db.getRepository(TaskEntity).findOneBy({ id });
  }

  lock(id: string, m: EntityManager): Promise<TaskEntity | null> {
    return m.getRepository(TaskEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(data: NewTask, m: EntityManager): Promise<TaskEntity> {
    return m.getRepository(TaskEntity).save(m.create(TaskEntity, data));
  }

  async update(id: string, changes: TaskChanges, m: EntityManager): Promise<TaskEntity> {
    await m.getRepository(TaskEntity).update({ id }, { ...defined(changes), version: () => 'version + 1' });
    return m.getRepository(TaskEntity).findOneByOrFail({ id });
  }

  async remove(id: string, m: EntityManager): Promise<void> {
    await m.getRepository(TaskEntity).delete({ id });
  }

  countInColumn(columnId: string, m: EntityManager): Promise<number> {
    return m.getRepository(TaskEntity).countBy({ columnId });
  }

  /** Shifts a range of positions in one column; the deferred unique key is checked at commit. */
  async shift(columnId: string, plan: RangeShift | null, m: EntityManager): Promise<void> {
    if (!plan) return;
    await m.query('UPDATE tasks SET position = position + $1 WHERE column_id = $2 AND position BETWEEN $3 AND $4', [
      plan.delta,
      columnId,
      plan.from,
      plan.to,
    ]);
  }

  /** Object keys of a task's attachments, read before the rows cascade away with the task. */
  async attachmentKeys(taskId: string, m: EntityManager): Promise<string[]> {
    const rows = (await m.query('SELECT object_key FROM task_attachments WHERE task_id = $1', [taskId])) as { object_key: string }[];
    return rows.map((r) => r.object_key);
  }

  /** A page of a board's tasks, newest (highest number) first; fetches limit + 1 to know if more follow. */
  list(boardId: string, f: TaskFilters, limit: number): Promise<TaskEntity[]> {
    const qb = this.db.getRepository(TaskEntity).createQueryBuilder('t').where('t.board_id = :boardId', { boardId });
    if (f.assigneeId) qb.andWhere('t.assignee_id = :assigneeId', { assigneeId: f.assigneeId });
    if (f.label) qb.andWhere('t.labels @> ARRAY[:label]::text[]', { label: f.label.trim().toLowerCase() });
    if (f.columnId) qb.andWhere('t.column_id = :columnId', { columnId: f.columnId });
    if (f.status) {
      qb.andWhere(
        't.column_id IN (SELECT c.id FROM board_columns c WHERE c.board_id = :boardId AND c.archived_at IS NULL AND lower(c.name) = lower(:status))',
        { status: f.status.trim() },
      );
    }
    if (f.dueBefore) qb.andWhere('t.due_date < :dueBefore', { dueBefore: f.dueBefore });
    if (f.q) qb.andWhere('t.title ILIKE :pattern', { pattern: `%${escapeLike(f.q)}%` });
    if (f.beforeNumber !== undefined) qb.andWhere('t.number < :before', { before: f.beforeNumber });
    return qb.orderBy('t.number', 'DESC').limit(limit + 1).getMany();
  }

  /** Title search across a workspace's active boards, best trigram match first. */
  search(workspaceId: string, q: string, limit: number): Promise<TaskEntity[]> {
    return this.db
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .innerJoin('boards', 'b', 'b.id = t.board_id AND b.archived_at IS NULL')
      .addSelect('similarity(t.title, :q)', 'rank')
      .where('t.workspace_id = :workspaceId', { workspaceId })
      .andWhere('t.title ILIKE :pattern', { pattern: `%${escapeLike(q)}%` })
      .setParameter('q', q)
      .orderBy('rank', 'DESC')
      .addOrderBy('t.updated_at', 'DESC')
      .limit(limit)
      .getMany();
  }
}
