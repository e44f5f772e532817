import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { RevocationStore, type AuthenticatedUser } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import { RpcClient, UserRpc, type UserSummary } from '@wealist/messaging';
import { randomUUID } from 'node:crypto';
import type { AuthConfig } from '../auth.config';
import { PasswordHasher } from '../passwords/password.hasher';
import { RefreshTokenStore } from '../tokens/refresh-token.store';
import { TokenIssuer } from '../tokens/token.issuer';
import type { RegisterDto, TokenPairDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle';

const INVALID_LOGIN = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
    private readonly rpc: RpcClient,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenIssuer,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly revocations: RevocationStore,
    private readonly throttle: LoginThrottle,
  ) {}

  async register(input: RegisterDto): Promise<TokenPairDto> {
    const passwordHash = await this.passwords.hash(input.password);
    const user = await this.rpc.call(UserRpc.createUser, { email: input.email.toLowerCase(), name: input.name, passwordHash });
    return this.startSession(user);
  }

  /** Same 401 for an unknown email and a wrong password; repeated failures get 429. */
  async login(email: string, password: string, ip: string): Promise<TokenPairDto> {
    const normalized = email.toLowerCase();
    await this.throttle.assertAllowed(normalized, ip);
    const credentials = await this.rpc.call(UserRpc.findCredentials, { email: normalized });
    const ok = await this.passwords.verify(credentials?.passwordHash ?? null, password);
    if (!credentials || !credentials.passwordHash || !ok) {
      await this.throttle.recordFailure(normalized, ip);
      throw new UnauthorizedException(INVALID_LOGIN);
    }
    await this.throttle.recordSuccess(normalized);
    const { passwordHash: _omit, ...user } = credentials;
    return this.startSession(user);
  }

  async startSession(user: UserSummary): Promise<TokenPairDto> {
    const sessionId = randomUUID();
    const pair = await this.tokens.sign(user, sessionId);
    await this.refreshTokens.start(user.id, sessionId, pair.refreshTokenId, this.config.REFRESH_TOKEN_TTL_SECONDS);
    return this.toDto(pair, user);
  }

  /** Rotates the pair; a refresh token used twice revokes its whole session at once. */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const claims = await this.tokens.verifyRefresh(refreshToken);
    const user = await this.rpc.call(UserRpc.findUser, { userId: claims.sub });
    if (!user) throw new UnauthorizedException('Invalid refresh token');
    const next = await this.tokens.sign(user, claims.sid);
    const result = await this.refreshTokens.rotate(
      user.id,
      claims.sid,
      claims.jti,
      next.refreshTokenId,
      this.config.REFRESH_TOKEN_TTL_SECONDS,
    );
    if (result === 'reused') {
      await this.revocations.revoke(claims.sid, this.config.ACCESS_TOKEN_TTL_SECONDS);
      throw new UnauthorizedException('Refresh token was already used; the session has been revoked');
    }
    if (result === 'unknown') throw new UnauthorizedException('Session has ended');
    return this.toDto(next, user);
  }

  /** Revokes the access token at once everywhere, and ends its session (refresh token too). */
  async logout(caller: AuthenticatedUser): Promise<void> {
    if (!caller.tokenId || !caller.sessionId || !caller.expiresAt) {
      throw new UnauthorizedException('Logout needs the access token of a session');
    }
    const remaining = caller.expiresAt - Math.floor(Date.now() / 1000);
    await this.revocations.revoke(caller.tokenId, remaining);
    await this.revocations.revoke(caller.sessionId, this.config.ACCESS_TOKEN_TTL_SECONDS);
    await this.refreshTokens.end(caller.id, caller.sessionId);
  }

  private toDto(pair: { accessToken: string; refreshToken: string; expiresIn: number }, user: UserSummary): TokenPairDto {
    return {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresIn: pair.expiresIn,
      tokenType: 'Bearer',
      user: { id: user.id, email: user.email, name: user.name },
    };
  }
}
