import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FileEntity } from './file.entity';

@Injectable()
export class FilesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** A completed file of the workspace (pending uploads are not files yet). */
  findActive(workspaceId: string, id: string, manager: EntityManager = this.db.manager): Promise<FileEntity | null> {
    return manager.getRepository(FileEntity).findOneBy({ workspaceId, id, status: 'active' });
  }

  findAny(workspaceId: string, id: string, manager: EntityManager = this.db.manager): Promise<FileEntity | null> {
    return manager.getRepository(FileEntity).findOneBy({ workspaceId, id });
  }

  async insert(file: Partial<FileEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(FileEntity).insert(file);
  }

  async update(id: string, changes: Partial<FileEntity>, manager: EntityManager = this.db.manager): Promise<FileEntity> {
    await manager.getRepository(FileEntity).update({ id }, changes);
    return manager.getRepository(FileEntity).findOneByOrFail({ id });
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(FileEntity).delete({ id });
  }
}
