import { Module } from '@nestjs/common';
import { NotificationSocketServer } from './notification-socket.server';
import { UserChannel } from './user-channel';

@Module({
  providers: [UserChannel, NotificationSocketServer],
  exports: [UserChannel],
})
export class RealtimeModule {}
