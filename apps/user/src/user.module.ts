import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuardModule } from '@wealist/auth-guard';
import { ServiceConfigModule } from '@wealist/config';
import { DatabaseModule } from '@wealist/database';
import { EventsModule } from '@wealist/events';
import { MessagingModule } from '@wealist/messaging';
import { ObjectStoreModule } from '@wealist/object-store';
import { TelemetryModule } from '@wealist/telemetry';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AvatarsModule } from './avatars/avatars.module';
import type { UserConfig } from './user.config';
import { USER_DATABASE } from './user.database';
import { UsersModule } from './users/users.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class UserAppModule {
  static forRoot(config: UserConfig): DynamicModule {
    return {
      module: UserAppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        TelemetryModule.forRoot('user'),
        DatabaseModule.forRoot(USER_DATABASE),
        MessagingModule.forRoot(),
        EventsModule.forRoot({ service: 'user', producer: true }),
        // Avatars must not decide readiness: every service's sign-in depends on this one.
        ObjectStoreModule.forRoot({ readiness: false }),
        AuthGuardModule.forRoot(),
        UsersModule,
        ApiKeysModule,
        WorkspacesModule,
        AvatarsModule,
      ],
    };
  }
}
