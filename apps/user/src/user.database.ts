import type { ServiceDatabaseDefinition } from '@wealist/database';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { OidcIdentityEntity } from './identities/oidc-identity.entity';
import { InitialSchema1763700000000 } from './migrations/1763700000000-initial-schema';
import { UserEntity } from './users/user.entity';
import { WorkspaceMemberEntity } from './workspaces/workspace-member.entity';
import { WorkspaceEntity } from './workspaces/workspace.entity';

/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const USER_DATABASE: ServiceDatabaseDefinition = {
  entities: [UserEntity, OidcIdentityEntity, ApiKeyEntity, WorkspaceEntity, WorkspaceMemberEntity],
  migrations: [InitialSchema1763700000000],
};
