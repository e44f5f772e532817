import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@wealist/config';
import type { PlanTier } from '@wealist/messaging';
import type { EntityManager } from 'typeorm';
import type { StorageConfig } from '../storage.config';
import { QuotaRepository } from './quota.repository';

export interface Usage {
  usedBytes: number;
  quotaBytes: number;
  planTier: PlanTier;
  fileCount: number;
}

/**
 * Per-workspace quotas. The limit follows the plan tier of the member acting (the JWT's tier):
 * workspaces carry no plan of their own yet. Checks run under a per-workspace lock, so two
 * uploads racing for the last free bytes cannot both pass.
 */
@Injectable()
export class QuotaService {
  constructor(
    private readonly quota: QuotaRepository,
    @Inject(SERVICE_CONFIG) private readonly config: StorageConfig,
  ) {}

  limitFor(tier: PlanTier): number {
    if (tier === 'enterprise') return this.config.STORAGE_QUOTA_ENTERPRISE_BYTES;
    if (tier === 'premium') return this.config.STORAGE_QUOTA_PREMIUM_BYTES;
    return this.config.STORAGE_QUOTA_FREE_BYTES;
  }

  async usage(workspaceId: string, tier: PlanTier): Promise<Usage> {
    const [usedBytes, fileCount] = await Promise.all([this.quota.usedBytes(workspaceId), this.quota.activeFileCount(workspaceId)]);
    return { usedBytes, quotaBytes: this.limitFor(tier), planTier: tier, fileCount };
  }

  /**
   * Runs `work` in a transaction that holds the workspace's quota lock, after checking that
   * `bytes` more fit (`excludeFileId`: the upload being confirmed, already counted).
   */
  async withRoomFor<T>(
    workspaceId: string,
    tier: PlanTier,
    bytes: number,
    work: (manager: EntityManager) => Promise<T>,
    excludeFileId?: string,
  ): Promise<T> {
    return this.quota.transaction(async (manager) => {
      await this.quota.lock(workspaceId, manager);
      const used = await this.quota.usedBytes(workspaceId, manager, excludeFileId);
      const limit = this.limitFor(tier);
      if (used + bytes > limit) {
        throw new HttpException(
          `Storage quota exceeded: ${used} of ${limit} bytes used (${tier} plan), ${bytes} more requested`,
          HttpStatus.PAYLOAD_TOO_LARGE,
        );
      }
      return work(manager);
    });
  }
}
