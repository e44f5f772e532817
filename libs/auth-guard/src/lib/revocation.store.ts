import type { Redis } from 'ioredis';
import { AuthRedisKeys } from './auth-keys';

/**
 * Revoked tokens and sessions in Redis DB 0. Entries live only until the token they revoke
 * would have expired anyway, so the blacklist never grows without bound.
 */
export class RevocationStore {
  constructor(private readonly redis: Redis) {}

  async isRevoked(tokenId: string, sessionId: string): Promise<boolean> {
    const [token, session] = await this.redis.mget(AuthRedisKeys.blacklist(tokenId), AuthRedisKeys.blacklist(sessionId));
    return token !== null || session !== null;
  }

  /** Revokes one id (a token id or a session id) for ttlSeconds. */
  async revoke(id: string, ttlSeconds: number): Promise<void> {
    if (ttlSeconds <= 0) return;
    await this.redis.set(AuthRedisKeys.blacklist(id), '1', 'EX', Math.ceil(ttlSeconds));
  }
}
