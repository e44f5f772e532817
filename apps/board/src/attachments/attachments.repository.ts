import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AttachmentEntity } from './attachment.entity';

@Injectable()
export class AttachmentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(data: Omit<AttachmentEntity, 'createdAt' | 'completedAt' | 'status'>): Promise<AttachmentEntity> {
    const repo = this.db.getRepository(AttachmentEntity);
    return repo.save(repo.create({ ...data, status: 'pending' }));
  }

  findById(id: string): Promise<AttachmentEntity | null> {
    return this.db.getRepository(AttachmentEntity).findOneBy({ id });
  }

  lock(id: string, m: EntityManager): Promise<AttachmentEntity | null> {
    return m.getRepository(AttachmentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markReady(id: string, m: EntityManager): Promise<AttachmentEntity> {
    await m.getRepository(AttachmentEntity).update({ id }, { status: 'ready', completedAt: new Date() });
    return m.getRepository(AttachmentEntity).findOneByOrFail({ id });
  }

  async remove(id: string, m: EntityManager = this.db.manager): Promise<void> {
    await m.getRepository(AttachmentEntity).delete({ id });
  }

  listReady(taskId: string): Promise<AttachmentEntity[]> {
    return this.db.getRepository(AttachmentEntity).find({ where: { taskId, status: 'ready' }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Pending uploads whose URL expired long ago: the client gave up. */
  async takeAbandoned(olderThanSeconds: number, limit: number): Promise<{ id: string; objectKey: string }[]> {
    const rows = (await this.db.query(
      `DELETE FROM task_attachments WHERE id IN (
         SELECT id FROM task_attachments WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, object_key`,
      [olderThanSeconds, limit],
    )) as [{ id: string; object_key: string }[], number];
    return rows[0].map((r) => ({ id: r.id, objectKey: r.object_key }));
  }
}
