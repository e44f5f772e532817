import type { TaskRef } from '@wealist/events';
import type { TaskEntity } from './task.entity';

/** The part every board event carries about its task (see libs/events contracts). */
export function taskRef(task: TaskEntity): TaskRef {
  return {
    taskId: task.id,
    boardId: task.boardId,
    projectId: task.projectId,
    workspaceId: task.workspaceId,
    title: task.title,
    createdBy: task.createdBy,
    assigneeId: task.assigneeId,
  };
}

/** A comment excerpt small enough for a notification. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
