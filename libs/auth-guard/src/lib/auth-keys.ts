/** Redis DB 0 key layout (PLATFORM.md): owned by auth, read by every service's guard. */
export const AuthRedisKeys = {
  refreshToken: (userId: string) => `refresh_token:${userId}`,
  blacklist: (tokenId: string) => `blacklist:${tokenId}`,
  apiKey: (keyId: string) => `api_key:${keyId}`,
  loginFailures: (kind: 'email' | 'ip', value: string) => `login_fail:${kind}:${value}`,
  oidcState: (state: string) => `oidc_state:${state}`,
} as const;
