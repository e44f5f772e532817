import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { RpcClient, UserRpc, type WorkspaceRole } from '@wealist/messaging';

export interface Member {
  workspaceId: string;
  userId: string;
  role: WorkspaceRole;
}

const MANAGERS: readonly WorkspaceRole[] = ['owner', 'admin'];

/** Workspace membership, answered by the user service (the owner of workspaces) over the bus. */
@Injectable()
export class WorkspaceAccess {
  constructor(private readonly rpc: RpcClient) {}

  /** Non-members get 404 on every route: whether a workspace (or its strategies) exists is not theirs to know. */
  async member(workspaceId: string, userId: string): Promise<Member> {
    const { role } = await this.rpc.call(UserRpc.workspaceRole, { workspaceId, userId });
    if (!role) throw new NotFoundException('Workspace not found');
    return { workspaceId, userId, role };
  }

  /** Owners and admins act on everything of the workspace (kill switch, others' deployments). */
  static requireManager(member: Member, action: string): void {
    if (!MANAGERS.includes(member.role)) throw new ForbiddenException(`Only workspace owners or admins can ${action}`);
  }

  static isManager(member: Member): boolean {
    return MANAGERS.includes(member.role);
  }
}
