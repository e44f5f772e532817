import { ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@wealist/auth-guard';
import { RpcClient, UserRpc, type WorkspaceRole } from '@wealist/messaging';
import { RoleCacheRepository } from './role-cache.repository';
import { can, parseCachedRole, ROLE_CHANGED, ROLE_NONE, type Capability } from './role-policy';

/**
 * The caller's role in a workspace, asked of the user service and cached. Outsiders learn
 * nothing (404 naming the object they asked for); members without the right get 403.
 */
@Injectable()
export class WorkspaceAccess {
  private readonly logger = new Logger(WorkspaceAccess.name);

  constructor(
    private readonly cache: RoleCacheRepository,
    private readonly rpc: RpcClient,
  ) {}

  /** `prefetched`: the raw cache entry when the caller already read it (in one round trip with other keys). */
  async roleOf(workspaceId: string, userId: string, prefetched?: string | null): Promise<WorkspaceRole | null> {
    const cached = prefetched !== undefined ? parseCachedRole(prefetched) : await this.cache.get(workspaceId, userId).catch(() => null);
    if (cached && cached !== ROLE_CHANGED) return cached === ROLE_NONE ? null : cached;
    const { role } = await this.rpc.call(UserRpc.workspaceRole, { workspaceId, userId });
    // Right after a membership change the marker stays; the fresh answer is used but not cached.
    if (cached !== ROLE_CHANGED) {
      await this.cache.put(workspaceId, userId, role).catch((err: unknown) => {
        this.logger.warn(`role cache write failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
    return role;
  }

  /**
   * The caller's role when it grants `capability`. `what` names the object for the 404
   * ("Board"); `action` says what was refused for the 403 ("archive boards").
   */
  async require(
    workspaceId: string,
    caller: AuthenticatedUser,
    capability: Capability,
    what: string,
    action = 'do this',
    prefetched?: string | null,
  ): Promise<WorkspaceRole> {
    const role = await this.roleOf(workspaceId, caller.id, prefetched);
    if (!role) throw new NotFoundException(`${what} not found`);
    if (!can(role, capability)) throw new ForbiddenException(`Only workspace owners and admins can ${action}`);
    return role;
  }

  /** Whether a user (e.g. a prospective assignee) belongs to the workspace. */
  async isMember(workspaceId: string, userId: string): Promise<boolean> {
    return (await this.roleOf(workspaceId, userId)) !== null;
  }
}
