import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { RpcClient, UserRpc, type WorkspaceRole } from '@wealist/messaging';

export interface Member {
  userId: string;
  role: WorkspaceRole;
}

const MANAGERS: readonly WorkspaceRole[] = ['owner', 'admin'];

/** Workspace membership, answered by the user service (the owner of workspaces) over the bus. */
@Injectable()
export class WorkspaceAccess {
  constructor(private readonly rpc: RpcClient) {}

  /** Non-members get 404 on every route: whether a workspace (or its rooms) exists is not theirs to know. */
  async member(workspaceId: string, userId: string): Promise<Member> {
    const { role } = await this.rpc.call(UserRpc.workspaceRole, { workspaceId, userId });
    if (!role) throw new NotFoundException('Workspace not found');
    return { userId, role };
  }

  /** Owners and admins moderate every room of the workspace; a room's creator moderates that room. */
  static isModerator(member: Member, createdBy: string): boolean {
    return MANAGERS.includes(member.role) || member.userId === createdBy;
  }

  static requireModerator(member: Member, createdBy: string, action: string): void {
    if (!WorkspaceAccess.isModerator(member, createdBy)) throw new ForbiddenException(`Only owners, admins or the room's creator can ${action}`);
  }
}
