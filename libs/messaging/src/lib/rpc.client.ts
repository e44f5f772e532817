import { HttpException, Injectable, ServiceUnavailableException, type OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { isRpcErrorPayload, type RpcContract } from './rpc.contract';
import type { NamespacedRedisClient } from './redis-transport';

/**
 * Calls another service through a typed contract. A handler's error comes back as the same
 * HTTP status; a service that does not answer in time is a 503, not a hung request.
 */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  constructor(
    private readonly client: NamespacedRedisClient,
    private readonly timeoutMs: number,
  ) {}

  async call<Req, Res>(contract: RpcContract<Req, Res>, payload: Req): Promise<Res> {
    try {
      return await firstValueFrom(this.client.send<Res, Req>(contract.pattern, payload).pipe(timeout(this.timeoutMs)));
    } catch (err) {
      if (err instanceof TimeoutError) {
        throw new ServiceUnavailableException(`${contract.pattern.split('.')[0]} service did not answer in time`);
      }
      if (isRpcErrorPayload(err)) throw new HttpException(err.message, err.statusCode);
      throw new ServiceUnavailableException(`${contract.pattern.split('.')[0]} service call failed`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
