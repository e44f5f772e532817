import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { SERVICE_CONFIG, type CommonEnv } from '@wealist/config';
import { HealthRegistry } from '@wealist/telemetry';
import { closeRedisClient, createRedisClient } from './redis.factory';

/** DI token of the service's own Redis client (its catalog DB). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export interface RedisModuleOptions {
  /** The service's logical DB (from the catalog). */
  db: number;
  connectionName: string;
}

class RedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: Redis,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'redis',
      check: async () => {
        await this.client.ping();
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.client);
  }
}

/** One ioredis client per service, created once and closed on shutdown, with a readiness check. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(options: RedisModuleOptions): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS_CLIENT,
          inject: [SERVICE_CONFIG],
          useFactory: (config: CommonEnv) =>
            createRedisClient({
              url: config.REDIS_URL,
              db: options.db,
              keyPrefix: config.REDIS_KEY_PREFIX,
              connectionName: options.connectionName,
            }),
        },
        { provide: RedisLifecycle, inject: [REDIS_CLIENT, HealthRegistry], useFactory: (c: Redis, h: HealthRegistry) => new RedisLifecycle(c, h) },
      ],
      exports: [REDIS_CLIENT],
    };
  }
}
