import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(ApiKeyEntity);
  }

  async create(data: Pick<ApiKeyEntity, 'id' | 'userId' | 'name' | 'prefix' | 'secretHash'>): Promise<ApiKeyEntity> {
    return this.repo.save(this.repo.create(data));
  }

  listForUser(userId: string): Promise<ApiKeyEntity[]> {
    return this.repo.find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Revokes once; a second revoke keeps the first time. Returns null when not the user's key. */
  async revoke(userId: string, id: string): Promise<ApiKeyEntity | null> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'COALESCE(revoked_at, now())' })
      .where('id = :id AND user_id = :userId', { id, userId })
      .execute();
    return this.repo.findOneBy({ id, userId });
  }

  async touch(id: string): Promise<void> {
    await this.repo.update({ id }, { lastUsedAt: new Date() });
  }
}
