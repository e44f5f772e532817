import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { isUniqueViolation } from '@wealist/database';
import { OutboxWriter, UserEvents, type WorkspaceMemberChangedEvent } from '@wealist/events';
import type { WorkspaceRole } from '@wealist/messaging';
import { isUUID } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { UsersRepository } from '../users/users.repository';
import { WorkspacesRepository, type MemberRow, type WorkspaceWithRole } from './workspaces.repository';

const MANAGERS: readonly WorkspaceRole[] = ['owner', 'admin'];

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly workspaces: WorkspacesRepository,
    private readonly users: UsersRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(name: string, ownerId: string): Promise<WorkspaceWithRole> {
    const workspace = await this.workspaces.create(name, ownerId);
    return { id: workspace.id, name: workspace.name, role: 'owner', createdAt: workspace.createdAt, memberCount: 1 };
  }

  list(userId: string): Promise<WorkspaceWithRole[]> {
    return this.workspaces.listForUser(userId);
  }

  /** Non-members get 404: a workspace's existence is not revealed to outsiders. */
  async get(workspaceId: string, userId: string): Promise<WorkspaceWithRole> {
    const workspace = await this.workspaces.findForUser(workspaceId, userId);
    if (!workspace) throw new NotFoundException('Workspace not found');
    return workspace;
  }

  /** For other services; ids that are not UUIDs simply have no role. */
  async roleOf(workspaceId: string, userId: string): Promise<WorkspaceRole | null> {
    if (!isUUID(workspaceId) || !isUUID(userId)) return null;
    return this.workspaces.roleOf(workspaceId, userId);
  }

  async members(workspaceId: string, userId: string): Promise<MemberRow[]> {
    await this.requireRole(workspaceId, userId);
    return this.workspaces.listMembers(workspaceId);
  }

  async addMember(workspaceId: string, actorId: string, email: string, role: WorkspaceRole): Promise<MemberRow> {
    const user = await this.users.findByEmail(email);
    if (!user) {
      // Checked after the caller's rights below would leak which emails exist to non-managers.
      await this.requireManagerOutsideTx(workspaceId, actorId);
      throw new NotFoundException('No user with this email');
    }
    try {
      await this.workspaces.transaction(async (m) => {
        await this.workspaces.lock(workspaceId, m);
        const actorRole = await this.requireManager(workspaceId, actorId, m);
        if (role === 'owner' && actorRole !== 'owner') throw new ForbiddenException('Only owners can add owners');
        if (await this.workspaces.roleOf(workspaceId, user.id, m)) {
          throw new ConflictException('This user is already a member of the workspace');
        }
        await this.workspaces.addMember(workspaceId, user.id, role, m);
        await this.memberChanged(m, { workspaceId, userId: user.id, role, previousRole: null, changedBy: actorId });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictException('This user is already a member of the workspace');
      throw err;
    }
    return this.member(workspaceId, user.id);
  }

  async updateMember(workspaceId: string, actorId: string, targetId: string, role: WorkspaceRole): Promise<MemberRow> {
    await this.workspaces.transaction(async (m) => {
      await this.workspaces.lock(workspaceId, m);
      const actorRole = await this.requireManager(workspaceId, actorId, m);
      const targetRole = await this.workspaces.roleOf(workspaceId, targetId, m);
      if (!targetRole) throw new NotFoundException('Member not found');
      if (actorRole !== 'owner' && (targetRole === 'owner' || role === 'owner')) {
        throw new ForbiddenException('Only owners can grant or change the owner role');
      }
      if (targetRole === 'owner' && role !== 'owner') await this.keepAnOwner(workspaceId, m);
      await this.workspaces.setRole(workspaceId, targetId, role, m);
      if (role !== targetRole) await this.memberChanged(m, { workspaceId, userId: targetId, role, previousRole: targetRole, changedBy: actorId });
    });
    return this.member(workspaceId, targetId);
  }

  /** Removes a member, or lets a member leave; the last owner can do neither to themselves. */
  async removeMember(workspaceId: string, actorId: string, targetId: string): Promise<void> {
    await this.workspaces.transaction(async (m) => {
      await this.workspaces.lock(workspaceId, m);
      const actorRole = await this.requireRole(workspaceId, actorId, m);
      const targetRole = actorId === targetId ? actorRole : await this.workspaces.roleOf(workspaceId, targetId, m);
      if (actorId !== targetId) {
        if (!MANAGERS.includes(actorRole)) throw new ForbiddenException('Only owners and admins can remove members');
        if (!targetRole) throw new NotFoundException('Member not found');
        if (targetRole === 'owner' && actorRole !== 'owner') throw new ForbiddenException('Only owners can remove owners');
      }
      if (targetRole === 'owner') await this.keepAnOwner(workspaceId, m);
      await this.workspaces.removeMember(workspaceId, targetId, m);
      await this.memberChanged(m, { workspaceId, userId: targetId, role: null, previousRole: targetRole, changedBy: actorId });
    });
  }

  /**
   * Other services cache roles (board); the event, committed with the change, tells them to
   * drop what they hold for this member.
   */
  private async memberChanged(m: EntityManager, change: WorkspaceMemberChangedEvent): Promise<void> {
    await this.outbox.record(m, UserEvents.workspaceMemberChanged, change);
  }

  private async member(workspaceId: string, userId: string): Promise<MemberRow> {
    const row = await this.workspaces.findMember(workspaceId, userId);
    if (!row) throw new NotFoundException('Member not found');
    return row;
  }

  private async requireRole(workspaceId: string, userId: string, m?: EntityManager): Promise<WorkspaceRole> {
    const role = await this.workspaces.roleOf(workspaceId, userId, m);
    if (!role) throw new NotFoundException('Workspace not found');
    return role;
  }

  private async requireManager(workspaceId: string, userId: string, m: EntityManager): Promise<WorkspaceRole> {
    const role = await this.requireRole(workspaceId, userId, m);
    if (!MANAGERS.includes(role)) throw new ForbiddenException('Only owners and admins can manage members');
    return role;
  }

  private async requireManagerOutsideTx(workspaceId: string, userId: string): Promise<void> {
    await this.workspaces.transaction((m) => this.requireManager(workspaceId, userId, m));
  }

  private async keepAnOwner(workspaceId: string, m: EntityManager): Promise<void> {
    if ((await this.workspaces.countOwners(workspaceId, m)) <= 1) {
      throw new ConflictException('A workspace must keep at least one owner');
    }
  }
}
