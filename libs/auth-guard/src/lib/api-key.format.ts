import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const API_KEY = /^wl_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([0-9a-f]{64})$/;

/** API keys look like `wl_<key id>_<64 hex secret>`; only a SHA-256 of the secret is stored. */
export function generateApiKey(): { keyId: string; secret: string; key: string; prefix: string } {
  const keyId = randomUUID();
  const secret = randomBytes(32).toString('hex');
  const key = `wl_${keyId}_${secret}`;
  return { keyId, secret, key, prefix: key.slice(0, 14) };
}

export function parseApiKey(key: string): { keyId: string; secret: string } | null {
  const match = API_KEY.exec(key);
  return match ? { keyId: match[1], secret: match[2] } : null;
}

/** A 256-bit random secret needs no slow hash: SHA-256 is enough and keeps every request cheap. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function apiKeySecretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashApiKeySecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
