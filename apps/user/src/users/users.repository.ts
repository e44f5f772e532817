import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OidcIdentityEntity } from '../identities/oidc-identity.entity';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ id });
  }

  findByEmail(email: string, manager: EntityManager = this.db.manager): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOneBy({ email: email.toLowerCase() });
  }

  async create(
    data: Pick<UserEntity, 'email' | 'name' | 'passwordHash'>,
    manager: EntityManager = this.db.manager,
  ): Promise<UserEntity> {
    const repo = manager.getRepository(UserEntity);
    return repo.save(repo.create({ ...data, email: data.email.toLowerCase() }));
  }

  async updateName(id: string, name: string): Promise<UserEntity | null> {
    await this.db.getRepository(UserEntity).update({ id }, { name });
    return this.findById(id);
  }

  findIdentity(provider: string, subject: string, manager: EntityManager = this.db.manager) {
    return manager.getRepository(OidcIdentityEntity).findOneBy({ provider, subject });
  }

  async addIdentity(data: Pick<OidcIdentityEntity, 'provider' | 'subject' | 'userId' | 'email'>, manager: EntityManager) {
    const repo = manager.getRepository(OidcIdentityEntity);
    await repo.insert(repo.create(data));
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
