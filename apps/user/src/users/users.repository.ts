import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OidcIdentityEntity } from '../identities/oidc-identity.entity';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private selectById?: string;

  /**
   * Every authenticated request of /api/users/me lands here, so it runs one plain statement
   * (columns taken from the entity metadata) instead of building a query each time.
   */
  async findById(id: string): Promise<UserEntity | null> {
    this.selectById ??= `SELECT ${this.db
      .getMetadata(UserEntity)
      .columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`)
      .join(', ')} FROM users WHERE id = $1`;
    const rows = (await this.db.query(this.selectById, [id])) as Partial<UserEntity>[];
    return rows[0] ? Object.assign(new UserEntity(), rows[0]) : null;
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
