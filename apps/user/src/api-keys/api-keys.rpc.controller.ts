import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcErrorFilter, UserRpc, type RpcRequest, type RpcResponse } from '@wealist/messaging';
import { ApiKeysService } from './api-keys.service';

type Req<C> = RpcRequest<C>;
type Res<C> = Promise<RpcResponse<C>>;

@Controller()
@UseFilters(RpcErrorFilter)
export class ApiKeysRpcController {
  constructor(private readonly keys: ApiKeysService) {}

  @MessagePattern(UserRpc.createApiKey.pattern)
  create(@Payload() req: Req<typeof UserRpc.createApiKey>): Res<typeof UserRpc.createApiKey> {
    return this.keys.create(req);
  }

  @MessagePattern(UserRpc.listApiKeys.pattern)
  list(@Payload() req: Req<typeof UserRpc.listApiKeys>): Res<typeof UserRpc.listApiKeys> {
    return this.keys.list(req.userId);
  }

  @MessagePattern(UserRpc.revokeApiKey.pattern)
  revoke(@Payload() req: Req<typeof UserRpc.revokeApiKey>): Res<typeof UserRpc.revokeApiKey> {
    return this.keys.revoke(req.userId, req.keyId);
  }

  @MessagePattern(UserRpc.resolveApiKey.pattern)
  resolve(@Payload() req: Req<typeof UserRpc.resolveApiKey>): Res<typeof UserRpc.resolveApiKey> {
    return this.keys.resolve(req.keyId);
  }
}
