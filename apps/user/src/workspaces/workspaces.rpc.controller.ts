import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcErrorFilter, UserRpc, type RpcRequest, type RpcResponse } from '@wealist/messaging';
import { WorkspacesService } from './workspaces.service';

/** Lets every other service ask "what is this user's role in this workspace?". */
@Controller()
@UseFilters(RpcErrorFilter)
export class WorkspacesRpcController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @MessagePattern(UserRpc.workspaceRole.pattern)
  async role(
    @Payload() req: RpcRequest<typeof UserRpc.workspaceRole>,
  ): Promise<RpcResponse<typeof UserRpc.workspaceRole>> {
    return { role: await this.workspaces.roleOf(req.workspaceId, req.userId) };
  }
}
