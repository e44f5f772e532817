import type { WorkspaceRole } from '@wealist/messaging';
import { domainEvent, serviceStream } from '../event.contract';

/** Stream of everything the user service publishes. Consumers: board (group `board`). */
export const USER_EVENTS_STREAM = serviceStream('user');

/** A member was added, changed role or left; `role` is null when they are no longer a member. */
export interface WorkspaceMemberChangedEvent {
  workspaceId: string;
  userId: string;
  role: WorkspaceRole | null;
  previousRole: WorkspaceRole | null;
  changedBy: string;
}

export const UserEvents = {
  workspaceMemberChanged: domainEvent<WorkspaceMemberChangedEvent>('workspace.member.changed', USER_EVENTS_STREAM),
} as const;
