import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import type { EntityManager } from 'typeorm';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { ActivityRepository } from '../activity/activity.repository';
import { BoardCacheRepository } from '../boards/board-cache.repository';
import type { BoardEntity } from '../boards/board.entity';
import { BoardsRepository } from '../boards/boards.repository';
import { clampPosition, planInsert, planMove, planRemoval } from '../common/positions';
import { assertNotArchived, assertVersion } from '../common/versioning';
import type { ColumnEntity } from './column.entity';
import { ColumnsRepository } from './columns.repository';
import type { CreateColumnDto, UpdateColumnDto } from './dto/column.dto';

type Locked = { board: BoardEntity; column: ColumnEntity; m: EntityManager };

@Injectable()
export class ColumnsService {
  constructor(
    private readonly columns: ColumnsRepository,
    private readonly boards: BoardsRepository,
    private readonly cache: BoardCacheRepository,
    private readonly access: WorkspaceAccess,
    private readonly activity: ActivityRepository,
  ) {}

  async create(caller: AuthenticatedUser, boardId: string, input: CreateColumnDto): Promise<ColumnEntity> {
    const found = await this.boards.findById(boardId);
    if (!found) throw new NotFoundException('Board not found');
    await this.access.require(found.workspaceId, caller, 'manage', 'Board', 'manage columns');
    const column = await this.boards.transaction(async (m) => {
      const board = await this.boards.lock(boardId, m);
      if (!board) throw new NotFoundException('Board not found');
      assertNotArchived('Board', board.archivedAt);
      await this.assertNameFree(boardId, input.name, null, m);
      const size = await this.columns.countActive(boardId, m);
      const position = clampPosition(input.position, size);
      await this.columns.shift(boardId, planInsert(position, size), m);
      const created = await this.columns.create({ boardId, workspaceId: board.workspaceId, name: input.name, position }, m);
      await this.record(caller, created, 'column.created', { name: created.name, position }, m);
      return created;
    });
    await this.cache.invalidate(boardId);
    return column;
  }

  async list(caller: AuthenticatedUser, boardId: string, includeArchived: boolean): Promise<ColumnEntity[]> {
    const board = await this.boards.findById(boardId);
    if (!board) throw new NotFoundException('Board not found');
    await this.access.require(board.workspaceId, caller, 'read', 'Board');
    return this.columns.list(boardId, includeArchived);
  }

  async get(caller: AuthenticatedUser, id: string): Promise<ColumnEntity> {
    const column = await this.columns.findById(id);
    if (!column) throw new NotFoundException('Column not found');
    await this.access.require(column.workspaceId, caller, 'read', 'Column');
    return column;
  }

  async update(caller: AuthenticatedUser, id: string, input: UpdateColumnDto): Promise<ColumnEntity> {
    return this.change(caller, id, async ({ board, column, m }) => {
      assertNotArchived('Column', column.archivedAt);
      assertVersion('Column', column.version, input.version);
      if (input.name !== undefined) await this.assertNameFree(board.id, input.name, column.id, m);
      let position = column.position as number;
      if (input.position !== undefined) {
        position = clampPosition(input.position, (await this.columns.countActive(board.id, m)) - 1);
        await this.columns.shift(board.id, planMove(column.position as number, position), m);
      }
      const updated = await this.columns.update(id, { name: input.name, position }, m);
      await this.record(caller, updated, 'column.updated', diff(column, updated), m);
      return updated;
    });
  }

  /** Archiving takes the column out of the order; it must be empty so no task is hidden. */
  async archive(caller: AuthenticatedUser, id: string): Promise<ColumnEntity> {
    return this.change(caller, id, async ({ board, column, m }) => {
      if (column.archivedAt) return column;
      const tasks = await this.columns.taskCount(id, m);
      if (tasks > 0) throw new ConflictException(`Column still has ${tasks} task(s); move them to another column first`);
      const size = await this.columns.countActive(board.id, m);
      await this.columns.shift(board.id, planRemoval(column.position as number, size), m);
      const updated = await this.columns.update(id, { archivedAt: new Date(), position: null }, m);
      await this.record(caller, updated, 'column.archived', { name: updated.name }, m);
      return updated;
    });
  }

  /** A restored column comes back last. */
  async restore(caller: AuthenticatedUser, id: string): Promise<ColumnEntity> {
    return this.change(caller, id, async ({ board, column, m }) => {
      if (!column.archivedAt) return column;
      await this.assertNameFree(board.id, column.name, column.id, m);
      const position = await this.columns.countActive(board.id, m);
      const updated = await this.columns.update(id, { archivedAt: null, position }, m);
      await this.record(caller, updated, 'column.restored', { name: updated.name, position }, m);
      return updated;
    });
  }

  /** Access first, then board lock (the column order may change) and column lock, then the cache. */
  private async change(caller: AuthenticatedUser, id: string, work: (locked: Locked) => Promise<ColumnEntity>): Promise<ColumnEntity> {
    const current = await this.columns.findById(id);
    if (!current) throw new NotFoundException('Column not found');
    await this.access.require(current.workspaceId, caller, 'manage', 'Column', 'manage columns');
    const result = await this.boards.transaction(async (m) => {
      const board = await this.boards.lock(current.boardId, m);
      const column = await this.columns.lock(id, m);
      if (!board || !column) throw new NotFoundException('Column not found');
      assertNotArchived('Board', board.archivedAt);
      return work({ board, column, m });
    });
    await this.cache.invalidate(current.boardId);
    return result;
  }

  private async assertNameFree(boardId: string, name: string, exceptId: string | null, m: EntityManager): Promise<void> {
    if (await this.columns.nameTaken(boardId, name, exceptId, m)) throw new ConflictException(`The board already has a column named "${name}"`);
  }

  private record(caller: AuthenticatedUser, column: ColumnEntity, action: string, details: Record<string, unknown>, m: EntityManager): Promise<void> {
    return this.activity.record({ workspaceId: column.workspaceId, boardId: column.boardId, actorId: caller.id, action, details: { columnId: column.id, ...details } }, m);
  }
}

function diff(before: ColumnEntity, after: ColumnEntity): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  if (before.name !== after.name) out['name'] = { from: before.name, to: after.name };
  if (before.position !== after.position) out['position'] = { from: before.position, to: after.position };
  return out;
}
