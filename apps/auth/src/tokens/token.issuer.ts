import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { ACCESS_TOKEN_USE, REFRESH_TOKEN_USE, TOKEN_ALGORITHM } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import type { UserSummary } from '@wealist/messaging';
import { importPKCS8, importSPKI, jwtVerify, SignJWT, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import type { AuthConfig } from '../auth.config';

export interface RefreshClaims {
  sub: string;
  sid: string;
  jti: string;
  exp: number;
}

export interface SignedPair {
  accessToken: string;
  refreshToken: string;
  accessTokenId: string;
  refreshTokenId: string;
  expiresIn: number;
}

/** Signs and checks Wealist tokens (ES256). Only auth holds the private key. */
@Injectable()
export class TokenIssuer {
  private readonly privateKey: Promise<KeyLike>;
  private readonly publicKey: Promise<KeyLike>;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: AuthConfig) {
    this.privateKey = importPKCS8(config.JWT_PRIVATE_KEY, TOKEN_ALGORITHM);
    this.publicKey = importSPKI(config.JWT_PUBLIC_KEY, TOKEN_ALGORITHM);
  }

  async sign(user: UserSummary, sessionId: string): Promise<SignedPair> {
    const key = await this.privateKey;
    const now = Math.floor(Date.now() / 1000);
    const common = { sub: user.id, sid: sessionId, iss: this.config.JWT_ISSUER, aud: this.config.JWT_AUDIENCE, iat: now };
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ ...common, ...claims }).setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' }).sign(key);

    const accessTokenId = randomUUID();
    const refreshTokenId = randomUUID();
    const accessToken = await sign({
      jti: accessTokenId,
      exp: now + this.config.ACCESS_TOKEN_TTL_SECONDS,
      token_use: ACCESS_TOKEN_USE,
      email: user.email,
      name: user.name,
      tier: user.planTier,
    });
    const refreshToken = await sign({
      jti: refreshTokenId,
      exp: now + this.config.REFRESH_TOKEN_TTL_SECONDS,
      token_use: REFRESH_TOKEN_USE,
    });
    return { accessToken, refreshToken, accessTokenId, refreshTokenId, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS };
  }

  async verifyRefresh(token: string): Promise<RefreshClaims> {
    try {
      const { payload } = await jwtVerify(token, await this.publicKey, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        requiredClaims: ['sub', 'sid', 'jti', 'exp'],
      });
      if (payload['token_use'] !== REFRESH_TOKEN_USE) throw new Error('not a refresh token');
      return payload as unknown as RefreshClaims;
    } catch {
      throw new UnauthorizedException('Invalid refresh token');
    }
  }
}
