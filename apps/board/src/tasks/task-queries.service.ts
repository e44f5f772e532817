import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { WorkspaceAccess } from '../access/workspace-access.service';
import type { ActivityEntity } from '../activity/activity.entity';
import { ActivityRepository } from '../activity/activity.repository';
import { BoardsRepository } from '../boards/boards.repository';
import { decodeCursor, page } from '../common/cursor';
import type { ListTasksQueryDto } from './dto/task-query.dto';
import { TaskLookup } from './task-lookup.service';
import type { TaskEntity } from './task.entity';
import { TasksRepository } from './tasks.repository';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

@Injectable()
export class TaskQueriesService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly lookup: TaskLookup,
    private readonly boards: BoardsRepository,
    private readonly access: WorkspaceAccess,
    private readonly activity: ActivityRepository,
  ) {}

  async list(caller: AuthenticatedUser, boardId: string, query: ListTasksQueryDto, limit: number): Promise<Page<TaskEntity>> {
    const board = await this.boards.findById(boardId);
    if (!board) throw new NotFoundException('Board not found');
    await this.access.require(board.workspaceId, caller, 'read', 'Board');
    const beforeNumber = query.cursor === undefined ? undefined : Number(decodeCursor(query.cursor, ['number']).number);
    const rows = await this.tasks.list(
      boardId,
      {
        assigneeId: query.assigneeId,
        label: query.label,
        status: query.status,
        columnId: query.columnId,
        dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
        q: query.q,
        beforeNumber,
      },
      limit,
    );
    return page(rows, limit, (t) => ({ number: t.number }));
  }

  async search(caller: AuthenticatedUser, workspaceId: string, q: string, limit: number): Promise<TaskEntity[]> {
    await this.access.require(workspaceId, caller, 'read', 'Workspace');
    return this.tasks.search(workspaceId, q, limit);
  }

  /** A task's history, newest first. */
  async history(caller: AuthenticatedUser, taskId: string, cursor: string | undefined, limit: number): Promise<Page<ActivityEntity>> {
    await this.lookup.find(caller, taskId, 'read');
    const before = cursor === undefined ? undefined : String(decodeCursor(cursor, ['seq']).seq);
    return page(await this.activity.list({ taskId }, before, limit), limit, (a) => ({ seq: a.seq }));
  }
}
