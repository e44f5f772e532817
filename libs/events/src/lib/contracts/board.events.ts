import { domainEvent, serviceStream } from '../event.contract';

/** Stream of everything the board service publishes. Consumers: notification (group `notification`). */
export const BOARD_EVENTS_STREAM = serviceStream('board');

/** Identifies the task and where it lives, so a consumer needs no call back to the board service. */
export interface TaskRef {
  taskId: string;
  boardId: string;
  projectId: string;
  workspaceId: string;
  title: string;
  /** The task's creator and assignee: the usual recipients of a notification. */
  createdBy: string;
  assigneeId: string | null;
}

export interface TaskCreatedEvent extends TaskRef {
  columnId: string;
  priority: string;
  dueDate: string | null;
}

export interface TaskAssignedEvent extends TaskRef {
  previousAssigneeId: string | null;
  assignedBy: string;
}

export interface TaskCommentedEvent extends TaskRef {
  commentId: string;
  authorId: string;
  /** The first 200 characters of the comment. */
  excerpt: string;
}

export interface TaskMovedEvent extends TaskRef {
  fromColumnId: string;
  toColumnId: string;
  toColumnName: string;
  fromPosition: number;
  toPosition: number;
  movedBy: string;
}

export interface TaskDueSoonEvent extends TaskRef {
  dueDate: string;
}

export const BoardEvents = {
  taskCreated: domainEvent<TaskCreatedEvent>('task.created', BOARD_EVENTS_STREAM),
  taskAssigned: domainEvent<TaskAssignedEvent>('task.assigned', BOARD_EVENTS_STREAM),
  taskCommented: domainEvent<TaskCommentedEvent>('task.commented', BOARD_EVENTS_STREAM),
  taskMoved: domainEvent<TaskMovedEvent>('task.moved', BOARD_EVENTS_STREAM),
  taskDueSoon: domainEvent<TaskDueSoonEvent>('task.due-soon', BOARD_EVENTS_STREAM),
} as const;
