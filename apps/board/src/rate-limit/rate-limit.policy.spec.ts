import { rateLimitSubject, retryAfterSeconds, tierQuota } from './rate-limit.policy';

describe('rate limit policy', () => {
  const settings = { windowSeconds: 60, perTier: { free: 60, premium: 600, enterprise: 6000 } };

  it('spreads each tier limit over the window, free when the tier is unknown', () => {
    expect(tierQuota(settings, 'premium')).toEqual({ limit: 600, intervalMs: 100, windowMs: 60_000 });
    expect(tierQuota(settings, undefined).limit).toBe(60);
  });

  it('rounds Retry-After up to whole seconds, at least one', () => {
    expect([0, 1, 999, 1000, 1001].map(retryAfterSeconds)).toEqual([1, 1, 1, 1, 2]);
  });

  it('counts API keys apart from their owner', () => {
    expect(rateLimitSubject({ id: 'u', via: 'token' })).toBe('user:u');
    expect(rateLimitSubject({ id: 'u', via: 'api-key', apiKeyId: 'k' })).toBe('key:k');
  });
});
