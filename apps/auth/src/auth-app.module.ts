import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuardModule } from '@wealist/auth-guard';
import { SERVICE_CATALOG, ServiceConfigModule } from '@wealist/config';
import { MessagingModule } from '@wealist/messaging';
import { RedisModule } from '@wealist/redis';
import { TelemetryModule } from '@wealist/telemetry';
import { ApiKeysModule } from './api-keys/api-keys.module';
import type { AuthConfig } from './auth.config';
import { AuthModule } from './auth/auth.module';
import { OidcModule } from './oidc/oidc.module';

@Module({})
export class AuthAppModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthAppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        TelemetryModule.forRoot('auth'),
        RedisModule.forRoot({ db: SERVICE_CATALOG.auth.redisDb, connectionName: 'auth' }),
        MessagingModule.forRoot(),
        AuthGuardModule.forRoot(),
        AuthModule,
        ApiKeysModule,
        OidcModule,
      ],
    };
  }
}
