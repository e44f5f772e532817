import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import type { WorkspaceRole } from '@wealist/messaging';
import { REDIS_CLIENT } from '@wealist/redis';
import type { Redis } from 'ioredis';
import type { BoardConfig } from '../board.config';
import { parseCachedRole, ROLE_CHANGED, ROLE_NONE, type CachedRole } from './role-policy';

/** Redis key of a cached role (DB 1, under REDIS_KEY_PREFIX like every key of the client). */
export const roleCacheKey = (workspaceId: string, userId: string) => `role:${workspaceId}:${userId}`;
const key = roleCacheKey;

/**
 * Workspace roles from the user service, cached in Redis DB 1 (shared by every instance).
 * A membership change replaces the entry with a short CHANGED marker instead of deleting it:
 * a role fetched just before the change cannot be written back over it (writes are SET NX),
 * so no instance serves the old role once the change event has been handled.
 */
@Injectable()
export class RoleCacheRepository {
  private readonly markerSeconds: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: BoardConfig,
  ) {
    // Longer than any RPC that may have started before the change can take.
    this.markerSeconds = Math.ceil((config.RPC_TIMEOUT_MS * 2) / 1000);
  }

  async get(workspaceId: string, userId: string): Promise<CachedRole | null> {
    return parseCachedRole(await this.redis.get(key(workspaceId, userId)));
  }

  async put(workspaceId: string, userId: string, role: WorkspaceRole | null): Promise<void> {
    await this.redis.set(key(workspaceId, userId), role ?? ROLE_NONE, 'EX', this.config.ROLE_CACHE_TTL_SECONDS, 'NX');
  }

  async markChanged(workspaceId: string, userId: string): Promise<void> {
    await this.redis.set(key(workspaceId, userId), ROLE_CHANGED, 'EX', this.markerSeconds);
  }
}
