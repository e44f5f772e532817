import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuthRedisKeys } from '@wealist/auth-guard';
import { SERVICE_CONFIG } from '@wealist/config';
import { REDIS_CLIENT, type Redis } from '@wealist/redis';
import type { AuthConfig } from '../auth.config';

/** 429 with Retry-After, in the platform's error shape. */
export class TooManyAttemptsException extends HttpException {
  readonly headers: Record<string, string>;
  constructor(retryAfterSeconds: number) {
    super('Too many failed sign-in attempts; try again later', HttpStatus.TOO_MANY_REQUESTS);
    this.headers = { 'Retry-After': String(Math.max(1, retryAfterSeconds)) };
  }
}

/**
 * Counts failed logins per account and per client address in Redis (so the count holds across
 * auth instances). Past the limit every attempt gets 429 until the window runs out.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const accountKey = AuthRedisKeys.loginFailures('email', email);
    const ipKey = AuthRedisKeys.loginFailures('ip', ip);
    const [[, account], [, byIp], [, accountTtl], [, ipTtl]] = (await this.redis
      .multi()
      .get(accountKey)
      .get(ipKey)
      .ttl(accountKey)
      .ttl(ipKey)
      .exec()) as [unknown, string | number | null][];
    if (Number(account ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
      throw new TooManyAttemptsException(Number(accountTtl));
    }
    if (Number(byIp ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_IP) {
      throw new TooManyAttemptsException(Number(ipTtl));
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.config.LOGIN_FAILURE_WINDOW_SECONDS;
    const accountKey = AuthRedisKeys.loginFailures('email', email);
    const ipKey = AuthRedisKeys.loginFailures('ip', ip);
    // NX: the window starts at the first failure and is not extended by later ones.
    await this.redis.multi().incr(accountKey).expire(accountKey, window, 'NX').incr(ipKey).expire(ipKey, window, 'NX').exec();
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(AuthRedisKeys.loginFailures('email', email));
  }
}
