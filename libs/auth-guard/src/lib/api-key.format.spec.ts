import { apiKeySecretMatches, generateApiKey, hashApiKeySecret, parseApiKey } from './api-key.format';

describe('API key format', () => {
  it('round-trips a generated key and matches only its own secret', () => {
    const key = generateApiKey();
    expect(parseApiKey(key.key)).toEqual({ keyId: key.keyId, secret: key.secret });
    const hash = hashApiKeySecret(key.secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeySecretMatches(key.secret, hash)).toBe(true);
    expect(apiKeySecretMatches(generateApiKey().secret, hash)).toBe(false);
    expect(key.key.startsWith(key.prefix)).toBe(true);
  });

  it.each(['', 'wl_', 'wl_abc_def', `xx_${'0'.repeat(36)}_${'a'.repeat(64)}`, `wl_00000000-0000-0000-0000-000000000000_${'a'.repeat(63)}`])(
    'rejects %p',
    (value) => expect(parseApiKey(value)).toBeNull(),
  );
});
