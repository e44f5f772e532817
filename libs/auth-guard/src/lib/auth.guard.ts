import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@wealist/telemetry';
import type { FastifyRequest } from 'fastify';
import { AccessTokenVerifier } from './access-token.verifier';
import { ApiKeyVerifier } from './api-key.verifier';
import { RevocationStore } from './revocation.store';
import type { AuthenticatedUser } from './token-claims';

export type AuthenticatedRequest = FastifyRequest & { user?: AuthenticatedUser };

/** Global guard: every route needs a valid, unrevoked access token or API key unless @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenVerifier,
    private readonly revocations: RevocationStore,
    private readonly apiKeys: ApiKeyVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = await this.authenticate(request);
    return true;
  }

  async authenticate(request: FastifyRequest): Promise<AuthenticatedUser> {
    const authorization = request.headers.authorization;
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) {
        throw new UnauthorizedException('Authorization header must be "Bearer <token>"');
      }
      const claims = await this.tokens.verify(token);
      if (await this.revocations.isRevoked(claims.jti, claims.sid)) {
        throw new UnauthorizedException('Access token revoked');
      }
      return {
        id: claims.sub,
        email: claims.email,
        name: claims.name,
        planTier: claims.tier,
        via: 'token',
        tokenId: claims.jti,
        sessionId: claims.sid,
        expiresAt: claims.exp,
      };
    }
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey.length > 0) return this.apiKeys.verify(apiKey);
    throw new UnauthorizedException('Missing bearer token or API key');
  }
}
