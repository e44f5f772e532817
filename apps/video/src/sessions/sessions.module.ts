import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { LiveKitModule } from '../livekit/livekit.module';
import { PresenceModule } from '../presence/presence.module';
import { RoomsModule } from '../rooms/rooms.module';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [RoomsModule, CallsModule, LiveKitModule, PresenceModule],
  controllers: [SessionsController],
  providers: [SessionsService],
})
export class SessionsModule {}
