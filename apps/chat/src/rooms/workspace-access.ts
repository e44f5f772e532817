import { Injectable } from '@nestjs/common';
import { RpcClient, UserRpc, type WorkspaceRole } from '@wealist/messaging';

const MANAGERS: readonly WorkspaceRole[] = ['owner', 'admin'];

/** Workspace membership as the user service, which owns it, answers it over the bus. */
@Injectable()
export class WorkspaceAccess {
  constructor(private readonly rpc: RpcClient) {}

  async roleOf(workspaceId: string, userId: string): Promise<WorkspaceRole | null> {
    return (await this.rpc.call(UserRpc.workspaceRole, { workspaceId, userId })).role;
  }

  async isManager(workspaceId: string, userId: string): Promise<boolean> {
    const role = await this.roleOf(workspaceId, userId);
    return role !== null && MANAGERS.includes(role);
  }
}
