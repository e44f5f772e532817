import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { defined } from '../common/defined';
import { ProjectEntity } from './project.entity';

export type ProjectChanges = Partial<Pick<ProjectEntity, 'name' | 'description' | 'archivedAt'>>;

@Injectable()
export class ProjectsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  create(data: Pick<ProjectEntity, 'workspaceId' | 'name' | 'description' | 'createdBy'>, m: EntityManager): Promise<ProjectEntity> {
    return m.getRepository(ProjectEntity).save(m.create(ProjectEntity, data));
  }

  findById(id: string): Promise<ProjectEntity | null> {
    return this.db.getRepository(ProjectEntity).findOneBy({ id });
  }

  listForWorkspace(workspaceId: string, includeArchived: boolean): Promise<ProjectEntity[]> {
    return this.db.getRepository(ProjectEntity).find({
      where: includeArchived ? { workspaceId } : { workspaceId, archivedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Locks the row for the rest of the transaction (version checks, archiving). */
  lock(id: string, m: EntityManager): Promise<ProjectEntity | null> {
    return m.getRepository(ProjectEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: string, changes: ProjectChanges, m: EntityManager): Promise<ProjectEntity> {
    await m.getRepository(ProjectEntity).update({ id }, { ...defined(changes), version: () => 'version + 1' });
    return m.getRepository(ProjectEntity).findOneByOrFail({ id });
  }
}
