import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { ApiKeyRecord, ApiKeySummary, CreateApiKeyRequest } from '@wealist/messaging';
import { toSummary } from '../users/users.service';
import { UsersRepository } from '../users/users.repository';
import type { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';

const MAX_ACTIVE_KEYS = 50;

function summary(key: ApiKeyEntity): ApiKeySummary {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly users: UsersRepository,
  ) {}

  async create(request: CreateApiKeyRequest): Promise<ApiKeySummary> {
    const existing = await this.keys.listForUser(request.userId);
    if (existing.filter((k) => !k.revokedAt).length >= MAX_ACTIVE_KEYS) {
      throw new ConflictException(`At most ${MAX_ACTIVE_KEYS} active API keys per user`);
    }
    const key = await this.keys.create({
      id: request.keyId,
      userId: request.userId,
      name: request.name,
      prefix: request.prefix,
      secretHash: request.secretHash,
    });
    return summary(key);
  }

  async list(userId: string): Promise<ApiKeySummary[]> {
    return (await this.keys.listForUser(userId)).map(summary);
  }

  async revoke(userId: string, keyId: string): Promise<ApiKeySummary> {
    const key = await this.keys.revoke(userId, keyId);
    if (!key) throw new NotFoundException('API key not found');
    return summary(key);
  }

  async resolve(keyId: string): Promise<ApiKeyRecord | null> {
    const key = await this.keys.findById(keyId);
    if (!key) return null;
    const user = await this.users.findById(key.userId);
    if (!user) return null;
    return { keyId: key.id, secretHash: key.secretHash, user: toSummary(user), revoked: key.revokedAt !== null };
  }
}
