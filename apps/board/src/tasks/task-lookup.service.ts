import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import type { WorkspaceRole } from '@wealist/messaging';
import { WorkspaceAccess } from '../access/workspace-access.service';
import type { Capability } from '../access/role-policy';
import type { TaskEntity } from './task.entity';
import { TasksRepository } from './tasks.repository';

/** Finds a task for a caller: 404 when it does not exist or the caller is not in its workspace. */
@Injectable()
export class TaskLookup {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly access: WorkspaceAccess,
  ) {}

  async find(caller: AuthenticatedUser, taskId: string, capability: Capability): Promise<{ task: TaskEntity; role: WorkspaceRole }> {
    const task = await this.tasks.findById(taskId);
    if (!task) throw new NotFoundException('Task not found');
    const role = await this.access.require(task.workspaceId, caller, capability, 'Task');
    return { task, role };
  }

  /** Tasks are assigned to members of their workspace only. */
  async assertAssignable(workspaceId: string, assigneeId: string | null | undefined): Promise<void> {
    if (assigneeId && !(await this.access.isMember(workspaceId, assigneeId))) {
      throw new UnprocessableEntityException('assigneeId is not a member of this workspace');
    }
  }
}
