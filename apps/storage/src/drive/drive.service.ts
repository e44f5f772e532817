import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { decodeCursor, encodeCursor, type PageQueryDto } from '../common/page.query';
import { FoldersService } from '../folders/folders.service';
import { QuotaService, type Usage } from '../quota/quota.service';
import { childrenOf, DriveRepository, nameContains, type EntryFilter, type EntryRow } from './drive.repository';

export interface EntryPage {
  items: EntryRow[];
  nextCursor: string | null;
}

const DEFAULT_LIMIT = 50;

@Injectable()
export class DriveService {
  constructor(
    private readonly drive: DriveRepository,
    private readonly folders: FoldersService,
    private readonly quota: QuotaService,
    private readonly access: WorkspaceAccess,
  ) {}

  /** The contents of a folder (or the root), folders first. */
  async list(workspaceId: string, caller: AuthenticatedUser, folderId: string | null, query: PageQueryDto): Promise<EntryPage> {
    await this.access.member(workspaceId, caller.id);
    if (folderId) await this.folders.liveFolder(workspaceId, folderId);
    return this.page(workspaceId, childrenOf(folderId), query);
  }

  /** Folders and files anywhere in the workspace whose name contains `text` (trash excluded). */
  async search(workspaceId: string, caller: AuthenticatedUser, text: string, query: PageQueryDto): Promise<EntryPage> {
    await this.access.member(workspaceId, caller.id);
    return this.page(workspaceId, nameContains(text), query);
  }

  async usage(workspaceId: string, caller: AuthenticatedUser): Promise<Usage> {
    await this.access.member(workspaceId, caller.id);
    return this.quota.usage(workspaceId, caller.planTier);
  }

  /** One page of any listing; membership is the caller's to check. */
  async page(workspaceId: string, filter: EntryFilter, query: PageQueryDto): Promise<EntryPage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.drive.entries(workspaceId, filter, decodeCursor(query.cursor), limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor({ kind: last.kind, name: last.sortName, id: last.id }) : null;
    return { items, nextCursor };
  }
}
