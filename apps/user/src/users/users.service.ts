import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { isUniqueViolation } from '@wealist/database';
import type { CreateUserRequest, OidcIdentityRequest, UserCredentials, UserSummary } from '@wealist/messaging';
import type { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

export function toSummary(user: UserEntity): UserSummary {
  return { id: user.id, email: user.email, name: user.name, planTier: user.planTier };
}

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async create(request: CreateUserRequest): Promise<UserSummary> {
    try {
      return toSummary(await this.users.create(request));
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictException('A user with this email already exists');
      throw err;
    }
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  async find(id: string): Promise<UserSummary | null> {
    const user = await this.users.findById(id);
    return user ? toSummary(user) : null;
  }

  async credentials(email: string): Promise<UserCredentials | null> {
    const user = await this.users.findByEmail(email);
    return user ? { ...toSummary(user), passwordHash: user.passwordHash } : null;
  }

  async rename(id: string, name: string): Promise<UserEntity> {
    const user = await this.users.updateName(id, name);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  /**
   * Finds the user behind an OpenID identity: the linked one, else the local account with the
   * same verified email (linked now), else a new account. An unverified email never links, so
   * a provider cannot be used to take over someone else's account.
   */
  async linkOidcIdentity(request: OidcIdentityRequest): Promise<UserSummary> {
    try {
      return await this.users.transaction(async (manager) => {
        const identity = await this.users.findIdentity(request.provider, request.subject, manager);
        if (identity) return toSummary(await this.get(identity.userId));
        const email = request.email?.toLowerCase() ?? null;
        let user = email ? await this.users.findByEmail(email, manager) : null;
        if (user && !request.emailVerified) {
          throw new ConflictException('An account with this email exists; sign in with your password to link it');
        }
        if (!user) {
          if (!email) throw new ConflictException('The identity provider did not share an email address');
          user = await this.users.create(
            { email, name: (request.name ?? email.split('@')[0]).slice(0, 100), passwordHash: null },
            manager,
          );
        }
        await this.users.addIdentity({ provider: request.provider, subject: request.subject, userId: user.id, email }, manager);
        return toSummary(user);
      });
    } catch (err) {
      // Two first logins of the same identity at once: the loser reads what the winner wrote.
      if (isUniqueViolation(err)) {
        const identity = await this.users.findIdentity(request.provider, request.subject);
        if (identity) return toSummary(await this.get(identity.userId));
        throw new ConflictException('A user with this email already exists');
      }
      throw err;
    }
  }
}
