import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import { ObjectStore, type PresignedUrl } from '@wealist/object-store';
import { ServiceMetrics } from '@wealist/telemetry';
import type { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { FoldersRepository } from '../folders/folders.repository';
import { FoldersService } from '../folders/folders.service';
import type { StorageConfig } from '../storage.config';
import type { FileEntity } from './file.entity';
import { FilesRepository } from './files.repository';

@Injectable()
export class FilesService {
  private readonly downloads: Counter;

  constructor(
    private readonly files: FilesRepository,
    private readonly folders: FoldersService,
    private readonly tree: FoldersRepository,
    private readonly access: WorkspaceAccess,
    private readonly store: ObjectStore,
    @Inject(SERVICE_CONFIG) private readonly config: StorageConfig,
    metrics: ServiceMetrics,
  ) {
    this.downloads = metrics.counter('storage_downloads_total', 'Presigned download URLs issued');
  }

  async get(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<FileEntity> {
    await this.access.member(workspaceId, caller.id);
    return this.requireFile(workspaceId, id);
  }

  async rename(workspaceId: string, caller: AuthenticatedUser, id: string, name: string): Promise<FileEntity> {
    await this.access.member(workspaceId, caller.id);
    const file = await this.requireFile(workspaceId, id);
    if (file.trashedAt) throw new ConflictException('File is in the trash; restore it first');
    return this.files.update(id, { name });
  }

  /** Metadata only: the object keeps its key, so a move is one UPDATE under the tree lock. */
  async move(workspaceId: string, caller: AuthenticatedUser, id: string, folderId: string | null): Promise<FileEntity> {
    await this.access.member(workspaceId, caller.id);
    return this.tree.transaction(async (m) => {
      await this.tree.lockTree(workspaceId, m);
      const file = await this.requireFile(workspaceId, id, m);
      if (file.trashedAt) throw new ConflictException('File is in the trash; restore it first');
      if (folderId) await this.folders.liveFolder(workspaceId, folderId, m, 'Target folder');
      return this.files.update(id, { folderId }, m);
    });
  }

  /** Trashed files can still be downloaded (to check before restoring or purging). */
  async downloadLink(workspaceId: string, caller: AuthenticatedUser, id: string): Promise<PresignedUrl> {
    await this.access.member(workspaceId, caller.id);
    const file = await this.requireFile(workspaceId, id);
    const link = await this.store.presignGet(file.objectKey, {
      fileName: file.name,
      contentType: file.contentType,
      ttlSeconds: this.config.STORAGE_DOWNLOAD_TTL_SECONDS,
    });
    this.downloads.inc();
    return link;
  }

  private async requireFile(workspaceId: string, id: string, m?: EntityManager): Promise<FileEntity> {
    const file = await this.files.findActive(workspaceId, id, m);
    if (!file) throw new NotFoundException('File not found');
    return file;
  }
}
