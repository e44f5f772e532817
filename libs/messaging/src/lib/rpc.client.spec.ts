import { HttpException, ServiceUnavailableException } from '@nestjs/common';
import { NEVER, of, throwError } from 'rxjs';
import { rpc } from './rpc.contract';
import { RpcClient } from './rpc.client';
import type { NamespacedRedisClient } from './redis-transport';

const contract = rpc<{ id: string }, { ok: boolean }>('user.things.get');
const clientReturning = (value: unknown) => ({ send: jest.fn(() => value), close: jest.fn() }) as unknown as NamespacedRedisClient;

describe('RpcClient', () => {
  it('returns the handler result', async () => {
    await expect(new RpcClient(clientReturning(of({ ok: true })), 100).call(contract, { id: '1' })).resolves.toEqual({ ok: true });
  });

  it('turns a handler error payload into the same HTTP status', async () => {
    const client = clientReturning(throwError(() => ({ statusCode: 409, message: 'exists' })));
    const err = await new RpcClient(client, 100).call(contract, { id: '1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpException);
    expect((err as HttpException).getStatus()).toBe(409);
    expect((err as HttpException).message).toBe('exists');
  });

  it('answers 503 naming the service when nobody replies in time', async () => {
    const err = await new RpcClient(clientReturning(NEVER), 20).call(contract, { id: '1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableException);
    expect((err as Error).message).toBe('user service did not answer in time');
  });
});
