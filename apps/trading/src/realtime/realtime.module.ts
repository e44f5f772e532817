import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { TradingPushChannel } from './trading-push.channel';
import { TradingSocketServer } from './trading-socket.server';

@Module({
  imports: [AccessModule],
  providers: [TradingPushChannel, TradingSocketServer],
  exports: [TradingPushChannel],
})
export class RealtimeModule {}
