import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuardModule } from '@wealist/auth-guard';
import { SERVICE_CATALOG, ServiceConfigModule } from '@wealist/config';
import { DatabaseModule } from '@wealist/database';
import { EventsModule } from '@wealist/events';
import { MessagingModule } from '@wealist/messaging';
import { RedisModule } from '@wealist/redis';
import { TelemetryModule } from '@wealist/telemetry';
import type { ChatConfig } from './chat.config';
import { CHAT_DATABASE } from './chat.database';
import { MessagesModule } from './messages/messages.module';
import { PresenceModule } from './presence/presence.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RoomsModule } from './rooms/rooms.module';

@Module({})
export class ChatAppModule {
  static forRoot(config: ChatConfig): DynamicModule {
    return {
      module: ChatAppModule,
      imports: [
        ServiceConfigModule.forRoot(config),
        TelemetryModule.forRoot('chat'),
        DatabaseModule.forRoot(CHAT_DATABASE),
        RedisModule.forRoot({ db: SERVICE_CATALOG.chat.redisDb, connectionName: 'chat' }),
        MessagingModule.forRoot(),
        AuthGuardModule.forRoot(),
        EventsModule.forRoot({ service: 'chat', producer: true }),
        RoomsModule,
        MessagesModule,
        PresenceModule,
        RealtimeModule,
      ],
    };
  }
}
