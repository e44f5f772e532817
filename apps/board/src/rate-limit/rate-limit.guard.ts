import { HttpException, HttpStatus, Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, type AuthenticatedRequest } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import { IS_PUBLIC, ServiceMetrics } from '@wealist/telemetry';
import type { FastifyReply } from 'fastify';
import type { Counter } from 'prom-client';
import type { BoardConfig } from '../board.config';
import { rateLimitSubject, retryAfterSeconds, tierQuota, type RateLimitSettings } from './rate-limit.policy';
import { RateLimiterRepository } from './rate-limiter.repository';

/**
 * Counts every authenticated request against its caller's plan-tier limit; over the limit:
 * 429 with Retry-After. A guard rather than an interceptor keeps the hot path free of the
 * per-request Observable chain. It runs after the global auth guard, and authenticates itself
 * should it ever run first. If Redis cannot be asked the request passes: an outage of the
 * counter must not take the API down with it.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);
  private readonly settings: RateLimitSettings;
  private readonly limited: Counter<'tier'>;
  private lastWarning = 0;

  constructor(
    private readonly limiter: RateLimiterRepository,
    private readonly auth: AuthGuard,
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) config: BoardConfig,
    metrics: ServiceMetrics,
  ) {
    this.settings = {
      windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
      perTier: { free: config.RATE_LIMIT_FREE, premium: config.RATE_LIMIT_PREMIUM, enterprise: config.RATE_LIMIT_ENTERPRISE },
    };
    this.limited = metrics.counter('board_rate_limited_total', 'Requests refused with 429, by plan tier', ['tier']);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const caller = (request.user ??= await this.auth.authenticate(request));
    const quota = tierQuota(this.settings, caller.planTier);
    let decision;
    try {
      decision = await this.limiter.take(rateLimitSubject(caller), quota.intervalMs, quota.windowMs);
    } catch (err) {
      // Once per 10 s at most: during a Redis outage every request would otherwise log it.
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`rate limit not checked: ${err instanceof Error ? err.message : String(err)}`);
      }
      return true;
    }
    void http.getResponse<FastifyReply>().header('X-RateLimit-Limit', quota.limit).header('X-RateLimit-Remaining', decision.remaining);
    if (decision.allowed) return true;
    this.limited.inc({ tier: caller.planTier ?? 'free' });
    const seconds = retryAfterSeconds(decision.retryAfterMs);
    throw Object.assign(
      new HttpException(`Rate limit of ${quota.limit} requests per ${this.settings.windowSeconds} s exceeded; retry in ${seconds} s`, HttpStatus.TOO_MANY_REQUESTS),
      { headers: { 'Retry-After': String(seconds) } },
    );
  }
}
