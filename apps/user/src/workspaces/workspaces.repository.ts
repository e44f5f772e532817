import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WorkspaceRole } from '@wealist/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { WorkspaceMemberEntity } from './workspace-member.entity';
import { WorkspaceEntity } from './workspace.entity';

export interface WorkspaceWithRole {
  id: string;
  name: string;
  role: WorkspaceRole;
  createdAt: Date;
  memberCount: number;
}

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: WorkspaceRole;
  joinedAt: Date;
}

@Injectable()
export class WorkspacesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(name: string, ownerId: string): Promise<WorkspaceEntity> {
    return this.db.transaction(async (m) => {
      const workspace = await m.getRepository(WorkspaceEntity).save(m.create(WorkspaceEntity, { name, createdBy: ownerId }));
      await m.getRepository(WorkspaceMemberEntity).insert({ workspaceId: workspace.id, userId: ownerId, role: 'owner' });
      return workspace;
    });
  }

  private withRoleQuery(userId: string) {
    return this.db
      .createQueryBuilder()
      .select(['w.id AS id', 'w.name AS name', 'm.role AS role', 'w.created_at AS "createdAt"'])
      .addSelect('(SELECT count(*)::int FROM workspace_members c WHERE c.workspace_id = w.id)', 'memberCount')
      .from(WorkspaceEntity, 'w')
      .innerJoin(WorkspaceMemberEntity, 'm', 'm.workspace_id = w.id AND m.user_id = :userId', { userId });
  }

  listForUser(userId: string): Promise<WorkspaceWithRole[]> {
    return this.withRoleQuery(userId).orderBy('w.created_at', 'ASC').addOrderBy('w.id').getRawMany<WorkspaceWithRole>();
  }

  async findForUser(workspaceId: string, userId: string): Promise<WorkspaceWithRole | null> {
    return (await this.withRoleQuery(userId).where('w.id = :workspaceId', { workspaceId }).getRawOne<WorkspaceWithRole>()) ?? null;
  }

  async roleOf(workspaceId: string, userId: string, manager: EntityManager = this.db.manager): Promise<WorkspaceRole | null> {
    const member = await manager.getRepository(WorkspaceMemberEntity).findOneBy({ workspaceId, userId });
    return member?.role ?? null;
  }

  listMembers(workspaceId: string): Promise<MemberRow[]> {
    return this.db
      .createQueryBuilder()
      .select(['m.user_id AS "userId"', 'u.email AS email', 'u.name AS name', 'm.role AS role', 'm.joined_at AS "joinedAt"'])
      .from(WorkspaceMemberEntity, 'm')
      .innerJoin('users', 'u', 'u.id = m.user_id')
      .where('m.workspace_id = :workspaceId', { workspaceId })
      .orderBy('m.joined_at', 'ASC')
      .addOrderBy('m.user_id')
      .getRawMany<MemberRow>();
  }

  async findMember(workspaceId: string, userId: string): Promise<MemberRow | null> {
    const rows = await this.listMembers(workspaceId);
    return rows.find((r) => r.userId === userId) ?? null;
  }

  /** Locks the workspace row so membership changes of one workspace run one at a time. */
  async lock(workspaceId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT id FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
  }

  async countOwners(workspaceId: string, manager: EntityManager): Promise<number> {
    return manager.getRepository(WorkspaceMemberEntity).countBy({ workspaceId, role: 'owner' });
  }

  async addMember(workspaceId: string, userId: string, role: WorkspaceRole, manager: EntityManager): Promise<void> {
    await manager.getRepository(WorkspaceMemberEntity).insert({ workspaceId, userId, role });
  }

  async setRole(workspaceId: string, userId: string, role: WorkspaceRole, manager: EntityManager): Promise<void> {
    await manager.getRepository(WorkspaceMemberEntity).update({ workspaceId, userId }, { role });
  }

  async removeMember(workspaceId: string, userId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(WorkspaceMemberEntity).delete({ workspaceId, userId });
  }
}
