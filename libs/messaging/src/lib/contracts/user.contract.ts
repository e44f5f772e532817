import { rpc } from '../rpc.contract';

export type PlanTier = 'free' | 'premium' | 'enterprise';
export const PLAN_TIERS: readonly PlanTier[] = ['free', 'premium', 'enterprise'];

export type WorkspaceRole = 'owner' | 'admin' | 'member';
export const WORKSPACE_ROLES: readonly WorkspaceRole[] = ['owner', 'admin', 'member'];

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  planTier: PlanTier;
}

export interface UserCredentials extends UserSummary {
  /** null for accounts created through an OpenID provider that never set a password. */
  passwordHash: string | null;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  passwordHash: string;
}

export interface OidcIdentityRequest {
  provider: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateApiKeyRequest {
  userId: string;
  keyId: string;
  name: string;
  prefix: string;
  secretHash: string;
}

/** What a verifier needs to accept an API key: the owner and the hash to compare against. */
export interface ApiKeyRecord {
  keyId: string;
  secretHash: string;
  user: UserSummary;
  revoked: boolean;
}

/** RPCs served by the user service, which owns accounts, credentials, API keys and workspaces. */
export const UserRpc = {
  createUser: rpc<CreateUserRequest, UserSummary>('user.users.create'),
  findUser: rpc<{ userId: string }, UserSummary | null>('user.users.find'),
  findCredentials: rpc<{ email: string }, UserCredentials | null>('user.credentials.find'),
  linkOidcIdentity: rpc<OidcIdentityRequest, UserSummary>('user.oidc.link'),
  createApiKey: rpc<CreateApiKeyRequest, ApiKeySummary>('user.api-keys.create'),
  listApiKeys: rpc<{ userId: string }, ApiKeySummary[]>('user.api-keys.list'),
  revokeApiKey: rpc<{ userId: string; keyId: string }, ApiKeySummary>('user.api-keys.revoke'),
  resolveApiKey: rpc<{ keyId: string }, ApiKeyRecord | null>('user.api-keys.resolve'),
  workspaceRole: rpc<{ workspaceId: string; userId: string }, { role: WorkspaceRole | null }>('user.workspaces.role'),
} as const;
