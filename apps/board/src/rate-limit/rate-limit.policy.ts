import type { PlanTier } from '@wealist/messaging';

export interface RateLimitSettings {
  windowSeconds: number;
  perTier: Record<PlanTier, number>;
}

/** The GCRA parameters of a tier: one request per `intervalMs`, bursts of up to `limit`. */
export function tierQuota(settings: RateLimitSettings, tier: PlanTier | undefined): { limit: number; intervalMs: number; windowMs: number } {
  const limit = settings.perTier[tier ?? 'free'] ?? settings.perTier.free;
  const windowMs = settings.windowSeconds * 1000;
  return { limit, intervalMs: windowMs / limit, windowMs };
}

/** Whole seconds for Retry-After, never 0 for a refusal. */
export function retryAfterSeconds(retryMs: number): number {
  return Math.max(1, Math.ceil(retryMs / 1000));
}

/**
 * Who is counted: each API key on its own (a machine client must not eat its owner's
 * interactive budget), every token of a user together.
 */
export function rateLimitSubject(caller: { id: string; via: 'token' | 'api-key'; apiKeyId?: string }): string {
  return caller.via === 'api-key' && caller.apiKeyId ? `key:${caller.apiKeyId}` : `user:${caller.id}`;
}
