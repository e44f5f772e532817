import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { defined } from '../common/defined';
import { BoardEntity } from './board.entity';

export type BoardChanges = Partial<Pick<BoardEntity, 'name' | 'description' | 'archivedAt'>>;

@Injectable()
export class BoardsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  create(data: Pick<BoardEntity, 'workspaceId' | 'projectId' | 'name' | 'description' | 'createdBy'>, m: EntityManager): Promise<BoardEntity> {
    return m.getRepository(BoardEntity).save(m.create(BoardEntity, data));
  }

  findById(id: string): Promise<BoardEntity | null> {
    return this.db.getRepository(BoardEntity).findOneBy({ id });
  }

  listForProject(projectId: string, includeArchived: boolean): Promise<BoardEntity[]> {
    return this.db.getRepository(BoardEntity).find({
      where: includeArchived ? { projectId } : { projectId, archivedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * The board's write lock: every change to the order of its columns or tasks takes it first,
   * so concurrent moves run one after another and each sees the order the previous one left.
   */
  lock(id: string, m: EntityManager): Promise<BoardEntity | null> {
    return m.getRepository(BoardEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: string, changes: BoardChanges, m: EntityManager): Promise<BoardEntity> {
    await m.getRepository(BoardEntity).update({ id }, { ...defined(changes), version: () => 'version + 1' });
    return m.getRepository(BoardEntity).findOneByOrFail({ id });
  }

  /** Hands out the next task number (#1, #2, ...); the board row is already locked. */
  async nextTaskNumber(id: string, m: EntityManager): Promise<number> {
    const [rows] = (await m.query('UPDATE boards SET task_counter = task_counter + 1 WHERE id = $1 RETURNING task_counter', [id])) as [
      { task_counter: number }[],
      number,
    ];
    return rows[0].task_counter;
  }
}
