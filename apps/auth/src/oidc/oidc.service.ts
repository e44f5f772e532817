import { BadRequestException, Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { AuthRedisKeys } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import { RpcClient, UserRpc } from '@wealist/messaging';
import { REDIS_CLIENT, type Redis } from '@wealist/redis';
import { createHash, randomBytes } from 'node:crypto';
import type { AuthConfig } from '../auth.config';
import { AuthService } from '../auth/auth.service';
import type { TokenPairDto } from '../auth/dto/auth.dto';
import { OidcClient } from './oidc.client';

const STATE_TTL_SECONDS = 600;

interface PendingLogin {
  provider: string;
  nonce: string;
  codeVerifier: string;
}

@Injectable()
export class OidcService {
  private readonly clients: Map<string, OidcClient>;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly rpc: RpcClient,
    private readonly auth: AuthService,
  ) {
    this.clients = new Map(config.oidcProviders.map((p) => [p.name, new OidcClient(p)]));
  }

  providers(): string[] {
    return [...this.clients.keys()];
  }

  /** Starts a login: remembers state, nonce and PKCE verifier for ten minutes, returns the redirect. */
  async start(provider: string): Promise<string> {
    const client = this.client(provider);
    const state = randomBytes(32).toString('base64url');
    const pending: PendingLogin = {
      provider,
      nonce: randomBytes(32).toString('base64url'),
      codeVerifier: randomBytes(32).toString('base64url'),
    };
    await this.redis.set(AuthRedisKeys.oidcState(state), JSON.stringify(pending), 'EX', STATE_TTL_SECONDS);
    return client.authorizationUrl({
      redirectUri: this.redirectUri(provider),
      state,
      nonce: pending.nonce,
      codeChallenge: createHash('sha256').update(pending.codeVerifier).digest('base64url'),
    });
  }

  /** Finishes a login: the state is single-use, the code is exchanged, the identity linked. */
  async finish(provider: string, query: { code?: string; state?: string; error?: string }): Promise<TokenPairDto> {
    const client = this.client(provider);
    if (query.error) throw new UnauthorizedException(`Identity provider refused the login (${query.error.slice(0, 100)})`);
    if (!query.state || !query.code) throw new BadRequestException('code and state are required');
    const raw = await this.redis.getdel(AuthRedisKeys.oidcState(query.state));
    const pending = raw ? (JSON.parse(raw) as PendingLogin) : null;
    if (!pending || pending.provider !== provider) throw new BadRequestException('Unknown or expired login state');
    const claims = await client.exchange({
      code: query.code,
      redirectUri: this.redirectUri(provider),
      codeVerifier: pending.codeVerifier,
      nonce: pending.nonce,
    });
    const user = await this.rpc.call(UserRpc.linkOidcIdentity, {
      provider,
      subject: claims.subject,
      email: claims.email,
      emailVerified: claims.emailVerified,
      name: claims.name,
    });
    return this.auth.startSession(user);
  }

  private client(provider: string): OidcClient {
    const client = this.clients.get(provider);
    if (!client) throw new NotFoundException(`Unknown identity provider "${provider.slice(0, 40)}"`);
    return client;
  }

  private redirectUri(provider: string): string {
    return `${this.config.PUBLIC_URL}/api/auth/oidc/${provider}/callback`;
  }
}
