import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FolderEntity } from './folder.entity';

/** Advisory lock namespace of tree changes (moves, trash, restore, purge) of one workspace. */
const TREE_LOCK = 2;

@Injectable()
export class FoldersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Serializes tree changes of one workspace, so two crossing moves cannot build a cycle. */
  async lockTree(workspaceId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [TREE_LOCK, workspaceId]);
  }

  find(workspaceId: string, id: string, manager: EntityManager = this.db.manager): Promise<FolderEntity | null> {
    return manager.getRepository(FolderEntity).findOneBy({ workspaceId, id });
  }

  async create(data: Pick<FolderEntity, 'workspaceId' | 'parentId' | 'name' | 'createdBy'>, manager: EntityManager = this.db.manager): Promise<FolderEntity> {
    const repo = manager.getRepository(FolderEntity);
    return repo.save(repo.create(data));
  }

  async rename(id: string, name: string): Promise<FolderEntity> {
    await this.db.getRepository(FolderEntity).update({ id }, { name });
    return this.db.getRepository(FolderEntity).findOneByOrFail({ id });
  }

  async setParent(id: string, parentId: string | null, manager: EntityManager): Promise<void> {
    await manager.getRepository(FolderEntity).update({ id }, { parentId });
  }

  /** Whether `candidateId` is `ancestorId` or lies anywhere below it (walks up from the candidate). */
  async isSelfOrDescendant(ancestorId: string, candidateId: string, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id FROM folders WHERE id = $2
         UNION ALL
         SELECT f.id, f.parent_id FROM folders f JOIN up ON f.id = up.parent_id
       ) SELECT 1 FROM up WHERE id = $1 LIMIT 1`,
      [ancestorId, candidateId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The folders from the workspace root down to `id` (breadcrumbs). */
  async path(id: string): Promise<{ id: string; name: string }[]> {
    const rows = (await this.db.query(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, name, 0 AS depth FROM folders WHERE id = $1
         UNION ALL
         SELECT f.id, f.parent_id, f.name, up.depth + 1 FROM folders f JOIN up ON f.id = up.parent_id
       ) SELECT id, name FROM up ORDER BY depth DESC`,
      [id],
    )) as { id: string; name: string }[];
    return rows;
  }
}
