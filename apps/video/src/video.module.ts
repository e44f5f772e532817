import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuardModule } from '@wealist/auth-guard';
import { SERVICE_CATALOG, ServiceConfigModule } from '@wealist/config';
import { DatabaseModule } from '@wealist/database';
import { MessagingModule } from '@wealist/messaging';
import { RedisModule } from '@wealist/redis';
import { TelemetryModule } from '@wealist/telemetry';
import { CallsModule } from './calls/calls.module';
import { RoomsModule } from './rooms/rooms.module';
import { SessionsModule } from './sessions/sessions.module';
import type { VideoConfig } from './video.config';
import { VIDEO_DATABASE } from './video.database';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class VideoAppModule {
  static forRoot(config: VideoConfig): DynamicModule {
    return {
      module: VideoAppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        TelemetryModule.forRoot('video'),
        DatabaseModule.forRoot(VIDEO_DATABASE),
        // LiveKit is not a readiness dependency: joining needs no call to it (tokens are signed
        // here), and rooms, state and history stay available while the SFU restarts.
        RedisModule.forRoot({ db: SERVICE_CATALOG.video.redisDb, connectionName: 'video' }),
        MessagingModule.forRoot(),
        AuthGuardModule.forRoot(),
        RoomsModule,
        SessionsModule,
        CallsModule,
        WebhooksModule,
      ],
    };
  }
}
