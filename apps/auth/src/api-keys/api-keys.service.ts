import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { AuthRedisKeys, generateApiKey, hashApiKeySecret, type AuthenticatedUser } from '@wealist/auth-guard';
import { RpcClient, UserRpc, type ApiKeyRecord, type ApiKeySummary } from '@wealist/messaging';
import { REDIS_CLIENT, type Redis } from '@wealist/redis';
import type { CreatedApiKeyDto } from './dto/api-key.dto';

/**
 * API keys are owned by the user service; auth mints them and keeps the Redis DB 0 index that
 * every service's guard reads. Revocation deletes the index entry, so it takes effect at once.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  async create(caller: AuthenticatedUser, name: string): Promise<CreatedApiKeyDto> {
    this.assertInteractive(caller);
    const generated = generateApiKey();
    const secretHash = hashApiKeySecret(generated.secret);
    const summary = await this.rpc.call(UserRpc.createApiKey, {
      userId: caller.id,
      keyId: generated.keyId,
      name,
      prefix: generated.prefix,
      secretHash,
    });
    const record: ApiKeyRecord = {
      keyId: generated.keyId,
      secretHash,
      user: { id: caller.id, email: caller.email, name: caller.name, planTier: caller.planTier },
      revoked: false,
    };
    await this.redis.set(AuthRedisKeys.apiKey(generated.keyId), JSON.stringify(record));
    return { ...summary, key: generated.key };
  }

  list(caller: AuthenticatedUser): Promise<ApiKeySummary[]> {
    return this.rpc.call(UserRpc.listApiKeys, { userId: caller.id });
  }

  async revoke(caller: AuthenticatedUser, keyId: string): Promise<void> {
    this.assertInteractive(caller);
    // Revoke at the owner first (404 for someone else's key), then drop the index entry; the
    // response goes out only after both, so the key fails everywhere from then on.
    await this.rpc.call(UserRpc.revokeApiKey, { userId: caller.id, keyId });
    await this.redis.del(AuthRedisKeys.apiKey(keyId));
  }

  /** A leaked key must not be able to mint or revoke keys: that needs a signed-in user. */
  private assertInteractive(caller: AuthenticatedUser): void {
    if (caller.via !== 'token') throw new ForbiddenException('API keys are managed with a user access token');
  }
}
