import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { ServiceMetrics } from '@wealist/telemetry';
import type { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { roleCacheKey } from '../access/role-cache.repository';
import { WorkspaceAccess } from '../access/workspace-access.service';
import type { ActivityEntity } from '../activity/activity.entity';
import { ActivityRepository } from '../activity/activity.repository';
import { decodeCursor, page } from '../common/cursor';
import { assertNotArchived, assertVersion } from '../common/versioning';
import { ColumnsRepository } from '../columns/columns.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import type { BoardEntity } from './board.entity';
import { BoardCacheRepository } from './board-cache.repository';
import { BoardViewRepository } from './board-view.repository';
import { BoardsRepository, type BoardChanges } from './boards.repository';
import { DEFAULT_COLUMNS, type CreateBoardDto, type UpdateBoardDto } from './dto/board.dto';

@Injectable()
export class BoardsService {
  private readonly logger = new Logger(BoardsService.name);
  private readonly cacheRequests: Counter<'result'>;
  /** boardId -> workspaceId (immutable, so never stale); bounded, dropped wholesale when full. */
  private readonly workspaceOfBoard = new Map<string, string>();

  constructor(
    private readonly boards: BoardsRepository,
    private readonly columns: ColumnsRepository,
    private readonly projects: ProjectsRepository,
    private readonly views: BoardViewRepository,
    private readonly cache: BoardCacheRepository,
    private readonly access: WorkspaceAccess,
    private readonly activity: ActivityRepository,
    metrics: ServiceMetrics,
  ) {
    this.cacheRequests = metrics.counter('board_cache_requests_total', 'GET /api/boards/:id served from the cache (hit) or the database (miss)', ['result']);
  }

  async create(caller: AuthenticatedUser, input: CreateBoardDto): Promise<BoardEntity> {
    const project = await this.projects.findById(input.projectId);
    if (!project) throw new NotFoundException('Project not found');
    await this.access.require(project.workspaceId, caller, 'manage', 'Project', 'create boards');
    assertNotArchived('Project', project.archivedAt);
    const names = (input.columns ?? DEFAULT_COLUMNS).map((n) => n.trim());
    if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) throw new BadRequestException('columns must not repeat a name');
    return this.boards.transaction(async (m) => {
      const board = await this.boards.create(
        { workspaceId: project.workspaceId, projectId: project.id, name: input.name, description: input.description ?? '', createdBy: caller.id },
        m,
      );
      await this.columns.createMany(board, names, m);
      await this.activity.record({ workspaceId: board.workspaceId, boardId: board.id, actorId: caller.id, action: 'board.created', details: { name: board.name } }, m);
      return board;
    });
  }

  async list(caller: AuthenticatedUser, projectId: string, includeArchived: boolean): Promise<BoardEntity[]> {
    const project = await this.projects.findById(projectId);
    if (!project) throw new NotFoundException('Project not found');
    await this.access.require(project.workspaceId, caller, 'read', 'Project');
    return this.boards.listForProject(projectId, includeArchived);
  }

  /**
   * The board view as JSON text, from the cache when it is current. A board never changes
   * workspace, so once its workspace is known the caller's cached role is read in the same
   * round trip as the view: a cache hit costs one Redis call.
   */
  async view(caller: AuthenticatedUser, boardId: string): Promise<string> {
    const knownWorkspace = this.workspaceOfBoard.get(boardId);
    const roleKey = knownWorkspace ? [roleCacheKey(knownWorkspace, caller.id)] : [];
    const cached = await this.cache.read(boardId, roleKey).catch((err: unknown) => {
      this.logger.warn(`board cache unreadable, using the database: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
    if (cached?.hit) {
      this.cacheRequests.inc({ result: 'hit' });
      const prefetched = cached.hit.workspaceId === knownWorkspace ? cached.extra[0] : undefined;
      await this.access.require(cached.hit.workspaceId, caller, 'read', 'Board', undefined, prefetched);
      this.rememberWorkspace(boardId, cached.hit.workspaceId);
      return cached.hit.json;
    }
    this.cacheRequests.inc({ result: 'miss' });
    const view = await this.views.load(boardId);
    if (!view) throw new NotFoundException('Board not found');
    await this.access.require(view.workspaceId, caller, 'read', 'Board');
    const json = JSON.stringify(view);
    if (cached) await this.cache.store(boardId, cached.generation, { workspaceId: view.workspaceId, json }).catch(() => undefined);
    return json;
  }

  private rememberWorkspace(boardId: string, workspaceId: string): void {
    if (this.workspaceOfBoard.size >= 10_000) this.workspaceOfBoard.clear();
    this.workspaceOfBoard.set(boardId, workspaceId);
  }

  async update(caller: AuthenticatedUser, id: string, input: UpdateBoardDto): Promise<BoardEntity> {
    return this.change(caller, id, 'edit boards', (board) => {
      assertNotArchived('Board', board.archivedAt);
      assertVersion('Board', board.version, input.version);
      return { action: 'board.updated', changes: { name: input.name, description: input.description } };
    });
  }

  async archive(caller: AuthenticatedUser, id: string): Promise<BoardEntity> {
    return this.change(caller, id, 'archive boards', (board) => (board.archivedAt ? null : { action: 'board.archived', changes: { archivedAt: new Date() } }));
  }

  async restore(caller: AuthenticatedUser, id: string): Promise<BoardEntity> {
    return this.change(caller, id, 'restore boards', (board) => (board.archivedAt ? { action: 'board.restored', changes: { archivedAt: null } } : null));
  }

  async history(caller: AuthenticatedUser, boardId: string, cursor: string | undefined, limit: number): Promise<{ items: ActivityEntity[]; nextCursor: string | null }> {
    const board = await this.boards.findById(boardId);
    if (!board) throw new NotFoundException('Board not found');
    await this.access.require(board.workspaceId, caller, 'read', 'Board');
    const before = cursor === undefined ? undefined : String(decodeCursor(cursor, ['seq']).seq);
    return page(await this.activity.list({ boardId }, before, limit), limit, (a) => ({ seq: a.seq }));
  }

  /**
   * A manager's change to the board row: access first, then the locked row decides (null: no
   * change needed), then history and the cache.
   */
  private async change(
    caller: AuthenticatedUser,
    id: string,
    action: string,
    decide: (board: BoardEntity) => { action: string; changes: BoardChanges } | null,
  ): Promise<BoardEntity> {
    const current = await this.boards.findById(id);
    if (!current) throw new NotFoundException('Board not found');
    await this.access.require(current.workspaceId, caller, 'manage', 'Board', action);
    const board = await this.boards.transaction(async (m: EntityManager) => {
      const locked = await this.boards.lock(id, m);
      if (!locked) throw new NotFoundException('Board not found');
      const decision = decide(locked);
      if (!decision) return locked;
      const updated = await this.boards.update(id, decision.changes, m);
      await this.activity.record({ workspaceId: updated.workspaceId, boardId: id, actorId: caller.id, action: decision.action, details: changed(locked, updated) }, m);
      return updated;
    });
    await this.cache.invalidate(id);
    return board;
  }
}

function changed(before: BoardEntity, after: BoardEntity): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ['name', 'description', 'archivedAt'] as const) {
    if (String(before[field]) !== String(after[field])) out[field] = { from: before[field], to: after[field] };
  }
  return out;
}
