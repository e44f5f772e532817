import { UnauthorizedException } from '@nestjs/common';
import { errors, importSPKI, jwtVerify, type KeyLike } from 'jose';
import { ACCESS_TOKEN_USE, TOKEN_ALGORITHM, type AccessTokenClaims } from './token-claims';

/** Verifies access tokens: ES256 only, signature, exp, iss, aud and token type. */
export class AccessTokenVerifier {
  private key?: Promise<KeyLike>;

  constructor(
    private readonly publicKeyPem: string,
    private readonly issuer: string,
    private readonly audience: string,
  ) {}

  async verify(token: string): Promise<AccessTokenClaims> {
    this.key ??= importSPKI(this.publicKeyPem, TOKEN_ALGORITHM);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, await this.key, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ['sub', 'jti', 'exp', 'sid'],
      }));
    } catch (err) {
      throw new UnauthorizedException(err instanceof errors.JWTExpired ? 'Access token expired' : 'Invalid access token');
    }
    if (payload['token_use'] !== ACCESS_TOKEN_USE) throw new UnauthorizedException('Not an access token');
    return payload as unknown as AccessTokenClaims;
  }
}
