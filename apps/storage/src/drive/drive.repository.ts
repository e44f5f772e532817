import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CursorKey } from '../common/page.query';

export interface EntryRow {
  kind: 0 | 1;
  id: string;
  name: string;
  sortName: string;
  folderId: string | null;
  size: string | null;
  contentType: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  trashedAt: Date | null;
}

/** Which folders and files a listing shows; `$6` onwards are `params`. */
export interface EntryFilter {
  folders: string;
  files: string;
  params: unknown[];
}

export const childrenOf = (folderId: string | null): EntryFilter =>
  folderId
    ? { folders: 'parent_id = $6 AND trashed_at IS NULL', files: 'folder_id = $6 AND trashed_at IS NULL', params: [folderId] }
    : { folders: 'parent_id IS NULL AND trashed_at IS NULL', files: 'folder_id IS NULL AND trashed_at IS NULL', params: [] };

/** Case-insensitive substring match; the user's text is escaped, never a pattern. */
export const nameContains = (text: string): EntryFilter => {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = `name ILIKE $6 ESCAPE '\\' AND trashed_at IS NULL`;
  return { folders: where, files: where, params: [pattern] };
};

/** What users put in the trash themselves (not what went with a trashed folder). */
export const trashRoots = (): EntryFilter => ({ folders: 'trash_root_id = id', files: 'trash_root_id = id', params: [] });

@Injectable()
export class DriveRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Folders first, then files, each by case-insensitive name then id: a total order, so a
   * keyset cursor (kind, lower(name), id) pages through without gaps or repeats while rows change.
   */
  entries(workspaceId: string, filter: EntryFilter, after: CursorKey | null, limit: number): Promise<EntryRow[]> {
    const columns = `id, name, lower(name) AS "sortName", created_by AS "createdBy", created_at AS "createdAt",
      updated_at AS "updatedAt", trashed_at AS "trashedAt"`;
    return this.db.query(
      `SELECT * FROM (
         SELECT 0 AS kind, ${columns}, parent_id AS "folderId", NULL::bigint AS size, NULL::varchar AS "contentType"
           FROM folders WHERE workspace_id = $1 AND (${filter.folders})
         UNION ALL
         SELECT 1 AS kind, ${columns}, folder_id, size, content_type
           FROM files WHERE workspace_id = $1 AND status = 'active' AND (${filter.files})
       ) e
       WHERE $2::int IS NULL OR (kind, "sortName", id) > ($2::int, $3::text, $4::uuid)
       ORDER BY kind, "sortName", id
       LIMIT $5`,
      [workspaceId, after?.kind ?? null, after?.name ?? null, after?.id ?? null, limit, ...filter.params],
    ) as Promise<EntryRow[]>;
  }
}
