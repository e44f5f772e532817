import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { BoardEvents, OutboxWriter } from '@wealist/events';
import { ObjectStore } from '@wealist/object-store';
import type { EntityManager } from 'typeorm';
import { mayModerate } from '../access/role-policy';
import { WorkspaceAccess } from '../access/workspace-access.service';
import { ActivityRepository } from '../activity/activity.repository';
import { BoardCacheRepository } from '../boards/board-cache.repository';
import type { BoardEntity } from '../boards/board.entity';
import { BoardsRepository } from '../boards/boards.repository';
import { ColumnsRepository } from '../columns/columns.repository';
import type { ColumnEntity } from '../columns/column.entity';
import { clampPosition, planInsert, planRemoval } from '../common/positions';
import { assertNotArchived, assertVersion } from '../common/versioning';
import type { CreateTaskDto, UpdateTaskDto } from './dto/task.dto';
import { describeEdits, normalizeLabels, taskEdits } from './task-changes';
import { taskRef } from './task-events';
import { TaskLookup } from './task-lookup.service';
import type { TaskEntity } from './task.entity';
import { TasksRepository } from './tasks.repository';

@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    private readonly tasks: TasksRepository,
    private readonly lookup: TaskLookup,
    private readonly boards: BoardsRepository,
    private readonly columns: ColumnsRepository,
    private readonly cache: BoardCacheRepository,
    private readonly access: WorkspaceAccess,
    private readonly activity: ActivityRepository,
    private readonly outbox: OutboxWriter,
    private readonly objects: ObjectStore,
  ) {}

  async create(caller: AuthenticatedUser, boardId: string, input: CreateTaskDto): Promise<TaskEntity> {
    const found = await this.boards.findById(boardId);
    if (!found) throw new NotFoundException('Board not found');
    await this.access.require(found.workspaceId, caller, 'work', 'Board');
    await this.lookup.assertAssignable(found.workspaceId, input.assigneeId);
    const task = await this.tasks.transaction(async (m) => {
      const board = await this.boards.lock(boardId, m);
      if (!board) throw new NotFoundException('Board not found');
      assertNotArchived('Board', board.archivedAt);
      const column = await this.targetColumn(board, input.columnId, m);
      const size = await this.tasks.countInColumn(column.id, m);
      const position = clampPosition(input.position, size);
      await this.tasks.shift(column.id, planInsert(position, size), m);
      const created = await this.tasks.insert(
        {
          workspaceId: board.workspaceId,
          projectId: board.projectId,
          boardId,
          columnId: column.id,
          number: await this.boards.nextTaskNumber(boardId, m),
          title: input.title,
          description: input.description ?? '',
          assigneeId: input.assigneeId ?? null,
          labels: normalizeLabels(input.labels ?? []),
          priority: input.priority ?? 'medium',
          dueDate: input.dueDate ? new Date(input.dueDate) : null,
          position,
          createdBy: caller.id,
        },
        m,
      );
      await this.record(caller, created, 'task.created', { number: created.number, title: created.title, columnId: column.id }, m);
      await this.outbox.record(m, BoardEvents.taskCreated, {
        ...taskRef(created),
        columnId: column.id,
        priority: created.priority,
        dueDate: created.dueDate?.toISOString() ?? null,
      });
      if (created.assigneeId) await this.outbox.record(m, BoardEvents.taskAssigned, { ...taskRef(created), previousAssigneeId: null, assignedBy: caller.id });
      return created;
    });
    await this.cache.invalidate(boardId);
    return task;
  }

  async get(caller: AuthenticatedUser, taskId: string): Promise<TaskEntity> {
    return (await this.lookup.find(caller, taskId, 'read')).task;
  }

  async update(caller: AuthenticatedUser, taskId: string, input: UpdateTaskDto): Promise<TaskEntity> {
    const { task: current } = await this.lookup.find(caller, taskId, 'work');
    await this.lookup.assertAssignable(current.workspaceId, input.assigneeId);
    const board = await this.boards.findById(current.boardId);
    assertNotArchived('Board', board?.archivedAt ?? null);
    const task = await this.tasks.transaction(async (m) => {
      const locked = await this.tasks.lock(taskId, m);
      if (!locked) throw new NotFoundException('Task not found');
      assertVersion('Task', locked.version, input.version);
      const edits = taskEdits(locked, input);
      if (Object.keys(edits).length === 0) return locked;
      const updated = await this.tasks.update(taskId, edits, m);
      await this.record(caller, updated, 'task.updated', describeEdits(locked, edits), m);
      if ('assigneeId' in edits) {
        await this.outbox.record(m, BoardEvents.taskAssigned, { ...taskRef(updated), previousAssigneeId: locked.assigneeId, assignedBy: caller.id });
      }
      return updated;
    });
    await this.cache.invalidate(task.boardId);
    return task;
  }

  /** Creators delete their own tasks, managers anyone's; the column closes up. */
  async delete(caller: AuthenticatedUser, taskId: string): Promise<void> {
    const { task: current, role } = await this.lookup.find(caller, taskId, 'work');
    if (!mayModerate(role, caller.id, current.createdBy)) {
      throw new ForbiddenException("Only the task's creator or workspace owners and admins can delete it");
    }
    const keys = await this.tasks.transaction(async (m) => {
      const board = await this.boards.lock(current.boardId, m);
      assertNotArchived('Board', board?.archivedAt ?? null);
      const task = await this.tasks.lock(taskId, m);
      if (!task) throw new NotFoundException('Task not found');
      const size = await this.tasks.countInColumn(task.columnId, m);
      const objectKeys = await this.tasks.attachmentKeys(taskId, m);
      await this.tasks.remove(taskId, m);
      await this.tasks.shift(task.columnId, planRemoval(task.position, size), m);
      await this.record(caller, task, 'task.deleted', { number: task.number, title: task.title }, m);
      return objectKeys;
    });
    await this.cache.invalidate(current.boardId);
    if (keys.length > 0) {
      // The rows are gone; a failure here leaves unreachable objects, never dangling rows.
      await this.objects.remove(...keys).catch((err: unknown) => this.logger.warn(`attachment objects not removed: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  private async targetColumn(board: BoardEntity, columnId: string | undefined, m: EntityManager): Promise<ColumnEntity> {
    if (columnId) {
      const column = await this.columns.findById(columnId, m);
      if (!column || column.boardId !== board.id || column.archivedAt) throw new UnprocessableEntityException('columnId is not an active column of this board');
      return column;
    }
    const first = await this.columns.firstActive(board.id, m);
    if (!first) throw new ConflictException('The board has no columns; create one first');
    return first;
  }

  private record(caller: AuthenticatedUser, task: TaskEntity, action: string, details: Record<string, unknown>, m: EntityManager): Promise<void> {
    return this.activity.record({ workspaceId: task.workspaceId, boardId: task.boardId, taskId: task.id, actorId: caller.id, action, details }, m);
  }
}
