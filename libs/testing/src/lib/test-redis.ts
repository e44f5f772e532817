import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A key prefix (and bus namespace) unique to one test file. */
export function testNamespace(label: string): string {
  return `test:${label}:${randomBytes(4).toString('hex')}:`;
}

/** A client on one DB with the file's prefix, for asserting on what services wrote. */
export function testRedis(db: number, keyPrefix: string): Redis {
  return new Redis(TEST_REDIS_URL, { db, keyPrefix, maxRetriesPerRequest: 1 });
}

/** Deletes every key under the prefix in the given DBs. */
export async function cleanRedis(prefix: string, dbs: number[]): Promise<void> {
  for (const db of dbs) {
    const client = new Redis(TEST_REDIS_URL, { db });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await client.del(...keys);
      } while (cursor !== '0');
    } finally {
      client.disconnect();
    }
  }
}
