import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiterRepository } from './rate-limiter.repository';

/** Applies the plan-tier rate limit to every authenticated route of the service. */
@Module({
  providers: [RateLimiterRepository, RateLimitGuard, { provide: APP_GUARD, useExisting: RateLimitGuard }],
})
export class RateLimitModule {}
