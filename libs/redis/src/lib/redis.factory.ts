import Redis from 'ioredis';

export interface RedisConnectionOptions {
  url: string;
  db: number;
  keyPrefix?: string;
  /** Shown in CLIENT LIST, so an operator can tell connections apart. */
  connectionName: string;
}

/**
 * Creates an ioredis client for one logical DB. Commands fail fast while Redis is away
 * (maxRetriesPerRequest 1) instead of piling up, and the client keeps reconnecting.
 */
export function createRedisClient(options: RedisConnectionOptions): Redis {
  return new Redis(options.url, {
    db: options.db,
    keyPrefix: options.keyPrefix || undefined,
    connectionName: options.connectionName,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

/** Closes a client politely, falling back to a hard disconnect when Redis does not answer. */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await Promise.race([
      client.quit(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('quit timed out')), 1_000).unref()),
    ]);
  } catch {
    client.disconnect();
  }
}
