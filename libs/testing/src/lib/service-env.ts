import type { TestKeys } from './test-keys';
import { TEST_REDIS_URL } from './test-redis';

/**
 * The environment a service needs in a test: quiet logs, the file's Redis prefix and bus
 * namespace, and the file's signing keys. Spread a TestDatabase's env over it for Postgres.
 */
export function testServiceEnv(namespace: string, keys: TestKeys, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: namespace,
    MESSAGING_NAMESPACE: namespace,
    JWT_PUBLIC_KEY: keys.publicKey,
    JWT_PRIVATE_KEY: keys.privateKey,
    ...extra,
  };
}
