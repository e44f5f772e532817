import { commonEnvSpec, env, loadEnv, type EnvOf } from '@wealist/config';

export const AUTH_ENV_SPEC = {
  ...commonEnvSpec('auth'),
  JWT_PRIVATE_KEY: env.string({ secret: true, example: '<PEM of the ES256 private key>' }),
  ACCESS_TOKEN_TTL_SECONDS: env.int({ default: 900, min: 30, max: 86_400 }),
  REFRESH_TOKEN_TTL_SECONDS: env.int({ default: 2_592_000, min: 300, max: 31_536_000 }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: env.int({ default: 5, min: 1, max: 1_000 }),
  LOGIN_MAX_FAILURES_PER_IP: env.int({ default: 20, min: 1, max: 100_000 }),
  LOGIN_FAILURE_WINDOW_SECONDS: env.int({ default: 900, min: 1, max: 86_400 }),
  /** Public base URL of the gateway; OpenID redirect URIs are built from it. */
  PUBLIC_URL: env.url({ default: 'http://localhost', protocols: ['http', 'https'] }),
  /** Comma-separated provider names; each needs OIDC_<NAME>_ISSUER, _CLIENT_ID, _CLIENT_SECRET. */
  OIDC_PROVIDERS: env.list({ default: [], example: 'keycloak' }),
};

export type AuthBaseConfig = EnvOf<typeof AUTH_ENV_SPEC>;

export interface OidcProviderConfig {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

export type AuthConfig = AuthBaseConfig & { readonly oidcProviders: readonly OidcProviderConfig[] };

/** Per-provider variables are named after the provider, so they are validated in a second pass. */
export function oidcProviderSpec(name: string) {
  const key = name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return {
    [`OIDC_${key}_ISSUER`]: env.url({ protocols: ['http', 'https'] }),
    [`OIDC_${key}_CLIENT_ID`]: env.string(),
    [`OIDC_${key}_CLIENT_SECRET`]: env.string({ secret: true }),
    [`OIDC_${key}_SCOPES`]: env.string({ default: 'openid email profile' }),
  };
}

export function loadAuthConfig(source: NodeJS.ProcessEnv = process.env): AuthConfig {
  const base = loadEnv(AUTH_ENV_SPEC, source);
  const oidcProviders = base.OIDC_PROVIDERS.map((name) => {
    if (!/^[a-z0-9-]{1,32}$/.test(name)) {
      throw new Error(`Invalid environment: OIDC_PROVIDERS entry "${name}" must be lower-case letters, digits or dashes`);
    }
    const key = name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    const v = loadEnv(oidcProviderSpec(name), source) as Record<string, string>;
    return {
      name,
      issuer: v[`OIDC_${key}_ISSUER`],
      clientId: v[`OIDC_${key}_CLIENT_ID`],
      clientSecret: v[`OIDC_${key}_CLIENT_SECRET`],
      scopes: v[`OIDC_${key}_SCOPES`],
    };
  });
  return Object.freeze({ ...base, oidcProviders });
}
