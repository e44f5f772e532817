import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT } from '@wealist/redis';
import type { Redis } from 'ioredis';

/**
 * GCRA (a token bucket kept as one timestamp) in a Lua script, so every instance shares one
 * count per subject in Redis DB 1 and the check-and-update is atomic. The clock is Redis's
 * own TIME, so instances with drifting clocks still agree.
 *
 * KEYS[1] subject key; ARGV[1] emission interval ms; ARGV[2] burst window ms.
 * Returns {allowed 1|0, remaining, retry-after ms}.
 */
const GCRA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local next_tat = tat + interval
local allow_at = next_tat - burst
if now < allow_at then
  return {0, 0, math.ceil(allow_at - now)}
end
-- At least 1 ms: with tiny intervals next_tat - now can round to 0 in double precision.
redis.call('SET', KEYS[1], tostring(next_tat), 'PX', math.max(1, math.ceil(next_tat - now)))
return {1, math.floor((burst - (next_tat - now)) / interval), 0}
`;

export interface RateDecision {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
}

type GcraClient = Redis & { wealistGcra(key: string, interval: number, burst: number): Promise<[number, number, number]> };

@Injectable()
export class RateLimiterRepository {
  private readonly redis: GcraClient;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    redis.defineCommand('wealistGcra', { numberOfKeys: 1, lua: GCRA });
    this.redis = redis as GcraClient;
  }

  async take(subject: string, intervalMs: number, windowMs: number): Promise<RateDecision> {
    const [allowed, remaining, retryAfterMs] = await this.redis.wealistGcra(`ratelimit:${subject}`, intervalMs, windowMs);
    return { allowed: allowed === 1, remaining: Math.max(0, remaining), retryAfterMs };
  }
}
