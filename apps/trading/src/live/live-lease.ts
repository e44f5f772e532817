import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT } from '@wealist/redis';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

// Compare-and-act scripts: an instance renews or releases only a lease it still holds.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * One instance runs a given live strategy: it holds `trading:live:lease:{id}` (SET NX PX) and
 * renews it; when the instance dies the lease lapses and another one resumes the strategy.
 */
@Injectable()
export class LiveLease {
  /** This process; the value of the leases it holds. */
  readonly holder = randomUUID();

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async acquire(liveStrategyId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(keyOf(liveStrategyId), this.holder, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async renew(liveStrategyId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, keyOf(liveStrategyId), this.holder, String(ttlMs))) === 1;
  }

  async release(liveStrategyId: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, keyOf(liveStrategyId), this.holder);
  }
}

function keyOf(id: string): string {
  return `trading:live:lease:${id}`;
}
