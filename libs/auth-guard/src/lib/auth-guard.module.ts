import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SERVICE_CONFIG, type CommonEnv } from '@wealist/config';
import { RpcClient } from '@wealist/messaging';
import { closeRedisClient, createRedisClient } from '@wealist/redis';
import { HealthRegistry } from '@wealist/telemetry';
import type { Redis } from 'ioredis';
import { AccessTokenVerifier } from './access-token.verifier';
import { ApiKeyVerifier } from './api-key.verifier';
import { AuthGuard } from './auth.guard';
import { RevocationStore } from './revocation.store';

/** Client on auth's Redis DB 0, where revocations and the API key index live. */
export const AUTH_STATE_REDIS = Symbol('AUTH_STATE_REDIS');

class AuthStateLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(AUTH_STATE_REDIS) private readonly redis: Redis,
    private readonly health: HealthRegistry,
  ) {}
  onModuleInit(): void {
    this.health.register({ name: 'auth-state-redis', check: async () => void (await this.redis.ping()) });
  }
  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.redis);
  }
}

/** Installs the global AuthGuard; requires MessagingModule (API key fallback) and TelemetryModule. */
@Global()
@Module({})
export class AuthGuardModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthGuardModule,
      providers: [
        {
          provide: AUTH_STATE_REDIS,
          inject: [SERVICE_CONFIG],
          useFactory: (config: CommonEnv) =>
            createRedisClient({
              url: config.REDIS_URL,
              db: config.AUTH_REDIS_DB,
              keyPrefix: config.REDIS_KEY_PREFIX,
              connectionName: 'auth-guard',
            }),
        },
        {
          provide: AccessTokenVerifier,
          inject: [SERVICE_CONFIG],
          useFactory: (config: CommonEnv) =>
            new AccessTokenVerifier(config.JWT_PUBLIC_KEY, config.JWT_ISSUER, config.JWT_AUDIENCE),
        },
        { provide: RevocationStore, inject: [AUTH_STATE_REDIS], useFactory: (r: Redis) => new RevocationStore(r) },
        {
          provide: ApiKeyVerifier,
          inject: [AUTH_STATE_REDIS, RpcClient],
          useFactory: (r: Redis, rpc: RpcClient) => new ApiKeyVerifier(r, rpc),
        },
        {
          provide: AuthStateLifecycle,
          inject: [AUTH_STATE_REDIS, HealthRegistry],
          useFactory: (r: Redis, h: HealthRegistry) => new AuthStateLifecycle(r, h),
        },
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
      exports: [AUTH_STATE_REDIS, AccessTokenVerifier, RevocationStore, AuthGuard],
    };
  }
}
