import { Module } from '@nestjs/common';
import { LiveKitRooms } from './livekit-rooms.client';
import { LiveKitTokens } from './livekit.tokens';
import { TurnCredentials } from './turn-credentials';

@Module({ providers: [LiveKitTokens, LiveKitRooms, TurnCredentials], exports: [LiveKitTokens, LiveKitRooms, TurnCredentials] })
export class LiveKitModule {}
