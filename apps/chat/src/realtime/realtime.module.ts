import { Module } from '@nestjs/common';
import { FanoutModule } from '../fanout/fanout.module';
import { MessagesModule } from '../messages/messages.module';
import { PresenceModule } from '../presence/presence.module';
import { RoomsModule } from '../rooms/rooms.module';
import { ChatSocketServer } from './chat-socket.server';
import { RoomFeeds } from './room-feeds';

@Module({
  imports: [FanoutModule, MessagesModule, RoomsModule, PresenceModule],
  providers: [RoomFeeds, ChatSocketServer],
})
export class RealtimeModule {}
