import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcErrorFilter, UserRpc, type RpcRequest, type RpcResponse } from '@wealist/messaging';
import { UsersService } from './users.service';

type Req<C> = RpcRequest<C>;
type Res<C> = Promise<RpcResponse<C>>;

/** Account RPCs for auth: creating users and reading credentials never go over public HTTP. */
@Controller()
@UseFilters(RpcErrorFilter)
export class UsersRpcController {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(UserRpc.createUser.pattern)
  create(@Payload() req: Req<typeof UserRpc.createUser>): Res<typeof UserRpc.createUser> {
    return this.users.create(req);
  }

  @MessagePattern(UserRpc.findUser.pattern)
  find(@Payload() req: Req<typeof UserRpc.findUser>): Res<typeof UserRpc.findUser> {
    return this.users.find(req.userId);
  }

  @MessagePattern(UserRpc.findCredentials.pattern)
  credentials(@Payload() req: Req<typeof UserRpc.findCredentials>): Res<typeof UserRpc.findCredentials> {
    return this.users.credentials(req.email);
  }

  @MessagePattern(UserRpc.linkOidcIdentity.pattern)
  linkOidc(@Payload() req: Req<typeof UserRpc.linkOidcIdentity>): Res<typeof UserRpc.linkOidcIdentity> {
    return this.users.linkOidcIdentity(req);
  }
}
