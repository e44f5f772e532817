import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { BoardEvents, OutboxWriter } from '@wealist/events';
import { ActivityRepository } from '../activity/activity.repository';
import { BoardCacheRepository } from '../boards/board-cache.repository';
import { BoardsRepository } from '../boards/boards.repository';
import { ColumnsRepository } from '../columns/columns.repository';
import { clampPosition, planInsert, planMove, planRemoval } from '../common/positions';
import { assertNotArchived, assertVersion } from '../common/versioning';
import type { MoveTaskDto } from './dto/task.dto';
import { taskRef } from './task-events';
import { TaskLookup } from './task-lookup.service';
import type { TaskEntity } from './task.entity';
import { TasksRepository } from './tasks.repository';

/**
 * Moves a task within its column or to another one. The board lock serializes every move on a
 * board, and the task is re-read under it, so concurrent moves each start from the order the
 * previous one committed: positions stay 0..n-1 in every column, each task exactly once.
 */
@Injectable()
export class TaskMovesService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly lookup: TaskLookup,
    private readonly boards: BoardsRepository,
    private readonly columns: ColumnsRepository,
    private readonly cache: BoardCacheRepository,
    private readonly activity: ActivityRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async move(caller: AuthenticatedUser, taskId: string, input: MoveTaskDto): Promise<TaskEntity> {
    const { task: current } = await this.lookup.find(caller, taskId, 'work');
    const moved = await this.tasks.transaction(async (m) => {
      const board = await this.boards.lock(current.boardId, m);
      assertNotArchived('Board', board?.archivedAt ?? null);
      // Read under the board lock: columns are archived under it too.
      const target = await this.columns.findById(input.columnId, m);
      if (!target || target.boardId !== current.boardId || target.archivedAt) {
        throw new UnprocessableEntityException('columnId is not an active column of this board');
      }
      const task = await this.tasks.lock(taskId, m);
      if (!task) throw new NotFoundException('Task not found');
      assertVersion('Task', task.version, input.version);
      const from = { columnId: task.columnId, position: task.position };
      let to: number;
      if (task.columnId === target.id) {
        to = clampPosition(input.position, (await this.tasks.countInColumn(target.id, m)) - 1);
        if (to === task.position) return task;
        await this.tasks.shift(target.id, planMove(task.position, to), m);
      } else {
        const sourceSize = await this.tasks.countInColumn(task.columnId, m);
        const targetSize = await this.tasks.countInColumn(target.id, m);
        to = clampPosition(input.position, targetSize);
        await this.tasks.shift(task.columnId, planRemoval(task.position, sourceSize), m);
        await this.tasks.shift(target.id, planInsert(to, targetSize), m);
      }
      const updated = await this.tasks.update(taskId, { columnId: target.id, position: to }, m);
      await this.activity.record(
        { workspaceId: task.workspaceId, boardId: task.boardId, taskId, actorId: caller.id, action: 'task.moved', details: { from, to: { columnId: target.id, position: to } } },
        m,
      );
      await this.outbox.record(m, BoardEvents.taskMoved, {
        ...taskRef(updated),
        fromColumnId: from.columnId,
        toColumnId: target.id,
        toColumnName: target.name,
        fromPosition: from.position,
        toPosition: to,
        movedBy: caller.id,
      });
      return updated;
    });
    await this.cache.invalidate(current.boardId);
    return moved;
  }
}
