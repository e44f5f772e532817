import { BadGatewayException, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { OidcProviderConfig } from '../auth.config';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
}

export interface OidcClaims {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

const TIMEOUT_MS = 5_000;

/**
 * The relying-party side of the authorization code flow (with PKCE) for one provider: discovery,
 * code exchange with client_secret_basic, and ID token verification against the provider's JWKS.
 */
export class OidcClient {
  private discovery?: Promise<Discovery>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(readonly config: OidcProviderConfig) {}

  async authorizationUrl(params: { redirectUri: string; state: string; nonce: string; codeChallenge: string }): Promise<string> {
    const d = await this.discover();
    const url = new URL(d.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: params.redirectUri,
      scope: this.config.scopes,
      state: params.state,
      nonce: params.nonce,
      code_challenge: params.codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  async exchange(params: { code: string; redirectUri: string; codeVerifier: string; nonce: string }): Promise<OidcClaims> {
    const d = await this.discover();
    const basic = Buffer.from(
      `${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`,
    ).toString('base64');
    const response = await fetch(d.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.code,
        redirect_uri: params.redirectUri,
        code_verifier: params.codeVerifier,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch(() => {
      throw new BadGatewayException('Identity provider is unreachable');
    });
    const body = (await response.json().catch(() => ({}))) as { id_token?: string; access_token?: string };
    if (!response.ok || !body.id_token) throw new UnauthorizedException('Identity provider rejected the authorization code');

    this.jwks ??= createRemoteJWKSet(new URL(d.jwks_uri), { timeoutDuration: TIMEOUT_MS });
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(body.id_token, this.jwks, { issuer: d.issuer, audience: this.config.clientId }));
    } catch {
      throw new UnauthorizedException('Identity provider returned an invalid ID token');
    }
    if (claims['nonce'] !== params.nonce || !claims.sub) throw new UnauthorizedException('ID token does not match this login');

    let profile: Record<string, unknown> = claims;
    if (!claims['email'] && d.userinfo_endpoint && body.access_token) {
      profile = { ...claims, ...(await this.userinfo(d.userinfo_endpoint, body.access_token, claims.sub)) };
    }
    return {
      subject: claims.sub,
      email: typeof profile['email'] === 'string' ? profile['email'] : null,
      emailVerified: profile['email_verified'] === true,
      name: typeof profile['name'] === 'string' ? profile['name'] : null,
    };
  }

  private async userinfo(endpoint: string, accessToken: string, subject: string): Promise<Record<string, unknown>> {
    const response = await fetch(endpoint, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch(() => null);
    if (!response?.ok) return {};
    const info = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    // A userinfo answer for another subject is ignored (OIDC Core 5.3.2).
    return info['sub'] === subject ? info : {};
  }

  private discover(): Promise<Discovery> {
    this.discovery ??= (async () => {
      const url = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) }).catch(() => null);
      const d = response?.ok ? ((await response.json()) as Discovery) : null;
      if (!d || d.issuer.replace(/\/$/, '') !== this.config.issuer.replace(/\/$/, '')) {
        throw new BadGatewayException(`Identity provider ${this.config.name} discovery failed`);
      }
      return d;
    })();
    // A failed discovery is retried on the next login instead of being cached forever.
    this.discovery.catch(() => (this.discovery = undefined));
    return this.discovery;
  }
}
