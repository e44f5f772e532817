import type { PlanTier } from '@wealist/messaging';

export const ACCESS_TOKEN_USE = 'access';
export const REFRESH_TOKEN_USE = 'refresh';
/** The only signing algorithm accepted anywhere; "none" and HMAC confusion are refused. */
export const TOKEN_ALGORITHM = 'ES256';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  name: string;
  tier: PlanTier;
  /** Session (refresh family) id: revoking it revokes every access token of the session. */
  sid: string;
  jti: string;
  exp: number;
  token_use: typeof ACCESS_TOKEN_USE;
}

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  planTier: PlanTier;
  via: 'token' | 'api-key';
  tokenId?: string;
  sessionId?: string;
  /** Access token expiry, seconds since the epoch. */
  expiresAt?: number;
  apiKeyId?: string;
}
