import { Inject, Injectable } from '@nestjs/common';
import { AuthRedisKeys } from '@wealist/auth-guard';
import { REDIS_CLIENT, type Redis } from '@wealist/redis';

export type RotationResult = 'rotated' | 'reused' | 'unknown';

// Compare-and-swap of a session's current refresh token id, atomically in Redis.
// A token that is not the current one of its session is a replay: the session is dropped.
const ROTATE = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
if current == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  redis.call('EXPIRE', KEYS[1], ARGV[4])
  return 1
end
redis.call('HDEL', KEYS[1], ARGV[1])
return -1`;

/**
 * `refresh_token:{userId}` is a hash: session (family) id -> id of the one refresh token that
 * may still be used. Rotation swaps it; any other token of the family revokes the family.
 */
@Injectable()
export class RefreshTokenStore {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async start(userId: string, sessionId: string, tokenId: string, ttlSeconds: number): Promise<void> {
    const key = AuthRedisKeys.refreshToken(userId);
    await this.redis.multi().hset(key, sessionId, tokenId).expire(key, ttlSeconds).exec();
  }

  async rotate(userId: string, sessionId: string, presentedId: string, nextId: string, ttlSeconds: number): Promise<RotationResult> {
    const result = (await this.redis.eval(
      ROTATE,
      1,
      AuthRedisKeys.refreshToken(userId),
      sessionId,
      presentedId,
      nextId,
      String(ttlSeconds),
    )) as number;
    return result === 1 ? 'rotated' : result === -1 ? 'reused' : 'unknown';
  }

  async end(userId: string, sessionId: string): Promise<void> {
    await this.redis.hdel(AuthRedisKeys.refreshToken(userId), sessionId);
  }
}
