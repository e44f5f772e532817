import type { ServiceDatabaseDefinition } from '@wealist/database';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { OidcIdentityEntity } from './identities/oidc-identity.entity';
import { InitialSchema1763700000000 } from './migrations/1763700000000-initial-schema';
import { OutboxEvents1763800000000 } from './migrations/1763800000000-outbox-events';
import { UserAvatars1763900000000 } from './migrations/1763900000000-user-avatars';
import { UserEntity } from './users/user.entity';
import { WorkspaceMemberEntity } from './workspaces/workspace-member.entity';
import { WorkspaceEntity } from './workspaces/workspace.entity';

/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const USER_DATABASE: ServiceDatabaseDefinition = {
  entities: [UserEntity, OidcIdentityEntity, ApiKeyEntity, WorkspaceEntity, WorkspaceMemberEntity],
  migrations: [InitialSchema1763700000000, OutboxEvents1763800000000, UserAvatars1763900000000],
};
