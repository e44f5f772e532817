import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { defined } from '../common/defined';
import type { RangeShift } from '../common/positions';
import { ColumnEntity } from './column.entity';

export type ColumnChanges = Partial<Pick<ColumnEntity, 'name' | 'position' | 'archivedAt'>>;

@Injectable()
export class ColumnsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async createMany(board: { id: string; workspaceId: string }, names: readonly string[], m: EntityManager): Promise<ColumnEntity[]> {
    const repo = m.getRepository(ColumnEntity);
    return repo.save(names.map((name, position) => repo.create({ boardId: board.id, workspaceId: board.workspaceId, name, position })));
  }

  /** Inside a transaction pass its manager: a second pool connection per transaction can starve the pool. */
  findById(id: string, m: EntityManager = this.db.manager): Promise<ColumnEntity | null> {
    return m.getRepository(ColumnEntity).findOneBy({ id });
  }

  firstActive(boardId: string, m: EntityManager): Promise<ColumnEntity | null> {
    return m.getRepository(ColumnEntity).findOne({ where: { boardId, archivedAt: IsNull() }, order: { position: 'ASC' } });
  }

  /** Active columns in order, then archived ones (newest archived first) when asked for. */
  async list(boardId: string, includeArchived: boolean): Promise<ColumnEntity[]> {
    const repo = this.db.getRepository(ColumnEntity);
    const active = await repo.find({ where: { boardId, archivedAt: IsNull() }, order: { position: 'ASC' } });
    if (!includeArchived) return active;
    const archived = await repo.createQueryBuilder('c').where('c.board_id = :boardId AND c.archived_at IS NOT NULL', { boardId }).orderBy('c.archived_at', 'DESC').getMany();
    return [...active, ...archived];
  }

  lock(id: string, m: EntityManager): Promise<ColumnEntity | null> {
    return m.getRepository(ColumnEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  countActive(boardId: string, m: EntityManager): Promise<number> {
    return m.getRepository(ColumnEntity).countBy({ boardId, archivedAt: IsNull() });
  }

  async shift(boardId: string, plan: RangeShift | null, m: EntityManager): Promise<void> {
    if (!plan) return;
    await m.query('UPDATE board_columns SET position = position + $1 WHERE board_id = $2 AND position BETWEEN $3 AND $4', [
      plan.delta,
      boardId,
      plan.from,
      plan.to,
    ]);
  }

  async create(data: Pick<ColumnEntity, 'boardId' | 'workspaceId' | 'name' | 'position'>, m: EntityManager): Promise<ColumnEntity> {
    return m.getRepository(ColumnEntity).save(m.create(ColumnEntity, data));
  }

  async update(id: string, changes: ColumnChanges, m: EntityManager): Promise<ColumnEntity> {
    await m.getRepository(ColumnEntity).update({ id }, { ...defined(changes), version: () => 'version + 1' });
    return m.getRepository(ColumnEntity).findOneByOrFail({ id });
  }

  /** Whether an active column of the board already has this name (case-insensitive). */
  async nameTaken(boardId: string, name: string, exceptId: string | null, m: EntityManager): Promise<boolean> {
    const rows = (await m.query(
      'SELECT 1 FROM board_columns WHERE board_id = $1 AND archived_at IS NULL AND lower(name) = lower($2) AND id IS DISTINCT FROM $3 LIMIT 1',
      [boardId, name, exceptId],
    )) as unknown[];
    return rows.length > 0;
  }

  async taskCount(columnId: string, m: EntityManager): Promise<number> {
    const [row] = (await m.query('SELECT count(*)::int AS n FROM tasks WHERE column_id = $1', [columnId])) as { n: number }[];
    return row.n;
  }
}
