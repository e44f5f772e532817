import { Module } from '@nestjs/common';
import { ChatMetrics } from './chat.metrics';
import { RoomBus } from './room-bus';

@Module({ providers: [RoomBus, ChatMetrics], exports: [RoomBus, ChatMetrics] })
export class FanoutModule {}
