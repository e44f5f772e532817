import { UnauthorizedException } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { UserRpc, type ApiKeyRecord, type RpcClient } from '@wealist/messaging';
import { apiKeySecretMatches, parseApiKey } from './api-key.format';
import { AuthRedisKeys } from './auth-keys';
import type { AuthenticatedUser } from './token-claims';

/**
 * Resolves `X-API-Key`. Auth writes each key's record to Redis DB 0 when it is created and
 * deletes it when it is revoked, so the common path is one GET; a miss (e.g. after a Redis
 * flush) asks the user service, which owns the keys, so a revoked key never passes.
 */
export class ApiKeyVerifier {
  constructor(
    private readonly redis: Redis,
    private readonly rpc: RpcClient,
  ) {}

  async verify(apiKey: string): Promise<AuthenticatedUser> {
    const parsed = parseApiKey(apiKey);
    if (!parsed) throw new UnauthorizedException('Invalid API key');
    const cached = await this.redis.get(AuthRedisKeys.apiKey(parsed.keyId));
    const record: ApiKeyRecord | null = cached
      ? (JSON.parse(cached) as ApiKeyRecord)
      : await this.rpc.call(UserRpc.resolveApiKey, { keyId: parsed.keyId });
    if (!record || record.revoked || !apiKeySecretMatches(parsed.secret, record.secretHash)) {
      throw new UnauthorizedException('Invalid API key');
    }
    return { ...record.user, via: 'api-key', apiKeyId: record.keyId };
  }
}
