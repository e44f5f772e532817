import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst of `capacity`, then refills at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 10, () => now);
    const taken = Array.from({ length: 12 }, () => bucket.tryTake());
    expect(taken.filter(Boolean)).toHaveLength(10);
    expect(bucket.retryAfterMs()).toBe(100);
    now += 250;
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
    now += 10_000;
    expect(Array.from({ length: 11 }, () => bucket.tryTake()).filter(Boolean)).toHaveLength(10);
  });
});
