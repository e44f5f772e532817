import type { WorkspaceRole } from '@wealist/messaging';

/**
 * What each workspace role may do on boards. Every member reads and works on tasks and
 * comments; shaping the workspace (projects, boards, columns) and removing other people's
 * work is for owners and admins.
 */
export type Capability = 'read' | 'work' | 'manage';

const CAPABILITIES: Record<WorkspaceRole, readonly Capability[]> = {
  owner: ['read', 'work', 'manage'],
  admin: ['read', 'work', 'manage'],
  member: ['read', 'work'],
};

export function can(role: WorkspaceRole, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}

/** Authors may change their own things; managers may also remove anyone's. */
export function mayModerate(role: WorkspaceRole, actorId: string, ownerId: string): boolean {
  return actorId === ownerId || can(role, 'manage');
}

/** Cached role values: a role, NONE for "not a member", CHANGED for "membership just changed". */
export const ROLE_NONE = 'none';
export const ROLE_CHANGED = '?';
export type CachedRole = WorkspaceRole | typeof ROLE_NONE | typeof ROLE_CHANGED;

export function parseCachedRole(value: string | null): CachedRole | null {
  return value === 'owner' || value === 'admin' || value === 'member' || value === ROLE_NONE || value === ROLE_CHANGED ? value : null;
}
