import type { ChatMentionedEvent, TaskAssignedEvent, TaskCommentedEvent, TaskDueSoonEvent, TradingSignalEvent } from '@wealist/events';

/** Event types a user can be notified of; preferences are kept per type. */
export const NOTIFICATION_TYPES = ['task.assigned', 'task.commented', 'task.due-soon', 'chat.mentioned', 'trading.signal'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** A notification to store for one recipient. */
export interface NotificationDraft {
  userId: string;
  type: NotificationType;
  workspaceId: string | null;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

const quote = (title: string) => `“${title.length > 120 ? `${title.slice(0, 119)}…` : title}”`;

/** Recipients without nulls, duplicates, or the person who caused the event. */
function recipients(ids: (string | null | undefined)[], actor: string): string[] {
  return [...new Set(ids.filter((id): id is string => !!id && id !== actor))];
}

export function composeTaskAssigned(e: TaskAssignedEvent): NotificationDraft[] {
  return recipients([e.assigneeId], e.assignedBy).map((userId) => ({
    userId,
    type: 'task.assigned',
    workspaceId: e.workspaceId,
    title: `You were assigned ${quote(e.title)}`,
    body: '',
    data: { taskId: e.taskId, boardId: e.boardId, projectId: e.projectId, assignedBy: e.assignedBy },
  }));
}

/** The task's assignee and creator hear of comments, except on their own. */
export function composeTaskCommented(e: TaskCommentedEvent): NotificationDraft[] {
  return recipients([e.assigneeId, e.createdBy], e.authorId).map((userId) => ({
    userId,
    type: 'task.commented',
    workspaceId: e.workspaceId,
    title: `New comment on ${quote(e.title)}`,
    body: e.excerpt,
    data: { taskId: e.taskId, boardId: e.boardId, projectId: e.projectId, commentId: e.commentId, authorId: e.authorId },
  }));
}

/** The assignee, or the creator of an unassigned task. */
export function composeTaskDueSoon(e: TaskDueSoonEvent): NotificationDraft[] {
  return recipients([e.assigneeId ?? e.createdBy], '').map((userId) => ({
    userId,
    type: 'task.due-soon',
    workspaceId: e.workspaceId,
    title: `${quote(e.title)} is due ${e.dueDate}`,
    body: '',
    data: { taskId: e.taskId, boardId: e.boardId, projectId: e.projectId, dueDate: e.dueDate },
  }));
}

export function composeChatMentioned(e: ChatMentionedEvent): NotificationDraft[] {
  const where = e.roomName ? `#${e.roomName}` : 'a direct message';
  return recipients(e.mentionedUserIds, e.senderId).map((userId) => ({
    userId,
    type: 'chat.mentioned',
    workspaceId: e.workspaceId,
    title: `${e.senderName} mentioned you in ${where}`,
    body: e.excerpt,
    data: { roomId: e.roomId, messageId: e.messageId, seq: e.seq, senderId: e.senderId },
  }));
}

/** A live strategy's signal goes to whoever activated it (nobody "caused" it, so nobody is excluded). */
export function composeTradingSignal(e: TradingSignalEvent): NotificationDraft[] {
  const details = JSON.stringify(e.data ?? {});
  return recipients(e.recipientIds, '').map((userId) => ({
    userId,
    type: 'trading.signal',
    workspaceId: e.workspaceId,
    title: `${e.strategyName}: ${e.name} on ${e.symbol}`,
    body: details === '{}' ? '' : details.length > 200 ? `${details.slice(0, 199)}…` : details,
    data: { signalId: e.signalId, liveStrategyId: e.liveStrategyId, symbol: e.symbol, name: e.name, barTime: e.barTime, data: e.data },
  }));
}
