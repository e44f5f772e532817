import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import type { EntityManager } from 'typeorm';
import { WorkspaceAccess } from '../access/workspace-access.service';
import type { FolderEntity } from './folder.entity';
import { FoldersRepository } from './folders.repository';

@Injectable()
export class FoldersService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly access: WorkspaceAccess,
  ) {}

  async create(workspaceId: string, caller: AuthenticatedUser, name: string, parentId: string | null): Promise<FolderEntity> {
    await this.access.member(workspaceId, caller.id);
    return this.folders.transaction(async (m) => {
      // Under the tree lock, so the parent cannot go to the trash between the check and the insert.
      await this.folders.lockTree(workspaceId, m);
      if (parentId) await this.liveFolder(workspaceId, parentId, m);
      return this.folders.create({ workspaceId, parentId, name, createdBy: caller.id }, m);
    });
  }

  async get(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<FolderEntity & { path: { id: string; name: string }[] }> {
    await this.access.member(workspaceId, caller.id);
    const folder = await this.folders.find(workspaceId, id);
    if (!folder) throw new NotFoundException('Folder not found');
    return { ...folder, path: await this.folders.path(id) };
  }

  async rename(workspaceId: string, caller: AuthenticatedUser, id: string, name: string): Promise<FolderEntity> {
    await this.access.member(workspaceId, caller.id);
    const folder = await this.folders.find(workspaceId, id);
    if (!folder) throw new NotFoundException('Folder not found');
    if (folder.trashedAt) throw new ConflictException('Folder is in the trash; restore it first');
    return this.folders.rename(id, name);
  }

  /** Atomic: one UPDATE under the workspace's tree lock, after the cycle check. */
  async move(workspaceId: string, caller: AuthenticatedUser, id: string, parentId: string | null): Promise<FolderEntity> {
    await this.access.member(workspaceId, caller.id);
    await this.folders.transaction(async (m) => {
      await this.folders.lockTree(workspaceId, m);
      const folder = await this.folders.find(workspaceId, id, m);
      if (!folder) throw new NotFoundException('Folder not found');
      if (folder.trashedAt) throw new ConflictException('Folder is in the trash; restore it first');
      if (parentId) {
        await this.liveFolder(workspaceId, parentId, m, 'Target folder');
        if (await this.folders.isSelfOrDescendant(id, parentId, m)) {
          throw new ConflictException('A folder cannot be moved into itself or one of its subfolders');
        }
      }
      await this.folders.setParent(id, parentId, m);
    });
    return (await this.folders.find(workspaceId, id)) as FolderEntity;
  }

  /** A folder of the workspace that is not in the trash (new items can go into it). */
  async liveFolder(workspaceId: string, id: string, m?: EntityManager, label = 'Folder'): Promise<FolderEntity> {
    const folder = await this.folders.find(workspaceId, id, m);
    if (!folder) throw new NotFoundException(`${label} not found`);
    if (folder.trashedAt) throw new ConflictException(`${label} is in the trash`);
    return folder;
  }
}
