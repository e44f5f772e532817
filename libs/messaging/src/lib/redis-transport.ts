import { ClientRedis, ServerRedis, type RedisOptions } from '@nestjs/microservices';

type TransportOptions = Required<RedisOptions>['options'];

/**
 * Nest's Redis transport with every channel under a namespace. Deployments leave it empty;
 * tests give each file its own, so parallel files never answer each other's requests.
 */
export class NamespacedRedisServer extends ServerRedis {
  constructor(
    private readonly namespace: string,
    options: TransportOptions,
  ) {
    super(options);
  }

  override getRequestPattern(pattern: string): string {
    return `${this.namespace}${pattern}`;
  }

  override getHandlerByPattern(pattern: string) {
    const bare = pattern.startsWith(this.namespace) ? pattern.slice(this.namespace.length) : pattern;
    return super.getHandlerByPattern(bare);
  }
}

export class NamespacedRedisClient extends ClientRedis {
  constructor(
    private readonly namespace: string,
    options: TransportOptions,
  ) {
    super(options);
  }

  override getRequestPattern(pattern: string): string {
    return `${this.namespace}${pattern}`;
  }

  override getReplyPattern(pattern: string): string {
    return `${this.namespace}${pattern}.reply`;
  }
}

export interface BusConnection {
  url: string;
  db: number;
  namespace: string;
}

export function transportOptions(bus: BusConnection): TransportOptions {
  const url = new URL(bus.url);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    db: bus.db,
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: 1,
    retryAttempts: Number.MAX_SAFE_INTEGER,
    retryDelay: 1_000,
  } as TransportOptions;
}
