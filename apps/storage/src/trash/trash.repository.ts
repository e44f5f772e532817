import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ObjectRef } from '../files/object-cleanup.service';

const SUBTREE = `WITH RECURSIVE sub AS (
    SELECT id FROM folders WHERE id = $1
    UNION ALL
    SELECT f.id FROM folders f JOIN sub ON f.parent_id = sub.id)`;

const REFS = `object_key AS "objectKey", multipart_upload_id AS "multipartUploadId"`;

/** Trash state of whole subtrees; every call runs inside the caller's tree-locked transaction. */
@Injectable()
export class TrashRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Trashes a folder and everything below it that is not already in the trash (pending uploads too). */
  async trashFolder(folderId: string, userId: string, m: EntityManager): Promise<void> {
    await m.query(
      `${SUBTREE} UPDATE folders SET trashed_at = now(), trashed_by = $2, trash_root_id = $1
        WHERE id IN (SELECT id FROM sub) AND trashed_at IS NULL`,
      [folderId, userId],
    );
    await m.query(
      `${SUBTREE} UPDATE files SET trashed_at = now(), trashed_by = $2, trash_root_id = $1
        WHERE folder_id IN (SELECT id FROM sub) AND trashed_at IS NULL`,
      [folderId, userId],
    );
  }

  async trashFile(fileId: string, userId: string, m: EntityManager): Promise<void> {
    await m.query(`UPDATE files SET trashed_at = now(), trashed_by = $2, trash_root_id = $1 WHERE id = $1 AND trashed_at IS NULL`, [
      fileId,
      userId,
    ]);
  }

  /** Brings back exactly what the trash action on `rootId` hid; items trashed on their own stay. */
  async restore(rootId: string, m: EntityManager): Promise<void> {
    const clear = 'SET trashed_at = NULL, trashed_by = NULL, trash_root_id = NULL WHERE trash_root_id = $1';
    await m.query(`UPDATE folders ${clear}`, [rootId]);
    await m.query(`UPDATE files ${clear}`, [rootId]);
  }

  /** Deletes a folder, its subtree and every file in it; returns the objects to remove. */
  async purgeFolder(folderId: string, m: EntityManager): Promise<ObjectRef[]> {
    const refs = (await m.query(
      `${SUBTREE}, gone AS (DELETE FROM files WHERE folder_id IN (SELECT id FROM sub) RETURNING object_key, multipart_upload_id)
       SELECT ${REFS} FROM gone`,
      [folderId],
    )) as ObjectRef[];
    await m.query(`DELETE FROM folders WHERE id = $1`, [folderId]); // the subtree follows (ON DELETE CASCADE)
    return refs;
  }

  async purgeFile(fileId: string, m: EntityManager): Promise<ObjectRef[]> {
    return (await m.query(`WITH gone AS (DELETE FROM files WHERE id = $1 RETURNING object_key, multipart_upload_id) SELECT ${REFS} FROM gone`, [
      fileId,
    ])) as ObjectRef[];
  }

  /** Everything in the workspace's trash, including whatever lies inside trashed folders. */
  async purgeAll(workspaceId: string, m: EntityManager): Promise<ObjectRef[]> {
    const refs = (await m.query(
      `WITH gone AS (
         DELETE FROM files WHERE workspace_id = $1 AND (trashed_at IS NOT NULL
           OR folder_id IN (SELECT id FROM folders WHERE workspace_id = $1 AND trashed_at IS NOT NULL))
         RETURNING object_key, multipart_upload_id)
       SELECT ${REFS} FROM gone`,
      [workspaceId],
    )) as ObjectRef[];
    await m.query(`DELETE FROM folders WHERE workspace_id = $1 AND trashed_at IS NOT NULL`, [workspaceId]);
    return refs;
  }
}
