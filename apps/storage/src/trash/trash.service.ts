import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import type { EntityManager } from 'typeorm';
import { WorkspaceAccess } from '../access/workspace-access.service';
import type { PageQueryDto } from '../common/page.query';
import { trashRoots } from '../drive/drive.repository';
import { DriveService, type EntryPage } from '../drive/drive.service';
import type { FileEntity } from '../files/file.entity';
import { FilesRepository } from '../files/files.repository';
import { ObjectCleanup, type ObjectRef } from '../files/object-cleanup.service';
import type { FolderEntity } from '../folders/folder.entity';
import { FoldersRepository } from '../folders/folders.repository';
import { TrashRepository } from './trash.repository';

type Item = { kind: 'folder'; row: FolderEntity } | { kind: 'file'; row: FileEntity };

/**
 * Trash, restore and purge. Each runs under the workspace's tree lock: a folder cannot be
 * trashed while something is being moved into it, nor restored into a parent being purged.
 */
@Injectable()
export class TrashService {
  constructor(
    private readonly trash: TrashRepository,
    private readonly folders: FoldersRepository,
    private readonly files: FilesRepository,
    private readonly cleanup: ObjectCleanup,
    private readonly drive: DriveService,
    private readonly access: WorkspaceAccess,
  ) {}

  /** Idempotent: trashing what is already in the trash changes nothing. */
  async trashItem(workspaceId: string, caller: AuthenticatedUser, kind: Item['kind'], id: string): Promise<void> {
    await this.access.member(workspaceId, caller.id);
    await this.trash.transaction(async (m) => {
      await this.folders.lockTree(workspaceId, m);
      const item = await this.find(workspaceId, kind, id, m);
      if (item.row.trashedAt) return;
      if (item.kind === 'folder') await this.trash.trashFolder(id, caller.id, m);
      else await this.trash.trashFile(id, caller.id, m);
    });
  }

  async restoreFolder(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<FolderEntity> {
    const item = await this.restore(workspaceId, caller, 'folder', id);
    return item.row as FolderEntity;
  }

  async restoreFile(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<FileEntity> {
    const item = await this.restore(workspaceId, caller, 'file', id);
    return item.row as FileEntity;
  }

  private async restore(workspaceId: string, caller: AuthenticatedUser, kind: Item['kind'], id: string): Promise<Item> {
    await this.access.member(workspaceId, caller.id);
    await this.trash.transaction(async (m) => {
      await this.folders.lockTree(workspaceId, m);
      const { row } = await this.find(workspaceId, kind, id, m);
      if (!row.trashedAt) throw new ConflictException(`This ${kind} is not in the trash`);
      if (row.trashRootId !== id) throw new ConflictException(`This ${kind} is in the trash with its folder; restore that folder`);
      const parentId = kind === 'folder' ? (row as FolderEntity).parentId : (row as FileEntity).folderId;
      const parent = parentId ? await this.folders.find(workspaceId, parentId, m) : null;
      if (parent?.trashedAt) throw new ConflictException(`The folder it was in is in the trash; restore "${parent.name}" first`);
      await this.trash.restore(id, m);
    });
    return this.find(workspaceId, kind, id);
  }

  /** Permanent: rows go now, objects right after the commit (or, failing that, by the sweeper). */
  async purge(workspaceId: string, caller: AuthenticatedUser, kind: Item['kind'], id: string): Promise<void> {
    const member = await this.access.member(workspaceId, caller.id);
    const refs = await this.trash.transaction(async (m) => {
      await this.folders.lockTree(workspaceId, m);
      const { row } = await this.find(workspaceId, kind, id, m);
      if (!row.trashedAt) throw new ConflictException(`Move the ${kind} to the trash before deleting it permanently`);
      WorkspaceAccess.requireManagerOrCreator(member, row.createdBy, `delete this ${kind} permanently`);
      const gone = kind === 'folder' ? await this.trash.purgeFolder(id, m) : await this.trash.purgeFile(id, m);
      await this.cleanup.enqueue(gone, m);
      return gone;
    });
    await this.cleanup.flush(refs);
  }

  async empty(workspaceId: string, caller: AuthenticatedUser): Promise<void> {
    const member = await this.access.member(workspaceId, caller.id);
    WorkspaceAccess.requireManager(member, 'empty the trash');
    const refs: ObjectRef[] = await this.trash.transaction(async (m) => {
      await this.folders.lockTree(workspaceId, m);
      const gone = await this.trash.purgeAll(workspaceId, m);
      await this.cleanup.enqueue(gone, m);
      return gone;
    });
    await this.cleanup.flush(refs);
  }

  async list(workspaceId: string, caller: AuthenticatedUser, query: PageQueryDto): Promise<EntryPage> {
    await this.access.member(workspaceId, caller.id);
    return this.drive.page(workspaceId, trashRoots(), query);
  }

  private async find(workspaceId: string, kind: Item['kind'], id: string, m?: EntityManager): Promise<Item> {
    if (kind === 'folder') {
      const row = await this.folders.find(workspaceId, id, m);
      if (!row) throw new NotFoundException('Folder not found');
      return { kind, row };
    }
    const row = await this.files.findActive(workspaceId, id, m);
    if (!row) throw new NotFoundException('File not found');
    return { kind, row };
  }
}
