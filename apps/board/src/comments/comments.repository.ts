import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CommentEntity } from './comment.entity';

@Injectable()
export class CommentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(data: Pick<CommentEntity, 'workspaceId' | 'boardId' | 'taskId' | 'authorId' | 'body'>, m: EntityManager): Promise<CommentEntity> {
    const saved = await m.getRepository(CommentEntity).save(m.create(CommentEntity, data));
    return m.getRepository(CommentEntity).findOneByOrFail({ id: saved.id });
  }

  findById(id: string): Promise<CommentEntity | null> {
    return this.db.getRepository(CommentEntity).findOneBy({ id });
  }

  lock(id: string, m: EntityManager): Promise<CommentEntity | null> {
    return m.getRepository(CommentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateBody(id: string, body: string, m: EntityManager): Promise<CommentEntity> {
    await m.getRepository(CommentEntity).update({ id }, { body, version: () => 'version + 1' });
    return m.getRepository(CommentEntity).findOneByOrFail({ id });
  }

  async remove(id: string, m: EntityManager): Promise<void> {
    await m.getRepository(CommentEntity).delete({ id });
  }

  /** Oldest first; `after` is the seq of the last comment of the previous page. */
  list(taskId: string, after: string | undefined, limit: number): Promise<CommentEntity[]> {
    const qb = this.db.getRepository(CommentEntity).createQueryBuilder('c').where('c.task_id = :taskId', { taskId });
    if (after !== undefined) qb.andWhere('c.seq > :after', { after });
    return qb.orderBy('c.seq', 'ASC').limit(limit + 1).getMany();
  }
}
